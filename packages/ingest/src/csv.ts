import { createReadStream } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import type { Issue } from "@langson-open-data/schemas";
import Papa from "papaparse";
import { encodingProblem, guessLegacyVietnamese, sniffEncoding } from "./encoding.js";

/** One data record of a CSV file, with where it came from. */
export interface CsvRow {
  /** Row number as a spreadsheet shows it: the header is row 1, the first record row 2. */
  readonly row: number;
  readonly record: Readonly<Record<string, string>>;
}

export interface CsvReadOptions {
  /** Path as shown in messages, relative to the project root. */
  readonly file: string;
  /** The exact columns expected, in any order. */
  readonly columns: readonly string[];
  /** Where findings go; the reader never throws for bad data, only for I/O faults. */
  readonly issues: Issue[];
  /** Longest cell accepted, in characters (default 100 000). */
  readonly maxCell?: number;
}

/** Decodes UTF-8 strictly, drops a BOM, and names the encoding when the bytes are something else. */
class Utf8Decode extends Transform {
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  private first = true;
  failure: string | undefined;

  constructor() {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.failure) return done();
    if (this.first) {
      this.first = false;
      const sniffed = sniffEncoding(chunk);
      if (sniffed) {
        this.failure = sniffed;
        return done();
      }
    }
    try {
      const text = this.decoder.decode(chunk, { stream: true });
      if (text) this.push(text);
    } catch {
      this.failure = guessLegacyVietnamese(chunk);
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    if (!this.failure) {
      try {
        const text = this.decoder.decode();
        if (text) this.push(text);
      } catch {
        this.failure = "truncated UTF-8 at the end of the file";
      }
    }
    done();
  }
}

/** Invisible characters that editors leave in cells: zero-width spaces and joiners, stray BOMs. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** NFC, invisible characters removed, surrounding spaces (incl. non-breaking) trimmed. */
export function cleanCell(value: string): string {
  return value.replace(INVISIBLE, "").normalize("NFC").trim();
}

/**
 * Streams the records of a CSV file (papaparse, chunked) with a strict header check: every expected
 * column present once, nothing unknown. UTF-8 with or without BOM, LF or CRLF. Cells are NFC-normalized
 * and trimmed. Rows with the wrong number of cells are reported and skipped.
 *
 * @example
 * const issues: Issue[] = [];
 * for await (const { row, record } of readCsv("observations.csv", { file, columns, issues })) { … }
 */
export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<CsvRow> {
  const { file, columns, issues } = options;
  const maxCell = options.maxCell ?? 100_000;
  const decode = new Utf8Decode();
  const input = createReadStream(path);
  const queue: string[][][] = [];
  let done = false;
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  let paused = false;
  let parseErrorSeen = false;

  input.on("error", (e) => {
    failed = e;
    done = true;
    wake?.();
  });
  const decoded = input.pipe(decode);
  Papa.parse<string[]>(decoded as never, {
    header: false,
    skipEmptyLines: true,
    chunk(results: Papa.ParseResult<string[]>) {
      queue.push(results.data);
      for (const e of results.errors) {
        if (parseErrorSeen) continue;
        parseErrorSeen = true;
        issues.push({
          code: "csv-malformed",
          severity: "error",
          message: `${file}: ${e.message}${e.code === "MissingQuotes" ? " (a quoted cell is never closed: every \" that opens a cell needs one that closes it)" : ""}`,
          location: { file, ...(e.row === undefined ? {} : { row: e.row + 1 }) },
          expected: "well-formed RFC 4180 CSV",
          found: e.code,
        });
      }
      // Backpressure: stop reading while the consumer has enough rows waiting.
      if (queue.length > 4 && !paused) {
        paused = true;
        decoded.pause();
      }
      wake?.();
    },
    complete() {
      done = true;
      wake?.();
    },
    error(e: Error) {
      failed = e;
      done = true;
      wake?.();
    },
  } as Papa.ParseConfig<string[]>);

  let header: string[] | undefined;
  let index: Map<string, number> | undefined;
  let recordNo = 0;
  let sawHeader = false;
  while (true) {
    const batch = queue.shift();
    if (!batch) {
      if (paused) {
        paused = false;
        decoded.resume();
      }
      if (done) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      continue;
    }
    for (const cells of batch) {
      recordNo++;
      if (!header) {
        sawHeader = true;
        header = cells.map(cleanCell);
        index = checkHeader(header, columns, file, issues);
        if (!index) {
          input.destroy();
          return;
        }
        continue;
      }
      if (cells.length !== header.length) {
        issues.push({
          code: "csv-ragged-row",
          severity: "error",
          message: `${cells.length} cells where the header has ${header.length}`,
          location: { file, row: recordNo },
          expected: `${header.length} cells`,
          found: `${cells.length} cells`,
        });
        continue;
      }
      const record: Record<string, string> = Object.create(null);
      let tooLong = false;
      for (const [name, i] of index!) {
        const raw = cells[i] ?? "";
        if (raw.length > maxCell) {
          tooLong = true;
          issues.push({
            code: "csv-cell-too-long",
            severity: "error",
            message: `a cell of ${raw.length} characters (at most ${maxCell})`,
            location: { file, row: recordNo, column: name },
            expected: `at most ${maxCell} characters`,
            found: `${raw.length} characters`,
          });
          continue;
        }
        record[name] = cleanCell(raw);
      }
      if (!tooLong) yield { row: recordNo, record };
    }
  }
  if (failed) throw new Error(`cannot read ${file}: ${failed.message}`, { cause: failed });
  if (decode.failure) {
    const p = encodingProblem(file, decode.failure);
    issues.push({ ...p, severity: "error", location: { file } });
    return;
  }
  if (!sawHeader) {
    issues.push({
      code: "csv-empty",
      severity: "error",
      message: `${file} is empty: expected a header row with the columns ${columns.join(", ")}`,
      location: { file, row: 1 },
      expected: columns.join(","),
      found: "nothing",
    });
  }
}

/** Strict header check; returns column positions, or undefined after reporting what is wrong. */
function checkHeader(header: string[], columns: readonly string[], file: string, issues: Issue[]): Map<string, number> | undefined {
  const index = new Map<string, number>();
  let bad = false;
  header.forEach((name, i) => {
    if (index.has(name)) {
      bad = true;
      issues.push({
        code: "csv-duplicate-column",
        severity: "error",
        message: `${file}: column "${name}" appears twice in the header (columns ${index.get(name)! + 1} and ${i + 1})`,
        location: { file, row: 1, column: name },
        expected: "each column once",
        found: `"${name}" twice`,
      });
    } else index.set(name, i);
  });
  for (const name of header) {
    if (!columns.includes(name)) {
      bad = true;
      issues.push({
        code: "csv-unknown-column",
        severity: "error",
        message: `${file}: unknown column "${name}" in the header; the columns are ${columns.join(", ")}`,
        location: { file, row: 1, column: name },
        expected: columns.join(","),
        found: name,
      });
    }
  }
  for (const name of columns) {
    if (!index.has(name)) {
      bad = true;
      issues.push({
        code: "csv-missing-column",
        severity: "error",
        message: `${file}: the header lacks the column "${name}"`,
        location: { file, row: 1, column: name },
        expected: columns.join(","),
        found: header.join(","),
      });
    }
  }
  return bad ? undefined : index;
}
