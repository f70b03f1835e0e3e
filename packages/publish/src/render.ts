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
 * A rendered file: one string, or UTF-8 chunks for the files that grow with the data. A national
 * dataset's data.json outgrows V8's longest string (~512 M characters), and Vietnamese text held as
 * a JS string takes two bytes a character where UTF-8 takes little more than one.
 */
export type FileBody = string | Uint8Array | readonly Uint8Array[];

/** Rows rendered at a time into one chunk of data.csv or data.json. */
const CHUNK_ROWS = 4096;

/**
 * data.csv: RFC 4180 via csv-stringify, LF line ends, UTF-8 without BOM, the public column order.
 * Text cells are neutralized against formula injection; a cell holding a ";" or a tab is quoted too,
 * so that a spreadsheet splitting on those (a semicolon locale, a tab import) cannot start a new cell
 * inside it (OWASP: mind the field separators), and so is a cell holding a lone CR or LF, which
 * csv-stringify leaves bare unless it is the record delimiter itself. Rendered in chunks of rows:
 * quoting is decided cell by cell, so the chunks join into the bytes of one rendering.
 */
export function renderCsv(rows: readonly Observation[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += CHUNK_ROWS) {
    const records = rows.slice(start, start + CHUNK_ROWS).map((r) => OBSERVATION_COLUMNS.map((c) => (TEXT_COLUMNS.has(c) ? neutralizeFormula(String(r[c])) : String(r[c]))));
    const text = stringify(records, { header: start === 0, columns: OBSERVATION_COLUMNS as string[], record_delimiter: "unix", quoted_match: [/^\s|\s$/, /[;\t\r\n]/] });
    chunks.push(Buffer.from(text, "utf8"));
  }
  return chunks;
}

/**
 * data.json: an array of row objects with the same keys as the CSV header. `value` stays a string:
 * an exact decimal that may exceed 2^53 must not pass through a binary float. In chunks of rows.
 */
export function renderJson(rows: readonly Observation[]): Buffer[] {
  const chunks: Buffer[] = [];
  for (let start = 0; start === 0 || start < rows.length; start += CHUNK_ROWS) {
    const lines = rows
      .slice(start, start + CHUNK_ROWS)
      .map((r) => `  ${JSON.stringify(r, OBSERVATION_COLUMNS as string[])}`)
      .join(",\n");
    const end = start + CHUNK_ROWS >= rows.length ? "\n]\n" : "";
    chunks.push(Buffer.from(`${start === 0 ? "[\n" : ",\n"}${lines}${end}`, "utf8"));
  }
  return chunks;
}

/** A file's bytes as one Buffer, for the small files and for tests. */
export function bodyBuffer(body: FileBody): Buffer {
  if (typeof body === "string") return Buffer.from(body, "utf8");
  return body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Buffer.concat(body);
}

export function bodyBytes(body: FileBody): number {
  if (typeof body === "string") return Buffer.byteLength(body);
  return body instanceof Uint8Array ? body.byteLength : body.reduce((n, c) => n + c.byteLength, 0);
}

/** Whether a file on disk holds exactly these bytes, compared chunk by chunk. */
export function sameBytes(onDisk: Uint8Array, body: FileBody): boolean {
  const chunks = typeof body === "string" || body instanceof Uint8Array ? [bodyBuffer(body)] : body;
  const disk = Buffer.from(onDisk.buffer, onDisk.byteOffset, onDisk.byteLength);
  let at = 0;
  for (const c of chunks) {
    if (!disk.subarray(at, at + c.byteLength).equals(c)) return false;
    at += c.byteLength;
  }
  return at === disk.byteLength;
}

export function sha256Hex(data: FileBody): string {
  const hash = createHash("sha256");
  if (typeof data === "string" || data instanceof Uint8Array) hash.update(data);
  else for (const chunk of data) hash.update(chunk);
  return hash.digest("hex");
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
