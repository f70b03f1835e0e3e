import { closeSync, openSync, writeSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CsvRow, readCsv } from "@langson-open-data/ingest";
import { INPUT_OBSERVATION_COLUMNS, type Issue } from "@langson-open-data/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES } from "./_project.js";

// CSV shape and encodings, through the real reader with the real observations.csv columns. Each
// fixture is fixtures/csv/valid.csv with one thing wrong (see fixtures/make-fixtures.mts).

const HEADER = INPUT_OBSERVATION_COLUMNS.join(",");

async function read(name: string, path = join(FIXTURES, "csv", name)): Promise<{ rows: CsvRow[]; issues: Issue[] }> {
  const issues: Issue[] = [];
  const rows: CsvRow[] = [];
  for await (const r of readCsv(path, { file: name, columns: INPUT_OBSERVATION_COLUMNS, issues })) rows.push(r);
  return { rows, issues };
}

/** The finding without its prose, which is checked separately where it matters. */
const finding = (i: Issue) => ({ code: i.code, location: i.location, expected: i.expected, found: i.found });

const VALID_ROWS = [
  {
    row: 2,
    record: {
      indicator: "TRADE_TOTAL",
      measure: "LEVEL",
      ref_area: "VN-09",
      period_text: "quý I",
      value_text: "640",
      unit_text: "triệu USD",
      status_text: "ước đạt",
      source: "lang-son-2023-q1",
      quote: "Tổng kim ngạch xuất nhập khẩu qua địa bàn ước đạt 640 triệu USD",
    },
  },
  {
    row: 3,
    record: {
      indicator: "TOURISM_REVENUE",
      measure: "LEVEL",
      ref_area: "VN-09",
      period_text: "quý I/2023",
      value_text: "1.055",
      unit_text: "tỷ đồng",
      status_text: "",
      source: "lang-son-2023-q1",
      quote: "doanh thu từ du lịch 1.055 tỷ đồng",
    },
  },
];

describe("CSV shape", () => {
  it("the valid fixture reads cleanly (the baseline every other fixture breaks once)", async () => {
    const { rows, issues } = await read("valid.csv");
    expect(issues).toEqual([]);
    expect(rows.map((r) => ({ ...r, record: { ...r.record } }))).toEqual(VALID_ROWS);
  });

  it("missing header: csv-missing-column, row 1, the column named; no row is read", async () => {
    const { rows, issues } = await read("missing-column.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([
      { code: "csv-missing-column", location: { file: "missing-column.csv", row: 1, column: "status_text" }, expected: HEADER, found: HEADER.replace(",status_text", "") },
    ]);
  });

  it("unknown header: csv-unknown-column, row 1, column remarks", async () => {
    const { rows, issues } = await read("unknown-column.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([{ code: "csv-unknown-column", location: { file: "unknown-column.csv", row: 1, column: "remarks" }, expected: HEADER, found: "remarks" }]);
  });

  it("duplicated header: csv-duplicate-column, row 1, column value_text", async () => {
    const { rows, issues } = await read("duplicate-column.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([
      { code: "csv-duplicate-column", location: { file: "duplicate-column.csv", row: 1, column: "value_text" }, expected: "each column once", found: '"value_text" twice' },
    ]);
    expect(issues[0]!.message).toContain("(columns 5 and 10)");
  });

  it("ragged row, a cell short: csv-ragged-row at row 3, column quote (where the row ends); the good row still reads", async () => {
    const { rows, issues } = await read("ragged-short.csv");
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(issues.map(finding)).toEqual([{ code: "csv-ragged-row", location: { file: "ragged-short.csv", row: 3, column: "quote" }, expected: "9 cells", found: "8 cells" }]);
  });

  it("ragged row, an unquoted decimal comma (1.350,053): csv-ragged-row at row 3 with 10 cells, rows 2 and 4 read", async () => {
    const { rows, issues } = await read("ragged-unquoted-comma.csv");
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
    expect(issues.map(finding)).toEqual([{ code: "csv-ragged-row", location: { file: "ragged-unquoted-comma.csv", row: 3 }, expected: "9 cells", found: "10 cells" }]);
    expect(issues[0]!.message).toContain('a cell that holds a comma must be quoted, e.g. "1.689,3"');
  });

  it("unbalanced quote, never closed: csv-unclosed-quote at the row and column where it opens; nothing from there on is read", async () => {
    const { rows, issues } = await read("unclosed-quote.csv");
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(issues.map(finding)).toEqual([
      {
        code: "csv-unclosed-quote",
        location: { file: "unclosed-quote.csv", row: 3, column: "quote" },
        expected: "a closing quote",
        found: 'a quoted cell that runs over a line end into "t,lang-son-2023-q1,\\"T"',
      },
    ]);
  });

  it("unbalanced quote, text after the closing quote: csv-malformed-quote at row 2, column status_text", async () => {
    const { rows, issues } = await read("malformed-quote.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([
      { code: "csv-malformed-quote", location: { file: "malformed-quote.csv", row: 2, column: "status_text" }, expected: "a comma or line end after a closing quote", found: '" " after the closing quote' },
    ]);
  });

  it("empty file: csv-empty at row 1, naming the expected header", async () => {
    const { rows, issues } = await read("empty.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([{ code: "csv-empty", location: { file: "empty.csv", row: 1 }, expected: HEADER, found: "nothing" }]);
  });

  it("a control character (NUL) in a cell: csv-control-character at row 3, column quote", async () => {
    const { rows, issues } = await read("control-character.csv");
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(issues.map(finding)).toEqual([
      { code: "csv-control-character", location: { file: "control-character.csv", row: 3, column: "quote" }, expected: "text without control characters (tabs and line ends aside)", found: "U+0000" },
    ]);
  });

  describe("huge input, generated (not committed)", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "langson-huge-"));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it("a single 50 MB line: csv-row-too-long at row 2 after its first megabyte, memory flat", async () => {
      const path = join(dir, "line.csv");
      const fd = openSync(path, "w");
      writeSync(fd, `${HEADER}\n`);
      const block = Buffer.from("1,".repeat(512 * 1024)); // 1 MiB of one-character cells
      for (let i = 0; i < 50; i++) writeSync(fd, block);
      writeSync(fd, "\n");
      closeSync(fd);
      const before = process.memoryUsage().rss;
      const { rows, issues } = await read("line.csv", path);
      expect(rows).toEqual([]);
      expect(issues.map(finding)).toEqual([
        { code: "csv-row-too-long", location: { file: "line.csv", row: 2 }, expected: "at most 1000000 characters per row", found: "more than 1000000 characters without a line end" },
      ]);
      // Split into cells, the line would be 26 million strings (well over a gigabyte).
      expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    }, 30_000);

    it("a 10 MB cell: csv-cell-too-long at row 2, column quote", async () => {
      const path = join(dir, "cell.csv");
      const fd = openSync(path, "w");
      writeSync(fd, `${HEADER}\nTRADE_TOTAL,LEVEL,VN-09,quý I,640,triệu USD,ước đạt,lang-son-2023-q1,"`);
      const block = Buffer.alloc(1024 * 1024, "a");
      for (let i = 0; i < 10; i++) writeSync(fd, block);
      writeSync(fd, `"\n`);
      closeSync(fd);
      const { rows, issues } = await read("cell.csv", path);
      expect(rows).toEqual([]);
      expect(issues.map(finding)).toEqual([
        { code: "csv-cell-too-long", location: { file: "cell.csv", row: 2, column: "quote" }, expected: "at most 100000 characters", found: "more than 100000 characters" },
      ]);
    }, 30_000);
  });

  it("a missing file is a finding (file-missing), not a crash", async () => {
    const { issues } = await read("absent.csv");
    expect(issues.map(finding)).toEqual([{ code: "file-missing", location: { file: "absent.csv" }, expected: undefined, found: undefined }]);
  });
});

describe("encodings", () => {
  const plain = (rows: CsvRow[]) => rows.map((r) => ({ ...r, record: { ...r.record } }));

  it("UTF-8 with BOM is accepted, the BOM dropped from the first column name", async () => {
    const { rows, issues } = await read("utf8-bom.csv");
    expect(issues).toEqual([]);
    expect(plain(rows)).toEqual(VALID_ROWS);
  });

  it("CRLF line ends are accepted, no \\r left in the last cell", async () => {
    const { rows, issues } = await read("crlf.csv");
    expect(issues).toEqual([]);
    expect(plain(rows)).toEqual(VALID_ROWS);
  });

  it("UTF-16LE with BOM is rejected at row 1, naming the encoding", async () => {
    const { rows, issues } = await read("utf16le-bom.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([
      { code: "encoding-not-utf8", location: { file: "utf16le-bom.csv", row: 1 }, expected: "UTF-8 (with or without BOM)", found: "UTF-16LE (byte order mark FF FE)" },
    ]);
    expect(issues[0]!.message).toContain('Save it as "CSV UTF-8"');
  });

  it("UTF-16BE without BOM is rejected at row 1, naming the encoding", async () => {
    const { issues } = await read("utf16be.csv");
    expect(issues.map(finding)).toEqual([
      { code: "encoding-not-utf8", location: { file: "utf16be.csv", row: 1 }, expected: "UTF-8 (with or without BOM)", found: "UTF-16BE (no byte order mark)" },
    ]);
  });

  it("Windows-1258 is rejected, named, at the first non-UTF-8 byte: row 2, column period_text (\"quý\")", async () => {
    const { rows, issues } = await read("windows-1258.csv");
    expect(rows).toEqual([]);
    expect(issues.map(finding)).toEqual([
      { code: "encoding-not-utf8", location: { file: "windows-1258.csv", row: 2, column: "period_text" }, expected: "UTF-8 (with or without BOM)", found: "Windows-1258" },
    ]);
  });

  it("TCVN3 (ABC) is rejected, named, with how to convert it, at row 2, column period_text", async () => {
    const { issues } = await read("tcvn3.csv");
    expect(issues.map(finding)).toEqual([
      { code: "encoding-not-utf8", location: { file: "tcvn3.csv", row: 2, column: "period_text" }, expected: "UTF-8 (with or without BOM)", found: "TCVN3 (ABC)" },
    ]);
    expect(issues[0]!.message).toContain('Bảng mã nguồn "TCVN3 (ABC)", Bảng mã đích "Unicode"');
  });

  it("VNI-Windows is rejected, named, at row 2, column period_text", async () => {
    const { issues } = await read("vni.csv");
    expect(issues.map(finding)).toEqual([
      { code: "encoding-not-utf8", location: { file: "vni.csv", row: 2, column: "period_text" }, expected: "UTF-8 (with or without BOM)", found: "VNI-Windows" },
    ]);
  });

  it("an Excel workbook saved under a .csv name is rejected as not text", async () => {
    const { issues } = await read("workbook.csv");
    expect(issues.map(finding)).toEqual([
      { code: "encoding-not-utf8", location: { file: "workbook.csv", row: 1 }, expected: "UTF-8 (with or without BOM)", found: "a ZIP archive such as an Excel workbook (.xlsx), not text" },
    ]);
  });

  it("NFD diacritics are normalized to NFC, cell by cell", async () => {
    const { rows, issues } = await read("nfd.csv");
    expect(issues).toEqual([]);
    expect(plain(rows)).toEqual(VALID_ROWS);
    expect(rows[0]!.record.quote).toBe(rows[0]!.record.quote!.normalize("NFC"));
  });

  it("zero-width characters vanish from codes and numbers; a non-breaking space inside a number stays for the number parser", async () => {
    const { rows, issues } = await read("invisible.csv");
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.record.indicator, r.record.value_text, r.record.source])).toEqual([
      ["TRADE_TOTAL", "640", "lang-son-2023-q1"],
      ["TOURISM_REVENUE", "1\u00A0055", "lang-son-2023-q1"],
    ]);
  });
});
