import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { OBSERVATION_COLUMNS, type Observation } from "@langson-open-data/schemas";
import { type Options, stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRecord } from "./csv-line.js";
import { neutralizeFormula, observationCsvRecord, renderCsv } from "./render.js";
import { SAMPLE_OBSERVATION } from "../test/fixture.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** The options `renderCsv` passes to csv-stringify, word for word. */
const RENDER_OPTIONS: Options = {
  columns: OBSERVATION_COLUMNS as string[],
  record_delimiter: "unix",
  quoted_match: [/^\s|\s$/, /[;\t\r\n]/],
};

/** csv-stringify's bytes for records of any length: `columns` would cut them to 14 cells. */
const stringifyRecords = (records: readonly (readonly string[])[]) => stringify(records as string[][], { record_delimiter: "unix", quoted_match: [/^\s|\s$/, /[;\t\r\n]/] });

/** A record of data.csv, built as `renderCsv` builds it before stringifying. */
const cellsOf = (row: Observation): string[] => OBSERVATION_COLUMNS.map((c) => (c === "quote" || c === "note" ? neutralizeFormula(String(row[c])) : String(row[c])));

const releases = readdirSync(join(ROOT, "datasets"), { withFileTypes: true })
  .filter((d) => d.isDirectory() && readdirSync(join(ROOT, "datasets", d.name)).includes("1.0.0"))
  .map((d) => join(ROOT, "datasets", d.name, "1.0.0"));

describe("csvRecord on the published 1.0.0 releases", () => {
  it("finds the releases", () => {
    expect(releases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(releases.map((dir) => [dir.slice(ROOT.length), dir]))("%s: data.csv byte for byte", (_name, dir) => {
    const rows = JSON.parse(readFileSync(join(dir, "data.json"), "utf8")) as Observation[];
    expect(rows.length).toBeGreaterThan(0);
    const ours = Buffer.from(csvRecord(OBSERVATION_COLUMNS) + rows.map((r) => csvRecord(cellsOf(r))).join(""), "utf8");
    expect(ours.equals(readFileSync(join(dir, "data.csv")))).toBe(true);
    expect(ours.equals(Buffer.concat(renderCsv(rows)))).toBe(true);
  });
});

const SAMPLE = SAMPLE_OBSERVATION;

const LONG = "Tổng kim ngạch xuất nhập khẩu qua địa bàn ước đạt 640 triệu USD ".repeat(20_000);

/** Cells and how csv-stringify writes them with `renderCsv`'s options. */
const TRICKY: readonly (readonly [string, string, string])[] = [
  ["empty", "", ""],
  ["plain ASCII", "VN-09", "VN-09"],
  ["comma", "16,84%", '"16,84%"'],
  ["comma only", ",", '","'],
  ["double quote inside", 'ước "đạt" 640', '"ước ""đạt"" 640"'],
  ["double quote only", '"', '""""'],
  ["quotes at both ends", '"640"', '"""640"""'],
  ["LF", "a\nb", '"a\nb"'],
  ["CRLF", "a\r\nb", '"a\r\nb"'],
  ["lone CR", "a\rb", '"a\rb"'],
  ["CR at the end", "a\r", '"a\r"'],
  ["tab inside", "a\tb", '"a\tb"'],
  ["semicolon", "a;b", '"a;b"'],
  ["leading space", " a", '" a"'],
  ["trailing space", "a ", '"a "'],
  ["space only", " ", '" "'],
  ["inner space", "a b", "a b"],
  ["leading NBSP", "\u00A0a", '"\u00A0a"'],
  ["trailing NBSP", "a\u00A0", '"a\u00A0"'],
  ["inner NBSP", "a\u00A0b", "a\u00A0b"],
  ["trailing U+2028", "a\u2028", '"a\u2028"'],
  ["inner U+2028 (not a record delimiter here)", "a\u2028b", "a\u2028b"],
  ["leading U+2029", "\u2029a", '"\u2029a"'],
  ["leading BOM U+FEFF", "\uFEFFa", '"\uFEFFa"'],
  ["trailing ideographic space U+3000", "a\u3000", '"a\u3000"'],
  ["trailing narrow NBSP U+202F", "a\u202F", '"a\u202F"'],
  ["leading vertical tab", "\va", '"\va"'],
  ["inner vertical tab and form feed", "a\v\fb", "a\v\fb"],
  ["trailing NEL U+0085 (not \\s in JS)", "a\u0085", "a\u0085"],
  ["leading U+180E (not \\s since Unicode 6.3)", "\u180Ea", "\u180Ea"],
  ["zero-width space U+200B (not \\s)", "\u200Ba\u200B", "\u200Ba\u200B"],
  ["record separator U+001E", "a\u001Eb", "a\u001Eb"],
  ["Vietnamese, precomposed", "bình thường hoá các hoạt động", "bình thường hoá các hoạt động"],
  ["Vietnamese, combining marks (NFD)", "bình thường hoá".normalize("NFD"), "bình thường hoá".normalize("NFD")],
  ["combining mark at the end", "a\u0301", "a\u0301"],
  ["emoji, surrogate pairs", "📈 tăng 👍🏽", "📈 tăng 👍🏽"],
  ["emoji with comma", "📈,👍🏽", '"📈,👍🏽"'],
  ["lone high surrogate", "a\uD83D", "a\uD83D"],
  ["lone low surrogate at the start", "\uDE00a", "\uDE00a"],
  ["formula =", "=1+1", "=1+1"],
  ["formula + and -", "+1-1", "+1-1"],
  ["formula @", "@SUM(A1:A9)", "@SUM(A1:A9)"],
  ["neutralized formula", neutralizeFormula('=HYPERLINK("http://x";"640")'), `"'=HYPERLINK(""http://x"";""640"")"`],
  ["neutralized tab formula", neutralizeFormula("\t=1"), `"'\t=1"`],
  ["negative decimal", "-3.43", "-3.43"],
  ["very long plain", LONG.trim(), LONG.trim()],
  ["very long with trailing space", LONG, `"${LONG}"`],
  ["very long with a quote at the end", `${LONG.trim()}"`, `"${LONG.trim()}"""`],
];

describe("csvCell on tricky cells", () => {
  it.each(TRICKY.map(([name, cell, expected]) => [name, cell, expected]))("%s", (_name, cell, expected) => {
    expect(csvCell(cell)).toBe(expected);
    expect(`${csvCell(cell)}\n`).toBe(stringify([[cell]], RENDER_OPTIONS));
    const record = OBSERVATION_COLUMNS.map((c, i) => (i % 2 === 0 ? cell : c));
    expect(csvRecord(OBSERVATION_COLUMNS) + csvRecord(record)).toBe(stringify([record], { ...RENDER_OPTIONS, header: true }));
  });

  it("all the tricky cells in one record", () => {
    const cells = TRICKY.map(([, cell]) => cell);
    expect(csvRecord(cells)).toBe(stringifyRecords([cells]));
  });

  it("an empty record is a bare line end, as csv-stringify writes it", () => {
    expect(csvRecord([])).toBe("\n");
    expect(stringifyRecords([[]])).toBe("\n");
  });
});

/** Characters that decide quoting, or that sit near a rule: biased so most records hit one. */
const SPECIAL = fc.constantFrom(",", '"', ";", "\t", "\r", "\n", "\r\n", " ", "\u00A0", "\u2028", "\u2029", "\uFEFF", "\u3000", "\v", "\f", "\u0085", "\u180E", "\u200B", "\u001E", "=", "+", "-", "@", "'", "\u0301", "ờ", "😀", "\uD83D", "\uDE00", "a", "1");
const CODE_UNIT = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const CELL = fc.oneof(
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.string({ unit: CODE_UNIT }),
  fc.string({ unit: SPECIAL, maxLength: 8 }),
  fc.string({ unit: fc.oneof(SPECIAL, fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })) }),
);

describe("csvRecord against csv-stringify (fast-check)", () => {
  it("records of any length", () => {
    fc.assert(
      fc.property(fc.array(CELL, { maxLength: 20 }), (cells) => {
        expect(csvRecord(cells)).toBe(stringifyRecords([cells]));
      }),
      { numRuns: 5000 },
    );
  });

  it("14-cell records with renderCsv's options, header included", () => {
    fc.assert(
      fc.property(fc.array(CELL, { minLength: OBSERVATION_COLUMNS.length, maxLength: OBSERVATION_COLUMNS.length }), (cells) => {
        expect(csvRecord(OBSERVATION_COLUMNS) + csvRecord(cells)).toBe(stringify([cells], { ...RENDER_OPTIONS, header: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it("observationCsvRecord: rows with any text in any column render as renderCsv renders them", () => {
    const code = fc.oneof(fc.constantFrom("VN-09", "TRADE_TOTAL", "2023-Q1", "1689300000000", "-3.43", "lang-son-2023-q1", ""), CELL);
    const row = fc
      .tuple(fc.array(code, { minLength: 10, maxLength: 10 }), fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), CELL, CELL)
      .map(([c, unit_mult, decimals, quote, note]): Observation => ({
        ...SAMPLE,
        dataset: c[0]!,
        indicator: c[1]!,
        measure: c[2]! as Observation["measure"],
        ref_area: c[3]! as Observation["ref_area"],
        time_period: c[4]!,
        value: c[5]!,
        unit: c[6]! as Observation["unit"],
        unit_mult,
        decimals,
        obs_status: c[7]! as Observation["obs_status"],
        source: c[8]!,
        origin: c[9]! as Observation["origin"],
        quote,
        note,
      }));
    const header = csvRecord(OBSERVATION_COLUMNS);
    fc.assert(
      fc.property(row, (r) => {
        // Compared as the bytes written: a lone surrogate is U+FFFD in UTF-8 either way.
        expect(Buffer.from(header + observationCsvRecord(r), "utf8").equals(Buffer.concat(renderCsv([r])))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    // A published row, and rows whose code cells need quoting (a comma, an edge space), give csvRecord's bytes.
    expect(observationCsvRecord(SAMPLE)).toBe(csvRecord(cellsOf(SAMPLE)));
    expect(observationCsvRecord({ ...SAMPLE, source: "a,b" })).toBe(csvRecord(cellsOf({ ...SAMPLE, source: "a,b" })));
    expect(observationCsvRecord({ ...SAMPLE, value: " 1" })).toContain(',"' + " 1" + '",');
  });

  it("rows with arbitrary quote and note render as renderCsv renders them", () => {
    const row = fc.tuple(CELL, CELL, CELL).map(([quote, note, value]): Observation => ({ ...SAMPLE, quote, note, value }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 10 }), (rows) => {
        const ours = Buffer.from(csvRecord(OBSERVATION_COLUMNS) + rows.map((r) => csvRecord(cellsOf(r))).join(""), "utf8");
        expect(ours.equals(Buffer.concat(renderCsv(rows)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
