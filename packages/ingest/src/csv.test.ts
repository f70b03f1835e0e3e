import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Issue } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { cleanCell, readCsv } from "./csv.js";

/** What cleanCell promises, step by step, without its shortcut for clean ASCII. */
const reference = (v: string) => v.replace(/[\u200B-\u200D\u2060\uFEFF]/g, "").normalize("NFC").trim();

describe("cleanCell", () => {
  it.each([
    ["VN-09", "VN-09"],
    ["  LEVEL ", "LEVEL"],
    ["\u00a0tỷ đồng\u202f", "tỷ đồng"],
    ["\u200bsrc-2023-q1\ufeff", "src-2023-q1"],
    ["Lạng Sơn", "Lạng Sơn"],
    ["1.689,3\t", "1.689,3"],
    ["", ""],
    [" ", ""],
    ["a b", "a b"],
  ])("%j → %j", (cell, clean) => {
    expect(cleanCell(cell)).toBe(clean);
  });

  it("gives the reference's answer on any text: ASCII with edge spaces and controls, invisible characters, decomposed marks", () => {
    const unit = fc.oneof(
      fc.constantFrom(" ", "\t", "\n", "\u00a0", "\u202f", "\u200b", "\u2060", "\ufeff", "a", "Z", "-", "~", "\u0301", "\u0323", "ơ", "\u007f", "\u0000"),
      fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), (cell) => cleanCell(cell) === reference(cell)), { numRuns: 20_000 });
  });
});

describe("readCsv records", () => {
  it("have every column, in the columns' order, whatever the header's order, as plain objects", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-test-"));
    try {
      const path = join(dir, "x.csv");
      await writeFile(path, "b,a,c\n 2 ,1,\u200b3\n");
      const issues: Issue[] = [];
      const rows = [];
      for await (const r of readCsv(path, { file: "x.csv", columns: ["a", "b", "c"], issues })) rows.push(r);
      expect(issues).toEqual([]);
      expect(rows).toEqual([{ row: 2, record: { a: "1", b: "2", c: "3" } }]);
      expect(Object.keys(rows[0]!.record)).toEqual(["a", "b", "c"]);
      expect(Object.getPrototypeOf(rows[0]!.record)).toBe(Object.prototype);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
