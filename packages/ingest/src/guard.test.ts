import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvGuard, type GuardStop } from "./_guard.js";
import { utf8Prefix } from "./_utf8.js";

/** Feeds bytes to a guard in chunks of the given sizes; returns what it passed on and why it stopped. */
async function guard(bytes: Uint8Array, sizes: readonly number[], limits = { maxCell: 16, maxRow: 64 }): Promise<{ text: string; stop: GuardStop | undefined }> {
  const g = new CsvGuard(limits);
  let text = "";
  g.on("data", (t: string) => (text += t));
  const ended = new Promise((resolve) => g.on("end", resolve));
  let at = 0;
  let i = 0;
  while (at < bytes.length) {
    const size = Math.max(1, sizes[i++ % Math.max(1, sizes.length)] ?? 1);
    g.write(Buffer.from(bytes.subarray(at, at + size)));
    at += size;
  }
  g.end();
  await ended;
  return { text, stop: g.stop };
}

const PIECES = ["a", "b", ",", '"', '""', "\n", "\r\n", "\r", " ", "ạ", "Lạng Sơn", "\uFEFF", "\u0000", "x".repeat(20)];
const input = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => Buffer.from(a.join(""))),
  fc.uint8Array({ maxLength: 60 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => Buffer.concat([Buffer.from(a.join("")), Buffer.from([0xb9, 0x6e, 0x67])])),
);

describe("CsvGuard", () => {
  it("passes on the same text and stops at the same row and cell however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 8 }), async (bytes, sizes) => {
        const whole = await guard(bytes, [bytes.length || 1]);
        const chunked = await guard(bytes, sizes);
        expect(chunked).toEqual(whole);
      }),
      { numRuns: 2000 },
    );
  }, 30_000);

  it("ends every record it passes on with LF and drops empty lines", async () => {
    expect((await guard(Buffer.from('\uFEFFa,b\r\n\r\n"x\r\ny",2\r\r\n3,4'), [3])).text).toBe('a,b\n"x\r\ny",2\n3,4\n');
  });

  it("names the row and cell of an unclosed quote, a stray character after a closing quote, a long cell or row", async () => {
    expect((await guard(Buffer.from('a,b\n1,"2\n3,4\n'), [5])).stop).toEqual({ code: "csv-unclosed-quote", row: 2, cell: 1, found: "end of file inside a quoted cell" });
    expect((await guard(Buffer.from('a,b\n1,"2"x\n'), [5])).stop).toEqual({ code: "csv-malformed-quote", row: 2, cell: 1, found: '"x" after the closing quote' });
    expect((await guard(Buffer.from(`a,b\n1,${"y".repeat(17)}\n`), [5])).stop).toEqual({ code: "csv-cell-too-long", row: 2, cell: 1, found: "more than 16 characters" });
    expect((await guard(Buffer.from(`a,b\n${"1,".repeat(40)}\n`), [5])).stop).toEqual({ code: "csv-row-too-long", row: 2, found: "more than 64 characters without a line end" });
  });

  it("names the row and cell of the first byte that is not UTF-8, and the legacy encoding", async () => {
    const tcvn3 = Buffer.from("a,b\nL\xb9ng S\xacn,t\xb9i\n", "latin1");
    expect((await guard(tcvn3, [2], { maxCell: 100, maxRow: 100 })).stop).toMatchObject({ code: "encoding-not-utf8", row: 2, cell: 0 });
  });
});

describe("utf8Prefix", () => {
  it("agrees with a fatal TextDecoder on what is valid UTF-8", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 }).map((s) => Buffer.from(s))), (bytes) => {
        const { valid, incomplete } = utf8Prefix(bytes);
        let decodes = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          decodes = false;
        }
        expect(valid === bytes.length && !incomplete).toBe(decodes);
        // The prefix always decodes, and an incomplete tail is at most 3 bytes.
        expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, valid))).not.toThrow();
        if (incomplete) expect(bytes.length - valid).toBeLessThanOrEqual(3);
      }),
      { numRuns: 5000 },
    );
  }, 30_000);
});
