import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ownString } from "./own-string.js";

describe("ownString", () => {
  it("keeps every character of any text, slices of a larger text included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.nat(), fc.nat(), (text, a, b) => {
        const start = Math.min(a, b) % (text.length + 1);
        const end = start + ((Math.max(a, b) - Math.min(a, b)) % (text.length + 1 - start));
        const slice = text.slice(start, end);
        expect(ownString(slice)).toBe(slice);
        expect(ownString(slice).length).toBe(end - start);
      }),
    );
  });
});
