import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Utf8Buffer } from "./utf8-buffer.js";

const collect = (size: number) => {
  const drained: Uint8Array[] = [];
  const out = new Utf8Buffer((bytes) => drained.push(bytes.slice()), size);
  const bytes = () => Buffer.concat(drained.map((d) => Buffer.from(d)));
  return { out, drained, bytes };
};

describe("Utf8Buffer", () => {
  it("drains the UTF-8 of the text written, in order, whatever the block size", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40 }), { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), (pieces, size) => {
        const { out, bytes } = collect(size);
        // Each write says how many bytes its piece took, in the block or drained alone.
        for (const p of pieces) expect(out.write(p)).toBe(Buffer.byteLength(p));
        out.flush();
        expect(bytes().toString("utf8")).toBe(pieces.join(""));
        expect(bytes().equals(Buffer.from(pieces.join(""), "utf8"))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("never drains more than a block at once except a piece that alone is larger", () => {
    const { out, drained } = collect(16);
    out.write("Lạng Sơn"); // 8 code units: may need 24 bytes, more than the block
    out.write("abc");
    out.write("de");
    out.flush();
    expect(drained.map((d) => Buffer.from(d).toString("utf8"))).toEqual(["Lạng Sơn", "abcde"]);
  });

  it("shows what is gathered without draining it", () => {
    const { out, drained } = collect(1024);
    out.write("tỷ đồng\n");
    expect(out.text()).toBe("tỷ đồng\n");
    expect(out.length).toBe(Buffer.byteLength("tỷ đồng\n"));
    expect(drained).toEqual([]);
  });

  it("encodes a lone surrogate as U+FFFD, as Buffer.from does", () => {
    const { out, bytes } = collect(64);
    out.write("a\ud800b");
    out.flush();
    expect(bytes().equals(Buffer.from("a\ud800b", "utf8"))).toBe(true);
  });
});
