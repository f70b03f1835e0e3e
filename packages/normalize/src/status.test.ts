import { describe, expect, it } from "vitest";
import { parseStatus } from "./index.js";

describe("parseStatus", () => {
  it.each([
    ["ước đạt", "E"],
    ["ước thực hiện", "E"],
    ["ước tính", "E"],
    ["ước", "E"],
    ["  Ước   Đạt ", "E"],
    ["ước đạt".normalize("NFD"), "E"],
    ["sơ bộ", "P"],
    ["Sơ bộ", "P"],
    ["", "A"],
    ["chính thức", "A"],
    ["đạt", "A"],
  ] as const)("%j → %s", (text, status) => {
    expect(parseStatus(text)).toBe(status);
  });
});
