import { constants, createReadStream } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { type Issue, ownString } from "@langson-open-data/schemas";
import Papa from "papaparse";
import { CsvGuard, type GuardStop, LEGACY_SAMPLE_AFTER, LEGACY_SAMPLE_BEFORE } from "./_guard.js";
import { encodingProblem, guessLegacyVietnamese } from "./encoding.js";
import { checkPlainFile } from "./files.js";

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
  /**
   * Longest record accepted, in characters (default 1 000 000). Reading stops at the first record
   * longer than this, so a file that is one 50 MB line costs a megabyte, not 50 MB of cells.
   */
  readonly maxRow?: number;
  /**
   * Only the bytes [start, end) of the file, a part of it cut at a record's end (csvSplitPoints), so
   * that parts can be read at once in several threads. A part that does not start the file holds
   * no header: `header` is the file's, as the first part read it. `firstRow` numbers the part's
   * first record (default 1: the header's row).
   */
  readonly part?: CsvPart;
  /**
   * Whether the caller may keep cells after it is done with their batch (default true): each long
   * cell is then copied off the text it was read from (ownString), which is held otherwise. A
   * caller that drops every record before the next batch saves the copies (~0.2 s per million rows).
   */
  readonly keepCells?: boolean;
}

/** A part of a CSV file: see CsvReadOptions' `part`. */
export interface CsvPart {
  readonly start: number;
  /** Where the part ends (exclusive); the file's end when absent. */
  readonly end?: number;
  readonly header?: readonly string[];
  readonly firstRow?: number;
}

/** How a read ended: the number of the last record read, and whether a part's end cut a record. */
export interface CsvReadEnd {
  /** The row of the last record read (the header's row, 1, when there is none after it). */
  readonly lastRow: number;
  /**
   * The part ended inside a record: it was not cut at a record's end (a stray quote in an unquoted
   * cell misled csvSplitPoints' count), and its last record is not yielded. Read the file whole.
   */
  readonly torn: boolean;
  /** Reading stopped at a finding (not UTF-8, a malformed quote, a limit): nothing after it was read. */
  readonly stopped: boolean;
  /** The header as read, or as given with the part. */
  readonly header: readonly string[] | undefined;
}

/** Invisible characters that editors leave in cells: zero-width spaces and joiners, stray BOMs. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Text clean as it is: printable ASCII, Latin-1, Latin Extended-A and -B, IPA, spacing modifiers and
 * Latin Extended Additional (every Vietnamese letter, precomposed), starting and ending with a
 * visible character, or nothing. Every one of these characters is NFC on its own and with any other
 * beside it (none is a combining mark; csv.test.ts tries every pair), none is one of the invisible
 * characters cleanCell removes, and only U+0020 and U+00A0 among them are spaces that trim() removes.
 */
const CLEAN_TEXT = /^(?:[\x21-\x7e\xa1-\u02ff\u1e00-\u1eff](?:[\x20-\x7e\xa0-\u02ff\u1e00-\u1eff]*[\x21-\x7e\xa1-\u02ff\u1e00-\u1eff])?)?$/;

/**
 * NFC, invisible characters removed, surrounding spaces (incl. non-breaking) trimmed. A cell of
 * Latin text without edge spaces (codes, numbers, ids, Vietnamese words: most cells) is returned as
 * it is, since none of the three steps changes it.
 */
export function cleanCell(value: string): string {
  if (CLEAN_TEXT.test(value)) return value;
  return value.replace(INVISIBLE, "").normalize("NFC").trim();
}

/**
 * Streams the records of a CSV file (papaparse, chunked) with a strict header check: every expected
 * column present once, nothing unknown. UTF-8 with or without BOM, LF, CRLF or CR line ends. Cells are
 * NFC-normalized, stripped of zero-width characters and trimmed. Rows with the wrong number of cells
 * are reported and skipped. A file that is not UTF-8, an unclosed or malformed quote, a control
 * character, a cell longer than `maxCell` or a row longer than `maxRow` is reported with its row and
 * column, and reading stops there: nothing from that row on is yielded. A missing file, a folder or
 * a symbolic link is an issue too; only an I/O fault throws.
 *
 * @example
 * const issues: Issue[] = [];
 * for await (const { row, record } of readCsv("observations.csv", { file, columns, issues })) { … }
 */
export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<CsvRow, CsvReadEnd> {
  const batches = readCsvBatches(path, options);
  let ended = false;
  try {
    for (;;) {
      const next = await batches.next();
      if (next.done) {
        ended = true;
        return next.value;
      }
      yield* next.value;
    }
  } finally {
    // A consumer that stops early (a break, a return) closes the file too: readCsvBatches, paused at
    // its yield, runs its own finally only when it is returned.
    if (!ended) await batches.return(undefined as unknown as CsvReadEnd);
  }
}

/**
 * readCsv by the batch of records papaparse hands over at once (thousands): a consumer that loops
 * over a batch synchronously pays one await per batch, not one per record.
 */
export async function* readCsvBatches(path: string, options: CsvReadOptions): AsyncGenerator<CsvRow[], CsvReadEnd> {
  const { file, columns, issues, part } = options;
  const keepCells = options.keepCells ?? true;
  const firstRow = part?.firstRow ?? 1;
  if (!(await checkPlainFile(path, file, issues))) return { lastRow: firstRow - 1, torn: false, stopped: true, header: undefined };
  const startsFile = (part?.start ?? 0) === 0;
  const guard = new CsvGuard({
    maxCell: options.maxCell ?? 100_000,
    maxRow: options.maxRow ?? 1_000_000,
    firstRecord: firstRow,
    firstByte: part?.start ?? 0,
    startsFile,
    endsFile: part?.end === undefined,
  });
  const input = createReadStream(path, part ? { start: part.start, ...(part.end === undefined ? {} : { end: part.end - 1 }) } : {});
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
  input.pipe(guard);
  Papa.parse<string[]>(guard as never, {
    header: false,
    delimiter: ",",
    newline: "\n",
    quoteChar: '"',
    skipEmptyLines: true,
    chunk(results: Papa.ParseResult<string[]>) {
      queue.push(results.data);
      // The guard passes on well-formed records only; this is a safety net, not a path data takes.
      for (const e of results.errors) {
        if (parseErrorSeen) continue;
        parseErrorSeen = true;
        issues.push({
          code: "csv-malformed",
          severity: "error",
          message: `${file}: ${e.message}`,
          location: { file },
          expected: "well-formed RFC 4180 CSV",
          found: e.code,
        });
      }
      // Backpressure: stop reading while the consumer has enough rows waiting.
      if (queue.length > 4 && !paused) {
        paused = true;
        guard.pause();
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

  let header: readonly string[] | undefined = part?.header;
  // Where each of `columns` stands in the header.
  let at: number[] | undefined = header && columns.map((name) => header!.indexOf(name));
  let recordNo = firstRow - 1;
  const values = new Array<string>(columns.length);
  const makeRecord = recordMaker(columns);
  try {
    while (true) {
      const batch = queue.shift();
      if (!batch) {
        if (paused) {
          paused = false;
          guard.resume();
        }
        if (done) break;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const rows: CsvRow[] = [];
      for (const cells of batch) {
        recordNo++;
        if (!header) {
          header = cells.map(cleanCell);
          const index = checkHeader(header, columns, file, issues);
          if (!index) return { lastRow: recordNo, torn: false, stopped: true, header };
          at = columns.map((name) => index.get(name)!);
          continue;
        }
        if (cells.length !== header.length) {
          const missing = header[cells.length];
          issues.push({
            code: "csv-ragged-row",
            severity: "error",
            message: `${file} row ${recordNo}: ${cells.length} cells where the header has ${header.length}${missing === undefined ? "" : ` (the row ends before "${missing}")`}; a cell that holds a comma must be quoted, e.g. "1.689,3"`,
            location: { file, row: recordNo, ...(missing === undefined ? {} : { column: missing }) },
            expected: `${header.length} cells`,
            found: `${cells.length} cells`,
          });
          continue;
        }
        if (keepCells) for (let k = 0; k < columns.length; k++) values[k] = ownString(cleanCell(cells[at![k]!] ?? ""));
        else for (let k = 0; k < columns.length; k++) values[k] = cleanCell(cells[at![k]!] ?? "");
        rows.push({ row: recordNo, record: makeRecord(values) });
      }
      if (rows.length > 0) yield rows;
    }
  } finally {
    input.destroy();
  }
  if (failed) throw new Error(`cannot read ${file}: ${failed.message}`, { cause: failed });
  if (guard.stop) {
    issues.push(stopIssue(await sampledAgain(guard.stop, path), file, header));
    return { lastRow: recordNo, torn: false, stopped: true, header };
  }
  if (!header && startsFile) {
    issues.push({
      code: "csv-empty",
      severity: "error",
      message: `${file} is empty: expected a header row with the columns ${columns.join(", ")}`,
      location: { file, row: 1 },
      expected: columns.join(","),
      found: "nothing",
    });
  }
  return { lastRow: recordNo, torn: guard.torn, stopped: !header, header };
}

/**
 * A function that makes a record of the columns from their cells in the columns' order: an object
 * literal, so that every record gets the same shape (hidden class), which the schema check and the
 * normalizer read faster than a dictionary, built in a tenth of the time keyed stores one column at
 * a time take (~0.2 s less per million records). The names are the caller's known columns, written
 * as JSON string literals.
 */
function recordMaker(columns: readonly string[]): (values: readonly string[]) => Record<string, string> {
  const fields = columns.map((name, k) => `${JSON.stringify(name)}: v[${k}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as (values: readonly string[]) => Record<string, string>;
}

/**
 * A stop at bytes that are not UTF-8, with the encoding told from the bytes around the first bad one
 * as the file holds them: the guard's own sample is cut at the ends of its chunks, which fall in
 * other places when a part of the file is read, and the answer must not depend on how it was read.
 */
async function sampledAgain(stop: GuardStop, path: string): Promise<GuardStop> {
  if (stop.code !== "encoding-not-utf8" || stop.byte === undefined) return stop;
  const from = Math.max(0, stop.byte - LEGACY_SAMPLE_BEFORE);
  const sample = Buffer.alloc(stop.byte + LEGACY_SAMPLE_AFTER - from);
  // The file may have changed since it was read (replaced by a folder, a link, a FIFO, cut short):
  // then the guard's own sample names the encoding, as before. Opened without following a link
  // and without waiting for a FIFO's writer.
  let file: FileHandle | undefined;
  try {
    file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!(await file.stat()).isFile()) return stop;
    const { bytesRead } = await file.read(sample, 0, sample.length, from);
    // The bad byte itself must be in what was read again.
    if (bytesRead <= stop.byte - from) return stop;
    return { ...stop, found: guessLegacyVietnamese(sample.subarray(0, bytesRead)) };
  } catch {
    return stop;
  } finally {
    await file?.close().catch(() => undefined);
  }
}

/** The finding for why the guard stopped reading, at its row and (named) column. */
function stopIssue(stop: GuardStop, file: string, header: readonly string[] | undefined): Issue {
  const name = stop.cell === undefined ? undefined : header?.[stop.cell];
  const at = `${file} row ${stop.row}${stop.cell === undefined ? "" : name === undefined ? `, cell ${stop.cell + 1}` : `, column ${name}`}`;
  const location = { file, row: stop.row, ...(name === undefined ? {} : { column: name }) };
  const rest = "; the rest of the file was not read";
  switch (stop.code) {
    case "encoding-not-utf8": {
      const p = encodingProblem(file, stop.found);
      // A sniffed UTF-16 file or workbook is wrong from its first byte; otherwise say where the bytes go wrong.
      const where = stop.cell === undefined ? "" : ` The first byte that is not UTF-8 is in${at.slice(file.length)}.`;
      return { ...p, severity: "error", message: `${p.message}${where}`, location };
    }
    case "csv-unclosed-quote":
      return {
        code: stop.code,
        severity: "error",
        message: `${at}: a quoted cell is never closed; every " that opens a cell needs one that closes it (write a quote inside a cell as "")${rest}`,
        location,
        expected: "a closing quote",
        found: stop.found,
      };
    case "csv-malformed-quote":
      return {
        code: stop.code,
        severity: "error",
        message: `${at}: ${stop.found}; a quoted cell ends at its closing quote, then a comma or the line end (write a quote inside a cell as "")${rest}`,
        location,
        expected: "a comma or line end after a closing quote",
        found: stop.found,
      };
    case "csv-cell-too-long":
      return { code: stop.code, severity: "error", message: `${at}: a cell of ${stop.found}${rest}`, location, expected: `at most ${stop.found.replace(/^more than (\d+).*/, "$1")} characters`, found: stop.found };
    case "csv-row-too-long":
      return {
        code: stop.code,
        severity: "error",
        message: `${at}: a row of ${stop.found}; is this a CSV file with one record per line?${rest}`,
        location,
        expected: `at most ${stop.found.replace(/^more than (\d+).*/, "$1")} characters per row`,
        found: stop.found,
      };
    case "csv-control-character":
      return {
        code: stop.code,
        severity: "error",
        message: `${at}: control character ${stop.found}, which text never holds (is this a binary file?)${rest}`,
        location,
        expected: "text without control characters (tabs and line ends aside)",
        found: stop.found,
      };
  }
}

/** Strict header check; returns column positions, or undefined after reporting what is wrong. */
function checkHeader(header: readonly string[], columns: readonly string[], file: string, issues: Issue[]): Map<string, number> | undefined {
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
