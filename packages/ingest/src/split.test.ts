import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Issue } from "@langson-open-data/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CsvPart, type CsvReadEnd, type CsvRow, readCsv } from "./csv.js";
import { csvSplitPoints } from "./split.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "csv-split-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function file(name: string, text: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function read(path: string, part?: CsvPart): Promise<{ rows: CsvRow[]; issues: Issue[]; end: CsvReadEnd }> {
  const issues: Issue[] = [];
  const rows: CsvRow[] = [];
  const reader = readCsv(path, { file: "x.csv", columns: ["a", "b"], issues, ...(part ? { part } : {}) });
  for (;;) {
    const next = await reader.next();
    if (next.done) return { rows, issues, end: next.value };
    rows.push(next.value);
  }
}

describe("csvSplitPoints", () => {
  it("cuts just after the first line end outside quotes at or after each target", async () => {
    const text = 'a,b\n1,"x\ny"\n2,"say ""hi""\n"\n3,z\n';
    const path = await file("quoted.csv", text);
    // Target 0: the header's end. Inside the quoted "x\ny": after that record. After the escaped quotes
    // and the line end inside them: after the record they end.
    expect(await csvSplitPoints(path, [0])).toEqual([4]);
    expect(await csvSplitPoints(path, [text.indexOf("x")])).toEqual([text.indexOf("2,")]);
    expect(await csvSplitPoints(path, [text.indexOf("say")])).toEqual([text.indexOf("3,")]);
    expect(await csvSplitPoints(path, [0, text.indexOf("x"), text.indexOf("x") + 1])).toEqual([4, text.indexOf("2,"), text.indexOf("3,")]);
  });

  it("reads the parity across blocks of a megabyte", async () => {
    // A quoted cell of 1.5 MB holding line ends, across the first block's end.
    const big = `a,b\n1,"${"line\n".repeat(300_000)}"\n2,z\n3,w\n`;
    const path = await file("big.csv", big);
    expect(await csvSplitPoints(path, [0, 1024 * 1024])).toEqual([4, big.indexOf("2,z")]);
  });

  it("gives no cut where there is no line end outside quotes after the target, nor at the file's end", async () => {
    expect(await csvSplitPoints(await file("cr.csv", "a,b\r1,2\r3,4\r"), [0, 3])).toEqual([]);
    expect(await csvSplitPoints(await file("end.csv", "a,b\n1,2\n"), [0, 5])).toEqual([4]);
    expect(await csvSplitPoints(await file("open.csv", 'a,b\n1,"2\n3,4\n'), [0, 6])).toEqual([4]);
    expect(await csvSplitPoints(await file("empty.csv", ""), [0])).toEqual([]);
  });
});

describe("readCsv parts", () => {
  const text = 'a,b\n1,"x\ny"\n2,w\n\n3,"v"\n4,u\n';

  it("read at a cut give the rows and numbers of one read", async () => {
    const path = await file("parts.csv", text);
    const whole = await read(path);
    expect(whole.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    for (const cut of await csvSplitPoints(path, [1, 10, 14, 18])) {
      const first = await read(path, { start: 0, end: cut });
      expect(first.end).toMatchObject({ torn: false, stopped: false, header: ["a", "b"] });
      const second = await read(path, { start: cut, header: first.end.header!, firstRow: first.end.lastRow + 1 });
      expect(second.end).toMatchObject({ torn: false, stopped: false, lastRow: 5 });
      expect([...first.rows, ...second.rows]).toEqual(whole.rows);
      expect([...first.issues, ...second.issues]).toEqual([]);
    }
  });

  it("say when a cut is not at a record's end, and yield nothing of the torn record", async () => {
    const path = await file("torn.csv", text);
    // Inside the quoted "x\ny", just after its line end.
    const first = await read(path, { start: 0, end: text.indexOf("y") });
    expect(first.end.torn).toBe(true);
    expect(first.rows).toEqual([]);
    expect(first.issues).toEqual([]);
    // Inside an unquoted cell.
    expect((await read(path, { start: 0, end: text.indexOf("w") + 1 })).end.torn).toBe(true);
  });

  it("keep a U+FEFF that starts a later part, as one read keeps it mid-file: a BOM only starts a file", async () => {
    const path = await file("later-bom.csv", 'a,b\n1,2\n\uFEFF"3",4\n');
    const whole = await read(path);
    const later = await read(path, { start: 8, header: ["a", "b"], firstRow: 3 });
    // Not dropped as a BOM: the quote after it is inside an unquoted cell, and stays.
    expect(later.rows).toEqual([{ row: 3, record: { a: '"3"', b: "4" } }]);
    expect(later.rows).toEqual(whole.rows.slice(1));
  });
});

describe("csvSplitPoints on hostile files", () => {
  it("stops looking past a record longer than the reader takes, whatever its bytes", async () => {
    // 20 MB of quotes after the header: no record ends outside quotes. The reader stops at its first
    // megabyte of a row; the search gives up after 4 MiB instead of going to the middle.
    const quotes = await file("quotes.csv", Buffer.concat([Buffer.from("a,b\n"), Buffer.alloc(20 * 1024 * 1024, '"')]));
    expect(await csvSplitPoints(quotes, [0, 10 * 1024 * 1024])).toEqual([4]);
    // A record of 5 MiB, then short ones: the cut after it is found only if the search goes on.
    const long = `a,b\n1,"${"x".repeat(5 * 1024 * 1024)}"\n2,y\n3,z\n`;
    const path = await file("long-record.csv", long);
    expect(await csvSplitPoints(path, [0, 5 * 1024 * 1024])).toEqual([4]);
    expect(await csvSplitPoints(path, [0, 5 * 1024 * 1024], 64 * 1024 * 1024)).toEqual([4, long.indexOf("2,y")]);
  });
});
