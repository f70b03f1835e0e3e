import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
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

/** Bytes the heap holds after a full collection, with `keep` alive. */
function retained(keep: () => unknown): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  const before = getHeapStatistics().used_heap_size;
  const kept = keep();
  gc();
  const after = getHeapStatistics().used_heap_size;
  expect(kept).toBeDefined();
  return after - before;
}

describe("ownString and memory", () => {
  // 40 chunks of 1 MB, a short and a long cell cut from each: kept as slices they hold every chunk.
  const cells = (own: (s: string) => string) => () =>
    Array.from({ length: 40 }, (_, i) => {
      const chunk = `${String(i).padStart(3, "0")},${"x".repeat(1 << 20)}`;
      // 12 characters: always a copy, returned as it is; 13 (V8's shortest slice), 19 and 40: slices.
      return [own(chunk.slice(0, 3)), own(chunk.slice(0, 12)), own(chunk.slice(0, 13)), own(chunk.slice(0, 19)), own(chunk.slice(100, 140))];
    });

  it("keeps only the characters of a cell, not the chunk it was cut from", () => {
    expect(retained(cells((s) => s))).toBeGreaterThan(30 * 2 ** 20);
    expect(retained(cells(ownString))).toBeLessThan(2 ** 20);
  });
});
