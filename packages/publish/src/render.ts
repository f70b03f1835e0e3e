import { createHash } from "node:crypto";
import { type DatasetMetadata, OBSERVATION_COLUMNS, type Observation } from "@langson-open-data/schemas";
import { stringify } from "csv-stringify/sync";

/** Columns whose cells are free text, where a spreadsheet formula could hide. */
const TEXT_COLUMNS = new Set<string>(["quote", "note"]);

/**
 * Neutralizes a text cell that a spreadsheet would run as a formula (OWASP CSV injection): a cell
 * beginning with =, +, -, @, tab or carriage return gets a leading apostrophe. Numbers are never
 * touched: they live in numeric columns.
 */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** data.csv: RFC 4180 via csv-stringify, LF line ends, UTF-8 without BOM, the public column order. */
export function renderCsv(rows: readonly Observation[]): string {
  return stringify(
    rows.map((r) => OBSERVATION_COLUMNS.map((c) => (TEXT_COLUMNS.has(c) ? neutralizeFormula(String(r[c])) : String(r[c])))),
    { header: true, columns: OBSERVATION_COLUMNS as string[], record_delimiter: "unix", quoted_match: /^\s|\s$/ },
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
