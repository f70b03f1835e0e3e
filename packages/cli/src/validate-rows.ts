import { lstat } from "node:fs/promises";
import { join, relative } from "node:path";
import { Worker } from "node:worker_threads";
import { INPUT_OBSERVATION_COLUMNS, type PipelineFile } from "@langson-open-data/schemas";
import { CSV_SNIFF_BYTES, type CsvPart, type CsvReadEnd, csvSplitPoints, readCsvBatches } from "@langson-open-data/ingest";
import { lap } from "@langson-open-data/publish";
import { IssueList, validateValue } from "@langson-open-data/validate";
import { correctionRows, readSchemaFile } from "./pipeline.js";
import { type PackedError, unpackError } from "./thread-error.js";
import { type PackedFindings, packFindings, stopWorker, threadFile, threadsWanted, unpackFindings } from "./threads.js";

/** A part of observations.csv to check against the input schema, as plain data (it crosses to a thread). */
export interface RowsPartInput {
  readonly path: string;
  /** observations.csv as findings name it. */
  readonly file: string;
  readonly part?: CsvPart;
}

/** What a part gave: the reader's findings apart from the schema's, how the read ended, the rows read. */
export interface RowsPartResult {
  readonly reader: IssueList;
  readonly schema: IssueList;
  readonly end: CsvReadEnd;
  readonly rows: number;
}

/**
 * Reads observations.csv, or a part of it, and checks each row against the input schema (ajv), and
 * nothing else: what `validate` does with a pipeline's rows. Findings are kept as IssueList keeps
 * them, so a file of a million bad rows holds a few thousand.
 */
export async function validateRowsPart(input: RowsPartInput): Promise<RowsPartResult> {
  const reader = new IssueList();
  const schema = new IssueList();
  const rows = readCsvBatches(input.path, { file: input.file, columns: INPUT_OBSERVATION_COLUMNS, issues: reader, keepCells: false, ...(input.part ? { part: input.part } : {}) });
  let read = 0;
  for (;;) {
    const next = await rows.next();
    if (next.done) return { reader, schema, end: next.value, rows: read };
    read += next.value.length;
    for (const { row, record } of next.value) {
      const found = validateValue("input-observation", record, { file: input.file, row });
      if (found.length) schema.push(...found);
    }
  }
}

/** How validateObservationRows reads: in two parts at once (threads), and where it cuts the file. */
export interface RowsOptions {
  /** The thread that reads the second part (dist/validate-thread.mjs); without it, both parts are read here in turn. */
  readonly entry?: URL;
  /** Read in two parts even without a thread, cut at `cut` (a byte offset; tests). */
  readonly cut?: number;
}

/**
 * Every row of observations.csv against the input schema, its findings added to `issues` as if the
 * file had been read in one go; returns the number of rows read, and how they were read. A large
 * file is read in two halves at once, the first here and the second in a thread (`validateThread`):
 * both cores parse. The cut is just after a line end outside quotes (csvSplitPoints), never within
 * the first 512 bytes (the head that tells UTF-16 or a workbook from text); the second half gets the
 * header the first line holds and numbers its rows from 1, and they are renumbered once the first
 * half's count is known. Where a half cannot stand on its own, the file is read the plain way:
 *
 * - the first half stopped at a finding (not UTF-8, a malformed quote…): nothing after it counts, as
 *   in one read, and the second half is dropped, its thread stopped;
 * - the first half ended inside a record (a stray quote in an unquoted cell misled the cut): the
 *   whole file is read again in one go;
 * - the reader found something in the second half: its messages name rows, so that half is read
 *   again here, numbered from where the first ended.
 */
export async function validateObservationRows(path: string, file: string, issues: IssueList, options: RowsOptions = {}): Promise<RowsRead> {
  const whole = async (how: RowsRead["how"]): Promise<RowsRead> => {
    const r = await validateRowsPart({ path, file });
    issues.absorb(r.reader);
    issues.absorb(r.schema);
    return { rows: r.rows, how };
  };
  if (options.entry === undefined && options.cut === undefined) return whole("whole");
  // Only a plain file is cut (opening a FIFO to look for the cut would wait for a writer); the reader
  // reports anything else, a symbolic link included.
  const found = await lstat(path).catch(() => undefined);
  if (!found?.isFile()) return whole("whole");
  const [headerEnd, cut] = await csvSplitPoints(path, [0, options.cut ?? Math.floor(found.size / 2)]).catch(() => []);
  // The first half holds at least the head that tells UTF-16 or a workbook from text, as one read's does.
  if (headerEnd === undefined || cut === undefined || cut < CSV_SNIFF_BYTES) return whole("whole");
  // The header, read as the first half will read it; if it is not the schema's, one read reports it.
  const head = await validateRowsPart({ path, file, part: { start: 0, end: headerEnd } });
  if (head.reader.length || head.reader.omitted.size || !head.end.header) return whole("whole");
  const second: RowsPartInput = { path, file, part: { start: cut, header: head.end.header, firstRow: 1 } };
  const thread = options.entry ? inThread(options.entry, second) : undefined;
  let first: RowsPartResult;
  try {
    first = await validateRowsPart({ path, file, part: { start: 0, end: cut } });
  } catch (e) {
    // The first half's failure is what is reported, whatever stopping the thread says.
    await thread?.stop().catch(() => undefined);
    throw e;
  }
  // Neither way back needs the second half: the thread is stopped, not waited for.
  if (first.end.torn || first.end.stopped) await thread?.stop();
  if (first.end.torn) return whole("torn");
  issues.absorb(first.reader);
  issues.absorb(first.schema);
  if (first.end.stopped) return { rows: first.rows, how: "first stopped" };
  const later = thread ? await thread.result : await validateRowsPart(second);
  const base = first.end.lastRow;
  if (later.reader.length || later.reader.omitted.size) {
    const again = await validateRowsPart({ ...second, part: { ...second.part!, firstRow: base + 1 } });
    issues.absorb(again.reader);
    issues.absorb(again.schema);
    return { rows: first.rows + again.rows, how: "second again" };
  }
  issues.absorb(renumbered(later.schema, base));
  return { rows: first.rows + later.rows, how: "halves" };
}

/**
 * The rows read, and how (see validateObservationRows): in one go, in two halves at once, or in
 * halves and then one of the ways back to one read.
 */
export interface RowsRead {
  readonly rows: number;
  readonly how: "whole" | "halves" | "first stopped" | "torn" | "second again";
}

/** The findings of a part numbered from 1, renumbered after `base` rows (only their locations name rows). */
function renumbered(list: IssueList, base: number): IssueList {
  const out = new IssueList();
  for (const i of list.settle()) out.push(i.location.row === undefined ? i : { ...i, location: { ...i.location, row: i.location.row + base } });
  for (const [key, o] of list.omitted) out.omitted.set(key, { ...o });
  return out;
}

/** The validate thread's bundle when the rows of `path` are read in two parts at once (see threadsWanted). */
export function validateThread(path: string, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const entry = threadFile("validate-thread.mjs");
  return entry && threadsWanted(path, env) ? entry : undefined;
}

/** What the validate thread sends back: its part's findings and end, or why it failed. */
export type ValidateReply =
  | { readonly reader: PackedFindings; readonly schema: PackedFindings; readonly end: CsvReadEnd; readonly rows: number }
  | { readonly error: PackedError };

/**
 * validateRowsPart in a thread running `entry` (dist/validate-thread.mjs): its result, and `stop`,
 * which ends the thread without waiting for it (the result is then never taken).
 */
function inThread(entry: URL, input: RowsPartInput): { readonly result: Promise<RowsPartResult>; stop(): Promise<void> } {
  const worker = new Worker(entry, { workerData: input });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= stopWorker(worker));
  const result = new Promise<RowsPartResult>((resolve, reject) => {
    worker.on("message", (m: ValidateReply) => {
      if ("error" in m) reject(unpackError(m.error));
      else resolve({ reader: unpackFindings(m.reader), schema: unpackFindings(m.schema), end: m.end, rows: m.rows });
    });
    worker.on("error", (e) => reject(new Error(`the validate thread of ${input.file} failed: ${e.message} (LANGSON_THREADS=1 reads without a thread)`, { cause: e })));
    worker.on("exit", (code) => reject(new Error(`the validate thread of ${input.file} stopped (exit code ${code}) before it finished`)));
  }).finally(stop);
  // Taken once the first half is read, or never when the thread is stopped first.
  result.catch(() => undefined);
  return { result, stop };
}

/** The reply of validate-thread.ts for a part's result. */
export function packPart(r: RowsPartResult): ValidateReply {
  return { reader: packFindings(r.reader), schema: packFindings(r.schema), end: r.end, rows: r.rows };
}

/** What `validate` found of one pipeline's files. */
export interface ValidatedPipeline {
  /** Datasets pipeline.json declares, when it passed its schema. */
  readonly datasets: number;
  /** Rows of observations.csv read. */
  readonly rows: number;
}

/**
 * One pipeline's files against the committed JSON Schemas, and nothing more: pipeline.json,
 * sources/sources.json, corrections.csv (when there is one) and observations.csv, row by row
 * (validateObservationRows, on both cores for a large file). No normalization, no quote looked for
 * in its snapshot, no rule: `check` does those. Findings go to `issues`.
 */
export async function validatePipelineFiles(root: string, dir: string, issues: IssueList): Promise<ValidatedPipeline> {
  const rel = (p: string) => relative(root, p).split("\\").join("/");
  const pipelineFile = rel(join(dir, "pipeline.json"));
  const datasets = (await readSchemaFile<PipelineFile>(join(dir, "pipeline.json"), pipelineFile, "pipeline", issues))?.datasets.length ?? 0;
  await readSchemaFile(join(dir, "sources", "sources.json"), rel(join(dir, "sources", "sources.json")), "sources", issues);

  const corrections = join(dir, "corrections.csv");
  for await (const { row, record } of correctionRows(corrections, rel(corrections), issues)) {
    issues.push(...validateValue("correction", record, { file: rel(corrections), row }));
  }

  const observations = join(dir, "observations.csv");
  const entry = validateThread(observations);
  const { rows, how } = await validateObservationRows(observations, rel(observations), issues, entry ? { entry } : {});
  lap(`rows ${rel(dir)} ${how}`);
  return { datasets, rows };
}
