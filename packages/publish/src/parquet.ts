import { createReadStream } from "node:fs";
import { open, rm, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { DECIMAL_PATTERN, OBSERVATION_COLUMNS, type Observation, observation } from "@langson-open-data/schemas";
import type { CsvShape } from "./render.js";

/**
 * The DuckDB type of each published column in data.parquet. Declared, never sniffed from the data, so
 * that every release of every dataset has one schema.
 *
 * - `value` stays VARCHAR: the contract bounds it by length only (80 characters of `DECIMAL_PATTERN`),
 *   not by digits or scale, so a valid value may need more than the 38 digits of the widest DECIMAL,
 *   and no single scale fits both "1689300000000" and a value with many decimals. A string is exact;
 *   readers cast it to a DECIMAL wide enough for the values they query (docs/parquet.md says how).
 * - `unit_mult` and `decimals` are TINYINT: the contract bounds both to 0..15.
 * - Everything else is text, as in data.csv.
 */
export const PARQUET_COLUMN_TYPES = {
  dataset: "VARCHAR",
  indicator: "VARCHAR",
  measure: "VARCHAR",
  ref_area: "VARCHAR",
  time_period: "VARCHAR",
  value: "VARCHAR",
  unit: "VARCHAR",
  unit_mult: "TINYINT",
  decimals: "TINYINT",
  obs_status: "VARCHAR",
  source: "VARCHAR",
  origin: "VARCHAR",
  quote: "VARCHAR",
  note: "VARCHAR",
} as const satisfies Record<keyof Observation, "VARCHAR" | "TINYINT">;

/** data.csv could not be turned into Parquet: the message names the file, what was expected and what was found. */
export class ParquetWriteError extends Error {
  constructor(
    readonly csvPath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot write Parquet from ${csvPath}: ${message}`, options);
    this.name = "ParquetWriteError";
  }
}

/** What the Parquet writer is pinned to; written out rather than left to DuckDB's defaults, which may move between versions. */
const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 3, PARQUET_VERSION V1";

/**
 * Rows per row group: DuckDB's default, fewer when rows are long. The writer holds a whole row group
 * in memory and needs several times its size to encode and compress it, so a row group is kept near 4 MiB
 * of CSV text, judged by the file's longest record: a pure function of the file, so the bytes stay
 * deterministic. With memory_limit 64MB and a 4 MiB CSV buffer, a 190 000-row data.csv (37 MB) is
 * written with a peak RSS of 178 MiB for the whole process (233 MiB with 128MB and 16 MiB groups);
 * the tests' 2048 rows of 9 KB (quote and note at the contract's 2000 characters) fit.
 */
const ROW_GROUP = { maxRows: 122_880, minRows: 2048, targetBytes: 4 * 2 ** 20 } as const;

function rowGroupRows(longestRecordBytes: number): number {
  const rows = Math.floor(ROW_GROUP.targetBytes / Math.max(1, longestRecordBytes) / 2048) * 2048;
  return Math.min(ROW_GROUP.maxRows, Math.max(ROW_GROUP.minRows, rows));
}

/**
 * One DuckDB per call, configured for identical bytes on every run: one thread (row groups and their
 * order do not depend on scheduling), insertion order kept, bounded memory, no extension ever
 * downloaded or loaded behind our back. The conversion streams and never spills: with no temporary
 * directory, running out of memory is an error, not a ".tmp" folder left in the working directory.
 */
const DUCKDB_CONFIG: Record<string, string> = {
  threads: "1",
  memory_limit: "64MB",
  // DuckDB's allocator keeps what a statement freed for the next one unless told to hand it back:
  // after each row group, the memory goes back to the system (a 47 MB data.csv: 181 → 167 MiB peak).
  allocator_flush_threshold: "4MB",
  allocator_bulk_deallocation_flush_threshold: "4MB",
  temp_directory: "",
  preserve_insertion_order: "true",
  autoinstall_known_extensions: "false",
  autoload_known_extensions: "false",
};

const HEADER = OBSERVATION_COLUMNS.join(",");
/** The longest header line read before giving up: the real one is ~100 bytes. */
const HEADER_PROBE_BYTES = 4096;

/**
 * Writes data.parquet from a release's data.csv with DuckDB: the same columns in the same order, the
 * same rows in file order, every cell as the CSV holds it (text cells keep the leading apostrophe that
 * `neutralizeFormula` put before a formula-like cell), `unit_mult` and `decimals` as integers; see
 * {@link PARQUET_COLUMN_TYPES}. zstd-compressed, deterministic: the same CSV and the same DuckDB build
 * give the same bytes. `metadata` goes into the file footer as key-value pairs, sorted by key.
 *
 * The CSV is read with an explicit schema, never sniffed: a header other than the contract's, a row
 * of the wrong width, a `value` that is not a plain decimal or an integer column that is not a plain
 * integer rejects with a {@link ParquetWriteError}; nothing is left at `parquetPath`, or a file that
 * was there before is left as it was (DuckDB writes over a file through a temporary one).
 *
 * @example
 * const { rows } = await writeParquet("datasets/lang-son-trade/1.0.1/data.csv", "datasets/lang-son-trade/1.0.1/data.parquet");
 */
export async function writeParquet(
  csvPath: string,
  parquetPath: string,
  metadata: Readonly<Record<string, string>> = {},
  options: {
    /**
     * The file's records and longest record, from the writer that has just rendered it with
     * csvRecord (streamDataFiles): the scan of every record is then skipped. A shape that is not the
     * file's gives other row groups, or a row count DuckDB rejects.
     */
    readonly shape?: CsvShape;
  } = {},
): Promise<{ rows: number }> {
  await checkHeader(csvPath);
  // read_csv drops empty cells past the last column without a word (strict_mode or not), so a row
  // with a stray comma would be read shifted: the scan counts every record's cells first, and names
  // the line.
  const { records, longestRecordBytes } =
    options.shape ??
    (await scanRecords(csvPath).catch((error: unknown) => {
      throw error instanceof ParquetWriteError ? error : unreadable(csvPath, error);
    }));
  const { sql, values } = copyStatement(metadata, rowGroupRows(longestRecordBytes));
  const existedBefore = await stat(parquetPath).then(
    () => true,
    () => false,
  );
  // Loaded when a Parquet file is written, not when publishing is imported: the library maps ~35 MB
  // that `check` and `verify` never need.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:", DUCKDB_CONFIG);
  try {
    const connection = await instance.connect();
    try {
      // Paths are bound as parameters, never spliced into SQL; read_csv expands globs, so the CSV
      // path has its glob characters escaped ("a[1].csv" would otherwise read "a1.csv").
      const result = await connection.run(sql, { ...values, csv: globLiteral(resolve(csvPath)), out: resolve(parquetPath) });
      const rows = result.rowsChanged;
      if (rows !== records) throw new ParquetWriteError(csvPath, `expected DuckDB to read the file's ${records} data records, it read ${rows} rows`);
      return { rows };
    } finally {
      connection.closeSync();
    }
  } catch (error) {
    if (!existedBefore) await rm(parquetPath, { force: true });
    throw error instanceof ParquetWriteError ? error : new ParquetWriteError(csvPath, duckdbMessage(error), { cause: error });
  } finally {
    instance.closeSync();
  }
}

/** The COPY statement, with the footer metadata's values as parameters and its keys as quoted identifiers. */
function copyStatement(metadata: Readonly<Record<string, string>>, rowGroupSize: number): { sql: string; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const pairs = Object.keys(metadata)
    .sort()
    .map((key, i) => {
      if (key === "") throw new TypeError("writeParquet: a metadata key is empty");
      values[`kv${i}`] = metadata[key]!;
      return `${quoteIdentifier(key)}: $kv${i}`;
    });
  const kv = pairs.length > 0 ? `, KV_METADATA {${pairs.join(", ")}}` : "";
  const columns = OBSERVATION_COLUMNS.map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(", ");
  // Every column is read as the text the CSV holds; empty cells stay "" (force_not_null), never NULL.
  const read = `read_csv($csv, header = true, auto_detect = false, columns = {${columns}}, delim = ',', quote = '"', escape = '"', new_line = '\\n', strict_mode = true, buffer_size = 4194304, max_line_size = 1048576, force_not_null = [${OBSERVATION_COLUMNS.map(quoteLiteral).join(", ")}], encoding = 'utf-8')`;
  const select = OBSERVATION_COLUMNS.map((c) => `${selectColumn(c)} AS ${quoteIdentifier(c)}`).join(",\n  ");
  return { sql: `COPY (SELECT\n  ${select}\nFROM ${read}) TO $out (${PARQUET_OPTIONS}, ROW_GROUP_SIZE ${rowGroupSize}${kv})`, values };
}

/**
 * A numeric column checked against its plain written form (and the contract's bounds) before the
 * cast, so that "2.0", "+6" or " 6" is an error rather than a cell that silently differs from the CSV.
 */
function selectColumn(column: keyof Observation): string {
  const c = quoteIdentifier(column);
  const where = `' (row ' || ${rowLabel()} || ')'`;
  const found = `', found "' || left(${c}, 40) || '"'`;
  if (column === "value") {
    const pattern = quoteLiteral(DECIMAL_PATTERN.source.replace(/^\^/, "").replace(/\$$/, ""));
    return `CASE WHEN regexp_full_match(${c}, ${pattern}) THEN ${c} ELSE error('value: expected a plain decimal such as 640000000, 16.84 or -3.43' || ${found} || ${where}) END`;
  }
  if (column === "unit_mult" || column === "decimals") {
    const { minValue: min, maxValue: max } = observation.shape[column];
    const fits = `regexp_full_match(${c}, '0|[1-9][0-9]*') AND TRY_CAST(${c} AS TINYINT) BETWEEN ${min} AND ${max}`;
    return `CASE WHEN ${fits} THEN CAST(${c} AS TINYINT) ELSE error('${column}: expected a whole number from ${min} to ${max} such as 6' || ${found} || ${where}) END`;
  }
  return c;
}

/** Names a row in an error by its key columns: read_csv gives no line numbers to the query. */
function rowLabel(): string {
  return ["indicator", "measure", "time_period"].map((c) => `'${c} ' || left(${quoteIdentifier(c)}, 64)`).join(" || ', ' || ");
}

/** Checks the first line before DuckDB reads on: read_csv skips the header line unread when given the columns. */
async function checkHeader(csvPath: string): Promise<void> {
  let head: Buffer;
  try {
    const file = await open(csvPath, "r");
    try {
      const buffer = Buffer.alloc(HEADER_PROBE_BYTES);
      const { bytesRead } = await file.read(buffer, 0, HEADER_PROBE_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await file.close();
    }
  } catch (error) {
    throw unreadable(csvPath, error);
  }
  const end = head.indexOf(0x0a);
  const line = (end < 0 ? head : head.subarray(0, end)).toString("utf8");
  if (end < 0 || line !== HEADER) {
    const found = head.length === 0 ? "an empty file" : `${JSON.stringify(line.slice(0, 200))}${end < 0 ? " with no line end" : ""}`;
    throw new ParquetWriteError(csvPath, `expected the header line ${JSON.stringify(HEADER)} (UTF-8, no BOM, ending in "\\n"), found ${found}`);
  }
}

/**
 * Counts the data records and measures the longest, checking that each record has exactly one cell
 * per column and that every line ends in "\n" alone, as renderCsv writes them. Bytes suffice: in
 * UTF-8 no byte of a multi-byte character is a quote, comma or line end, and a doubled quote inside
 * a quoted cell toggles twice.
 */
async function scanRecords(csvPath: string): Promise<{ records: number; longestRecordBytes: number }> {
  const expected = OBSERVATION_COLUMNS.length;
  let inQuotes = false;
  let cells = 1;
  let line = 1;
  let recordLine = 1;
  let records = 0;
  let recordBytes = 0;
  let longestRecordBytes = 0;
  let pending = false;
  const fail = (what: string) => new ParquetWriteError(csvPath, what);
  for await (const chunk of createReadStream(csvPath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      pending = true;
      recordBytes++;
      if (byte === 0x22) inQuotes = !inQuotes;
      else if (byte === 0x0a) {
        line++;
        if (inQuotes) continue;
        if (cells !== expected) throw fail(`expected ${expected} cells on every line, found ${cells} on line ${recordLine} (a cell holding a comma must be quoted)`);
        records++;
        longestRecordBytes = Math.max(longestRecordBytes, recordBytes);
        recordBytes = 0;
        cells = 1;
        recordLine = line;
        pending = false;
      } else if (inQuotes) continue;
      else if (byte === 0x2c) cells++;
      else if (byte === 0x0d) throw fail(`expected lines ending in "\\n" alone, found a carriage return outside quotes on line ${line}`);
    }
  }
  if (inQuotes) throw fail(`expected every quoted cell to be closed, the record from line ${recordLine} opens one that never closes`);
  if (pending) {
    if (cells !== expected) throw fail(`expected ${expected} cells on every line, found ${cells} on line ${recordLine}`);
    records++;
    longestRecordBytes = Math.max(longestRecordBytes, recordBytes);
  }
  return { records: records - 1, longestRecordBytes }; // records less the header
}

function unreadable(csvPath: string, error: unknown): ParquetWriteError {
  return new ParquetWriteError(csvPath, `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { cause: error });
}

/**
 * DuckDB's message up to its first blank line (the CSV reader goes on to list every option it used),
 * without the class that the checks' own error() calls are raised as.
 */
function duckdbMessage(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^Invalid Input Error: (?=[a-z_]+: expected)/, "");
  const first = message.split(/\n\s*\n/)[0] ?? message;
  return first.length > 600 ? `${first.slice(0, 600)}…` : first;
}

/** A path as a glob that matches only itself: each glob character becomes a one-character class. */
function globLiteral(path: string): string {
  return path.replace(/[*?[]/g, (ch) => `[${ch}]`);
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
