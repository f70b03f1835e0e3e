import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanCell, readCsv } from "@langson-open-data/ingest";
import { parseComparison, parseFigure, parseNumber, parsePeriod, parseUnitWords } from "@langson-open-data/normalize";
import { DECIMAL_PATTERN, type Issue, TIME_PERIOD_PATTERN, UNIT_CODES } from "@langson-open-data/schemas";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Any input yields a value or a clear error, never an unexpected exception. Run counts are pinned
// (RUNS below) so that CI does thousands of runs; each property stays well under two seconds.

const RUNS = { parser: 5000, csv: 1000, csvRoundTrip: 500 } as const;

/** Text from everywhere: any code point, or mostly the characters the parsers care about. */
const text = (alphabet: string[], maxLength = 40) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: fc.constantFrom(...alphabet), maxLength }),
    fc.array(fc.constantFrom(...alphabet), { maxLength }).map((a) => a.join(" ")),
  );
const NUMBER_CHARS = [..."0123456789.,-−+ eExX", "\u00A0", "\u202F", "\u200B", "\uFEFF", "NaN", "Infinity", "١"];
const UNIT_WORDS = ["tỷ", "tỉ", "đồng", "triệu", "nghìn", "ngàn", "USD", "%", "lượt", "khách", "du lịch", "vụ", "điểm", "thứ", "bậc", ",", "tỉnh", "thành phố", "\u00A0", "ty\u0309", "x"];
const PERIOD_WORDS = ["quý", "I", "II", "III", "IV", "V", "tháng", "năm", "ngày", "đầu", "cuối", "cả", "/", "2023", "0999", "99999", "0", "13", "27", "29", "31", "3", "6", "9", "12", "tính đến", "hết", "trong"];
const COMPARISON_WORDS = ["tăng", "giảm", "đạt", "bằng", "31,96", "-3,43", "%", "so", "với", "cùng kỳ", "kế hoạch", "dự toán", "tỉnh", "giao", "1e9", "năm 2022"];

/** A parser result is either a value or a problem with a kebab-case code and a message. */
function expectResult(r: { ok: boolean; error?: { code: string; message: string; found?: string } }, prefix: RegExp): void {
  if (r.ok) return;
  expect(r.error!.code).toMatch(prefix);
  expect(r.error!.message.length).toBeGreaterThan(0);
  // Messages truncate what they echo: a huge input never floods a report.
  expect(r.error!.message.length).toBeLessThan(1000);
}

describe("parsers never throw", () => {
  it(`parseNumber: ${RUNS.parser} runs, a canonical exact decimal or a number-* problem`, () => {
    fc.assert(
      fc.property(text(NUMBER_CHARS), (s) => {
        const r = parseNumber(s);
        expectResult(r, /^number-[a-z-]+$/);
        if (r.ok) {
          expect(r.value.value.toString()).toMatch(DECIMAL_PATTERN);
          expect(Number.isSafeInteger(r.value.decimals) && r.value.decimals >= 0).toBe(true);
        }
      }),
      { numRuns: RUNS.parser },
    );
  }, 30_000);

  it(`parseUnitWords: ${RUNS.parser} runs, a unit of the codelist or a unit-* problem`, () => {
    fc.assert(
      fc.property(text(UNIT_WORDS), (s) => {
        const r = parseUnitWords(s);
        expectResult(r, /^unit-[a-z-]+$/);
        if (r.ok) {
          expect(UNIT_CODES).toContain(r.value.unit);
          expect([0, 3, 6, 9, 12]).toContain(r.value.unitMult);
        }
      }),
      { numRuns: RUNS.parser },
    );
  }, 30_000);

  it(`parseFigure: ${RUNS.parser} runs, base units or a number-/unit-/figure-* problem`, () => {
    fc.assert(
      fc.property(text(NUMBER_CHARS, 24), text(UNIT_WORDS, 8), (v, u) => {
        const r = parseFigure(v, u);
        expectResult(r, /^(?:number|unit|figure)-[a-z-]+$/);
        if (r.ok) expect(r.value.value.toString()).toMatch(DECIMAL_PATTERN);
      }),
      { numRuns: RUNS.parser },
    );
  }, 30_000);

  it(`parsePeriod: ${RUNS.parser} runs, an SDMX TIME_PERIOD or a period-* problem, whatever the reference year`, () => {
    fc.assert(
      fc.property(text(PERIOD_WORDS, 12), fc.option(fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer(), fc.double())), (s, year) => {
        const r = parsePeriod(s, year === null ? undefined : { year });
        expectResult(r, /^period-[a-z-]+$/);
        if (r.ok) expect(r.value.timePeriod).toMatch(TIME_PERIOD_PATTERN);
      }),
      { numRuns: RUNS.parser },
    );
  }, 30_000);

  it(`parseComparison: ${RUNS.parser} runs, a growth or plan percentage or a clear problem`, () => {
    fc.assert(
      fc.property(text(COMPARISON_WORDS, 10), (s) => {
        const r = parseComparison(s);
        expectResult(r, /^(?:comparison|number)-[a-z-]+$/);
        if (r.ok) expect(r.value.value.toString()).toMatch(DECIMAL_PATTERN);
      }),
      { numRuns: RUNS.parser },
    );
  }, 30_000);
});

describe("the CSV reader never throws", () => {
  const COLUMNS = ["a", "b", "c"] as const;
  const KNOWN = new Set([
    "csv-missing-column",
    "csv-unknown-column",
    "csv-duplicate-column",
    "csv-ragged-row",
    "csv-unclosed-quote",
    "csv-malformed-quote",
    "csv-cell-too-long",
    "csv-row-too-long",
    "csv-control-character",
    "csv-empty",
    "encoding-not-utf8",
  ]);
  let dir: string;
  let n = 0;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "langson-fuzz-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function read(bytes: Uint8Array | string, maxCell?: number) {
    const path = join(dir, `f${n++}.csv`);
    await writeFile(path, bytes);
    const issues: Issue[] = [];
    const rows: { row: number; record: Record<string, string> }[] = [];
    for await (const r of readCsv(path, { file: "f.csv", columns: COLUMNS, issues, ...(maxCell ? { maxCell, maxRow: maxCell * 4 } : {}) })) rows.push({ row: r.row, record: { ...r.record } });
    await rm(path);
    return { rows, issues };
  }

  const CSV_PIECES = ["a", "b", "c", ",", '"', '""', "\n", "\r\n", "\r", " ", "x", "ạ", "\uFEFF", "\u0000", "\u200B", "a,b,c\n", "1,2,3\n", '"1,5",2,3\n'];
  const bytesOrText = fc.oneof(
    fc.uint8Array({ maxLength: 120 }),
    fc.array(fc.constantFrom(...CSV_PIECES), { maxLength: 40 }).map((a) => a.join("")),
    fc.array(fc.constantFrom(...CSV_PIECES), { maxLength: 40 }).map((a) => `a,b,c\n${a.join("")}`),
  );

  it(`random bytes and CSV-ish text: ${RUNS.csv} runs, rows in order with exactly the columns, or findings with known codes`, async () => {
    await fc.assert(
      fc.asyncProperty(bytesOrText, fc.boolean(), async (input, small) => {
        const { rows, issues } = await read(input, small ? 8 : undefined);
        for (const i of issues) {
          expect(KNOWN).toContain(i.code);
          expect(i.location.file).toBe("f.csv");
          if (i.location.row !== undefined) expect(Number.isInteger(i.location.row) && i.location.row >= 1).toBe(true);
        }
        let last = 1;
        for (const r of rows) {
          expect(r.row).toBeGreaterThan(last);
          last = r.row;
          expect(Object.keys(r.record)).toEqual(expect.arrayContaining([...COLUMNS]));
          expect(Object.keys(r.record)).toHaveLength(3);
        }
      }),
      { numRuns: RUNS.csv },
    );
  }, 60_000);

  it(`round trip: ${RUNS.csvRoundTrip} tables written by an RFC 4180 writer read back cell for cell (cells cleaned), rows numbered 2, 3, …`, async () => {
    const cell = fc.string({ unit: fc.constantFrom(..."ab ,\"\n\r'=-ạ\u00A0\u200B\t"), maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell, cell), { maxLength: 8 }), fc.boolean(), async (records, crlf) => {
        // A record of one empty cell is a blank line, which CSV cannot tell from nothing: leave those out.
        // (Line breaks in cells are quoted whatever the record delimiter, as data.csv's writer does.)
        const table = records.filter((r) => r.some((c) => c !== ""));
        const csv = stringify(table, { header: true, columns: [...COLUMNS], record_delimiter: crlf ? "windows" : "unix", quoted_match: [/^\s|\s$/, /[\r\n]/] });
        const { rows, issues } = await read(csv);
        expect(issues).toEqual([]);
        expect(rows).toEqual(table.map(([a, b, c], i) => ({ row: i + 2, record: { a: cleanCell(a), b: cleanCell(b), c: cleanCell(c) } })));
      }),
      { numRuns: RUNS.csvRoundTrip },
    );
  }, 60_000);
});
