import { createHash } from "node:crypto";
import { type DatasetMetadata, OBSERVATION_COLUMNS, type Observation } from "@langson-open-data/schemas";
import { stringify } from "csv-stringify/sync";

/** Columns whose cells are free text, where a spreadsheet formula could hide. */
const TEXT_COLUMNS = new Set<string>(["quote", "note"]);

/**
 * How a cell starts when a spreadsheet would run it as a formula: OWASP's CSV-injection list (=, +,
 * -, @, tab, carriage return), and the same characters after leading whitespace, which some
 * spreadsheets trim on import before they look.
 */
const FORMULA_START = /^(?:[=+\-@\t\r]|\s+[=+\-@])/;

/**
 * Neutralizes a text cell that a spreadsheet would run as a formula, as OWASP's CSV-injection
 * guidance says: a leading apostrophe, which spreadsheets show as text. Apply it to free-text
 * columns only: numbers live in their own columns and stay numbers ("-3.43" is a value, not a formula).
 *
 * @example
 * neutralizeFormula('=HYPERLINK("http://x";"640")') // "'=HYPERLINK(\"http://x\";\"640\")"
 * neutralizeFormula("tăng 31,96% so cùng kỳ")        // unchanged
 */
export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * data.csv: RFC 4180 via csv-stringify, LF line ends, UTF-8 without BOM, the public column order.
 * Text cells are neutralized against formula injection; a cell holding a ";" or a tab is quoted too,
 * so that a spreadsheet splitting on those (a semicolon locale, a tab import) cannot start a new cell
 * inside it (OWASP: mind the field separators), and so is a cell holding a lone CR or LF, which
 * csv-stringify leaves bare unless it is the record delimiter itself.
 */
export function renderCsv(rows: readonly Observation[]): string {
  return stringify(
    rows.map((r) => OBSERVATION_COLUMNS.map((c) => (TEXT_COLUMNS.has(c) ? neutralizeFormula(String(r[c])) : String(r[c])))),
    { header: true, columns: OBSERVATION_COLUMNS as string[], record_delimiter: "unix", quoted_match: [/^\s|\s$/, /[;\t\r\n]/] },
  );
}

/**
 * data.json: an array of row objects with the same keys as the CSV header. `value` stays a string:
 * an exact decimal that may exceed 2^53 must not pass through a binary float.
 */
export function renderJson(rows: readonly Observation[]): string {
  return `[\n${rows.map((r) => `  ${JSON.stringify(r, OBSERVATION_COLUMNS as string[])}`).join(",\n")}\n]\n`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Stable JSON: object keys sorted, so that a hash of metadata depends on content only. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

export function metadataHash(meta: DatasetMetadata): string {
  return sha256Hex(canonicalJson(meta));
}
