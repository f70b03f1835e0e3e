import { createHash } from "node:crypto";
import { closeSync, createReadStream, fsync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { promisify } from "node:util";
import { type DatasetMetadata, OBSERVATION_COLUMNS, type Observation, Utf8Buffer } from "@langson-open-data/schemas";
import type { ObservationRows } from "./rows.js";
import { stringify } from "csv-stringify/sync";
import { csvCell, csvRecord } from "./csv-line.js";
import { jsonValue } from "./json-text.js";

const fsyncAsync = promisify(fsync);

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
export type FileBody = string | Uint8Array | readonly Uint8Array[] | SpooledFile;

/**
 * A file rendered as a stream: written to `path` (or only hashed, when there is no path) while its
 * size and sha256 were taken. Publishing moves it into the version folder.
 */
export interface SpooledFile {
  readonly path: string | undefined;
  readonly bytes: number;
  readonly sha256: string;
}

export const isSpooled = (body: FileBody): body is SpooledFile => typeof body === "object" && !Array.isArray(body) && !(body instanceof Uint8Array);

/**
 * Where a streamed file goes: text in, UTF-8 out, hashed on the way, written to a new file (never
 * over one) or, without a path, only measured. `close` syncs the file and says what was written;
 * `end` says it at once and leaves the sync to `sync`, which runs in the file system's threads.
 */
export class FileSink {
  private readonly fd: number | undefined;
  private closed = false;
  private readonly hash = createHash("sha256");
  private bytes = 0;
  private readonly pending = new Utf8Buffer((buf) => {
    this.hash.update(buf);
    this.bytes += buf.byteLength;
    if (this.fd === undefined) return;
    for (let at = 0; at < buf.byteLength; ) at += writeSync(this.fd, buf, at);
  });

  constructor(readonly path?: string) {
    this.fd = path === undefined ? undefined : openSync(path, "wx");
  }

  /** Writes `text` as UTF-8; returns how many bytes it took. */
  write(text: string): number {
    return this.pending.write(text);
  }

  /** Writes what is left, syncs the file to disk and closes it; says what was written. */
  close(): SpooledFile {
    const file = this.end();
    if (this.fd !== undefined) {
      fsyncSync(this.fd);
      this.closeFile();
    }
    return file;
  }

  /**
   * Writes what is left and says what was written; the file stays open until `sync` (or `abandon`),
   * which the caller awaits before the file is published.
   */
  end(): SpooledFile {
    this.pending.flush();
    return { path: this.path, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /**
   * After `end`: syncs the file to disk, in the file system's threads, then closes it, whether or not
   * the sync failed. `before` runs first (the fault hook's publishing step).
   */
  async sync(before?: () => Promise<void>): Promise<void> {
    if (this.fd === undefined || this.closed) return;
    try {
      await before?.();
      await fsyncAsync(this.fd);
    } finally {
      this.closeFile();
    }
  }

  /** After a failure: closes the file and removes it, keeping nothing. */
  abandon(): void {
    if (this.fd === undefined) return;
    if (!this.closed) this.closeFile();
    rmSync(this.path!, { force: true });
  }

  private closeFile(): void {
    this.closed = true;
    closeSync(this.fd!);
  }
}

const q = jsonValue;
const JSON_COLUMNS = "dataset,indicator,measure,ref_area,time_period,value,unit,unit_mult,decimals,obs_status,source,origin,quote,note";
if (OBSERVATION_COLUMNS.join(",") !== JSON_COLUMNS) throw new Error(`observationJson lists ${JSON_COLUMNS}; the contract's columns are now ${OBSERVATION_COLUMNS.join(",")}`);

/**
 * One observation as JSON with the public columns in order: the text of
 * `JSON.stringify(o, OBSERVATION_COLUMNS)` (render.test.ts), twice as fast, since a replacer list
 * takes V8's slow path. A change of the contract's columns stops the module from loading.
 *
 * Joined from a list rather than written as a template: a template's result is a rope of ~30 nodes
 * until something reads it flat, and the rows thread holds each row's line until its batch is sent,
 * so the young-generation collections copied every node of every rope they found alive (the thread's
 * scavenges of 200 000 rows: 574 ms as a template, 263 ms joined).
 */
export function observationJson(o: Observation): string {
  return [
    '{"dataset":', q(o.dataset), ',"indicator":', q(o.indicator), ',"measure":', q(o.measure), ',"ref_area":', q(o.ref_area),
    ',"time_period":', q(o.time_period), ',"value":', q(o.value), ',"unit":', q(o.unit), ',"unit_mult":', q(o.unit_mult),
    ',"decimals":', q(o.decimals), ',"obs_status":', q(o.obs_status), ',"source":', q(o.source), ',"origin":', q(o.origin),
    ',"quote":', q(o.quote), ',"note":', q(o.note), "}",
  ].join("");
}

/**
 * A line as observationJson writes it with no cell that needs an escape: its fourteen cells in the
 * public order, text without a quote, backslash or control character, canonical integers.
 */
const PLAIN_LINE =
  /^\{"dataset":"([^"\\\u0000-\u001f]*)","indicator":"([^"\\\u0000-\u001f]*)","measure":"([^"\\\u0000-\u001f]*)","ref_area":"([^"\\\u0000-\u001f]*)","time_period":"([^"\\\u0000-\u001f]*)","value":"([^"\\\u0000-\u001f]*)","unit":"([^"\\\u0000-\u001f]*)","unit_mult":(0|-?[1-9][0-9]*),"decimals":(0|-?[1-9][0-9]*),"obs_status":"([^"\\\u0000-\u001f]*)","source":"([^"\\\u0000-\u001f]*)","origin":"([^"\\\u0000-\u001f]*)","quote":"([^"\\\u0000-\u001f]*)","note":"([^"\\\u0000-\u001f]*)"\}$/;

/**
 * JSON.parse of a line observationJson wrote, three times as fast for the lines that need no
 * escape (one regular expression instead of the JSON parser: 200 000 lines of the largest generated
 * dataset, 350 → 110 ms); any other text goes to JSON.parse, with its answer and its errors
 * (render.test.ts holds the two to each other). The cells are slices of the line, so an object kept
 * keeps the string its line was cut from: the readers that keep cells as map keys (the rows crossing
 * from the rows thread, cut from a whole batch) use JSON.parse.
 */
export function parseObservationLine(line: string): Observation {
  const m = PLAIN_LINE.exec(line);
  if (!m) return JSON.parse(line) as Observation;
  return {
    dataset: m[1]!,
    indicator: m[2]!,
    measure: m[3] as Observation["measure"],
    ref_area: m[4] as Observation["ref_area"],
    time_period: m[5]!,
    value: m[6]!,
    unit: m[7] as Observation["unit"],
    unit_mult: Number(m[8]),
    decimals: Number(m[9]),
    obs_status: m[10] as Observation["obs_status"],
    source: m[11]!,
    origin: m[12] as Observation["origin"],
    quote: m[13]!,
    note: m[14]!,
  };
}

/** The cells of data.csv for one row: text cells neutralized against formula injection. */
function csvCells(r: Observation): string[] {
  return OBSERVATION_COLUMNS.map((c) => (TEXT_COLUMNS.has(c) ? neutralizeFormula(String(r[c])) : String(r[c])));
}

/**
 * A character for which csvCell quotes a cell, the comma aside: a quote, a semicolon or any
 * whitespace (tab, CR and LF among it; with none, none is at an edge).
 */
const NOT_PLAIN = /[";\s]/;

function commas(s: string): number {
  let n = 0;
  for (let at = s.indexOf(","); at !== -1; at = s.indexOf(",", at + 1)) n++;
  return n;
}

/**
 * One record of data.csv for a row: `csvRecord(csvCells(r))`, with one regular expression a row
 * instead of one a cell (csv-line.test.ts holds the two to each other). The twelve cells before
 * quote and note (the public column order) are codes, decimals and integers: joined by ",", they are
 * written as they are when the join holds no character a cell is quoted for, no whitespace and
 * exactly eleven commas (so none inside a cell). Otherwise, and for quote and note always, each cell
 * goes through csvCell.
 */
export function observationCsvRecord(r: Observation): string {
  const head = `${r.dataset},${r.indicator},${r.measure},${r.ref_area},${r.time_period},${r.value},${r.unit},${r.unit_mult},${r.decimals},${r.obs_status},${r.source},${r.origin}`;
  if (NOT_PLAIN.test(head) || commas(head) !== 11) return csvRecord(csvCells(r));
  return `${head},${csvCell(neutralizeFormula(String(r.quote)))},${csvCell(neutralizeFormula(String(r.note)))}\n`;
}

/** What a CSV file holds, as the Parquet writer needs to know it (see writeParquet). */
export interface CsvShape {
  /** Data records, the header aside. */
  readonly records: number;
  /** Bytes of the longest record, the header and the record's "\n" included. */
  readonly longestRecordBytes: number;
}

/**
 * Streams data.csv and data.json of a version into two sinks, row by row, with the bytes of
 * `renderCsv` and `renderJson` (a plain quote-when-needed writer proven equal to csv-stringify's
 * output, csv-line.test.ts). `each` sees every row on the way, for a file rendered beside them.
 * Returns the rows and the shape of the data.csv written.
 */
export async function streamDataFiles(rows: ObservationRows, csv: FileSink, json: FileSink, each?: (o: Observation, index: number) => void): Promise<CsvShape> {
  let longestRecordBytes = csv.write(csvRecord(OBSERVATION_COLUMNS as string[]));
  json.write("[\n");
  let n = 0;
  // Rows kept as their observationJson text (a spool) are written as they are.
  for await (const [r, text] of rows.withJson?.() ?? withRenderedJson(rows.rows())) {
    const bytes = csv.write(observationCsvRecord(r));
    if (bytes > longestRecordBytes) longestRecordBytes = bytes;
    json.write(n === 0 ? "  " : ",\n  ");
    json.write(text);
    each?.(r, n);
    n++;
  }
  json.write("\n]\n");
  return { records: n, longestRecordBytes };
}

async function* withRenderedJson(rows: AsyncIterable<Observation>): AsyncGenerator<readonly [Observation, string]> {
  for await (const r of rows) yield [r, observationJson(r)];
}

/** Rows rendered at a time into one chunk of data.csv or data.json. */
const CHUNK_ROWS = 4096;

/**
 * data.csv: RFC 4180 via csv-stringify, LF line ends, UTF-8 without BOM, the public column order.
 * Text cells are neutralized against formula injection; a cell holding a ";" or a tab is quoted too,
 * so that a spreadsheet splitting on those (a semicolon locale, a tab import) cannot start a new cell
 * inside it (OWASP: mind the field separators), and so is a cell holding a lone CR or LF, which
 * csv-stringify leaves bare unless it is the record delimiter itself. Rendered in chunks of rows:
 * quoting is decided cell by cell, so the chunks join into the bytes of one rendering.
 *
 * The reference rendering, in memory: releases are written by streamDataFiles, which the tests prove
 * byte-equal to this on every published dataset and on tricky cells (csv-line.test.ts, rows.test.ts).
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
 * data.json, the reference rendering as renderCsv is: an array of row objects with the same keys as
 * the CSV header. `value` stays a string: an exact decimal that may exceed 2^53 must not pass through
 * a binary float. In chunks of rows.
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
  if (isSpooled(body)) {
    if (body.path === undefined) throw new Error("a file that was only measured has no bytes to read");
    return readFileSync(body.path);
  }
  return body instanceof Uint8Array ? Buffer.from(body.buffer, body.byteOffset, body.byteLength) : Buffer.concat(body as readonly Uint8Array[]);
}

export function bodyBytes(body: FileBody): number {
  if (typeof body === "string") return Buffer.byteLength(body);
  if (isSpooled(body)) return body.bytes;
  return body instanceof Uint8Array ? body.byteLength : (body as readonly Uint8Array[]).reduce((n, c) => n + c.byteLength, 0);
}

/** Whether a file on disk holds exactly these bytes, compared chunk by chunk. */
export function sameBytes(onDisk: Uint8Array, body: FileBody): boolean {
  if (isSpooled(body)) return onDisk.byteLength === body.bytes && sha256Hex(onDisk) === body.sha256;
  const chunks = typeof body === "string" || body instanceof Uint8Array ? [bodyBuffer(body)] : (body as readonly Uint8Array[]);
  const disk = Buffer.from(onDisk.buffer, onDisk.byteOffset, onDisk.byteLength);
  let at = 0;
  for (const c of chunks) {
    if (!disk.subarray(at, at + c.byteLength).equals(c)) return false;
    at += c.byteLength;
  }
  return at === disk.byteLength;
}

/** Size and sha256 of a file on disk, read as a stream: a national data.json is never held at once. */
export async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}

export function sha256Hex(data: FileBody): string {
  if (isSpooled(data)) return data.sha256;
  const hash = createHash("sha256");
  if (typeof data === "string" || data instanceof Uint8Array) hash.update(data);
  else for (const chunk of data as readonly Uint8Array[]) hash.update(chunk);
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
