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
      // The Latin letters cleanCell passes as they are, and the marks and spaces just beside them.
      fc.integer({ min: 0x80, max: 0x36f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0x1df0, max: 0x1f0f }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    fc.assert(fc.property(fc.string({ unit, maxLength: 12 }), (cell) => cleanCell(cell) === reference(cell)), { numRuns: 20_000 });
  });

  it("passes Latin text as it is only because NFC leaves it so: every letter it passes, alone and beside any other", () => {
    const passed: string[] = [];
    for (const [from, to] of [[0x21, 0x7e], [0xa1, 0x2ff], [0x1e00, 0x1eff]] as const) {
      for (let c = from; c <= to; c++) passed.push(String.fromCharCode(c));
    }
    let wrong = 0;
    for (const a of passed) for (const b of passed) if (cleanCell(`${a}${b}`) !== reference(`${a}${b}`)) wrong++;
    expect(wrong).toBe(0);
    // And every other character, alone, inside a word and at its edges, is cleaned as the reference cleans it.
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const cell of [ch, `a${ch}b`, `${ch}a`, `a${ch}`]) if (cleanCell(cell) !== reference(cell)) wrong++;
    }
    expect(wrong).toBe(0);
    // Just outside: a combining mark after a letter composes, so such a cell takes the long way.
    expect(cleanCell("a\u0301")).toBe("á");
    expect(cleanCell("Lạng Sơn\u00a0")).toBe("Lạng Sơn");
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
