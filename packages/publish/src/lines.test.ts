import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readLineBatches, readLines } from "./lines.js";

const dir = mkdtempSync(join(tmpdir(), "langson-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(text: string, chunkBytes: number): Promise<string[]> {
  const path = join(dir, "f.txt");
  writeFileSync(path, text);
  const out: string[] = [];
  for await (const line of readLines(path, chunkBytes)) out.push(line);
  // Slices of the chunks, not copies: the same lines.
  const sliced: string[] = [];
  for await (const batch of readLineBatches(path, chunkBytes, { own: false })) sliced.push(...batch);
  expect(sliced).toEqual(out);
  return out;
}

describe("readLines", () => {
  it("gives the lines of any text at any chunk size, as splitting it on newlines does", async () => {
    const line = fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ""));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 64 }), async (lines, endsWithNewline, chunk) => {
        const text = lines.join("\n") + (endsWithNewline && lines.length ? "\n" : "");
        const expected = text === "" ? [] : text.split("\n");
        if (text.endsWith("\n")) expected.pop();
        expect(await read(text, chunk)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("ends a line at CRLF as at LF, and splits a multi-byte character across chunks correctly", async () => {
    expect(await read("một\r\nhai\nba\r\n", 2)).toEqual(["một", "hai", "ba"]);
    expect(await read("Lạng Sơn\nXứ Lạng", 1)).toEqual(["Lạng Sơn", "Xứ Lạng"]);
  });
});
