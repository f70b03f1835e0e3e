import { describe, expect, it } from "vitest";
import { normalizeText } from "./index.js";

describe("normalizeText", () => {
  it("composes decomposed (NFD) Vietnamese to NFC", () => {
    const nfd = "Lạng Sơn quý I".normalize("NFD");
    expect(nfd).not.toBe("Lạng Sơn quý I");
    expect(normalizeText(nfd)).toBe("Lạng Sơn quý I");
  });
  it("turns NBSP, narrow NBSP, thin space and figure space into ordinary spaces", () => {
    expect(normalizeText("1\u00A0689,3")).toBe("1 689,3");
    expect(normalizeText("1\u202F689\u2009300\u2007đ")).toBe("1 689 300 đ");
  });
  it("removes zero-width characters, even between a letter and its combining mark", () => {
    expect(normalizeText("\uFEFF1.689\u200B,3\u200C\u200D\u2060")).toBe("1.689,3");
    expect(normalizeText("ty\u200B\u0309")).toBe("tỷ");
  });
  it("leaves ordinary text alone", () => {
    expect(normalizeText("tăng 31,96% so cùng kỳ")).toBe("tăng 31,96% so cùng kỳ");
  });
});
