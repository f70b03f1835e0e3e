import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readlink, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import type { Issue } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { type CsvRow, cleanCell, readCsv, readCsvBatches } from "./csv.js";

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

  it("cleans as the reference does every pair of the letters it passes as they are, and every other character, alone, inside a word and at its edges", () => {
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

describe("readCsv left early", () => {
  it.runIf(process.platform === "linux")("closes its file when the consumer stops before the end", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-test-"));
    const openOn = async (path: string) => {
      const fds = await readdir("/proc/self/fd");
      const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => "")));
      return targets.filter((t) => t === path).length;
    };
    try {
      // Many chunks of rows: the reader is mid-file when the loop stops.
      const path = join(dir, "long.csv");
      await writeFile(path, `a,b\n${"1,Lạng Sơn\n".repeat(200_000)}`);
      const issues: Issue[] = [];
      let seen = 0;
      for await (const { row } of readCsv(path, { file: "long.csv", columns: ["a", "b"], issues })) {
        if (seen === 0) expect(await openOn(path)).toBe(1);
        if (++seen === 3) {
          expect(row).toBe(4);
          break;
        }
      }
      // The stream's close lands on the next turns of the event loop.
      for (let i = 0; i < 50 && (await openOn(path)) > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await openOn(path)).toBe(0);
      expect(issues).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("readCsv on a file that is not UTF-8", () => {
  it("names the legacy encoding from its own sample when the file changed before it could be read again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-test-"));
    try {
      // 100 KB of good rows, then TCVN3 text ("Lạng Sơn", one byte a letter) well inside a chunk.
      const good = `a,b\n${"1,Lạng Sơn\n".repeat(9000)}`;
      const text = Buffer.concat([Buffer.from(good), Buffer.from("2,".concat(" L\xb9ng S\xacn".repeat(300), "\n"), "latin1")]);
      const changes: [string, (path: string) => Promise<void>][] = [
        ["left as it is", async () => undefined],
        ["replaced by a folder", async (path) => (await rm(path), await mkdir(path))],
        ["replaced by a short file", async (path) => (await rm(path), await writeFile(path, "a,b\n"))],
        ["replaced by a FIFO", async (path) => (await rm(path), void execFileSync("mkfifo", [path]))],
      ];
      for (const [what, change] of changes) {
        const path = join(dir, `${what.replace(/ /g, "-")}.csv`);
        await writeFile(path, text);
        const issues: Issue[] = [];
        const batches = readCsvBatches(path, { file: "x.csv", columns: ["a", "b"], issues });
        const first = await batches.next();
        expect(first.done).toBe(false);
        let rows = (first.value as CsvRow[]).length;
        await change(path);
        for (let next = await batches.next(); !next.done; next = await batches.next()) rows += next.value.length;
        expect(rows, what).toBe(9000);
        expect(issues, what).toEqual([expect.objectContaining({ code: "encoding-not-utf8", found: "TCVN3 (ABC)", location: { file: "x.csv", row: 9002, column: "b" } })]);
        await rm(path, { recursive: true, force: true });
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
