import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type DatasetMetadata, type Issue, OBSERVATION_COLUMNS, type Observation, type Rule } from "@langson-open-data/schemas";
import { IssueList, type Omitted } from "@langson-open-data/validate";
import { type RowStageInput, type StagedBatch, type StagedRow, stageRows } from "./rows-stage.js";
import { type PackedError, unpackError } from "./thread-error.js";

/**
 * The row stage of a pipeline (reading the CSV, the input schema, normalization and corrections)
 * runs in a thread of its own when observations.csv is large, while the main thread checks each
 * row's quote and observation schema, spools the rows and runs the checks that need them all. At
 * 200 000 generated rows the load takes ~4.8 s instead of ~8 in one thread: both threads are busy
 * most of it. Once the rows are read, the thread runs the series checks' end (their spill handed
 * over), which the main thread shares once its other checks are done (StageEnd).
 *
 * The thread runs dist/rows-thread.mjs, which packages/cli/build.mjs bundles beside the command
 * line. The rows cross as their spool lines (JSON, one string a batch) and are parsed again on this
 * side; findings cross as they are. Where there is no bundle (the TypeScript sources under vitest
 * or tsx), one core, LANGSON_THREADS=1 or a small file (under LANGSON_THREAD_BYTES, 8 MiB: the
 * thread takes ~0.1 s to start), the stage runs in the main thread; LANGSON_THREADS=2 asks for the
 * thread on one core too. Either way the same rows and findings come out in the same order
 * (test/hostile/threads.test.ts).
 *
 * V8's young generation is sized for every thread by --max-semi-space-size, and both threads
 * collect often: with 4 MB semi-spaces the thread's scavenges took ~2 ms against ~1 ms in the main
 * thread, and the thread gained less (bench/README.md, phase 4); the benchmark gives 8 MB.
 */
export function rowStage(input: RowStageInput, entry = rowsThread(input.path)): AsyncGenerator<StagedBatch, StageEnd> {
  return entry ? threadedRows(entry, input) : inlineRows(input);
}

/** The rows thread's bundle when the row stage of the pipeline reading `path` runs in a thread (see rowStage). */
export function rowsThread(path: string, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  const entry = threadFile("rows-thread.mjs");
  return entry && threadsWanted(path, env) ? entry : undefined;
}

/** What the series checks consult, for their end in the rows thread. */
export interface Declared {
  readonly datasets: readonly DatasetMetadata[];
  readonly rules: readonly Rule[];
  readonly file: string;
  /** The files, unit words, datasets and sources the spill's records name by number (CheckContext.names). */
  readonly names: readonly string[];
}

/**
 * How the row stage ended: the corrections no row matched and, when it ran in a thread, a way to run
 * the series checks' end there, over the folder their spill handed over (the thread is idle once the
 * rows are read, and that end is the costliest of the checks), while the main thread runs the
 * others, then shares the rest: both take the spill's buckets in turn (`shared`, see bucketClaims).
 * `release` lets the thread go; it is safe to call at any time, and more than once.
 */
export interface StageEnd {
  readonly unmatched: RowStageInput["corrections"];
  readonly seriesEnd?: (spillDir: string, shared: Int32Array, declared: Declared) => Promise<IssueList>;
  release(): Promise<void>;
}

/** The end of a stage stopped before it ended: nothing matched, nothing to let go. */
export const NO_END: StageEnd = { unmatched: [], release: async () => undefined };

async function* inlineRows(input: RowStageInput): AsyncGenerator<StagedBatch, StageEnd> {
  const unmatched = yield* stageRows(input);
  return { unmatched, release: async () => undefined };
}

/** The default size of observations.csv from which the row stage runs in a thread. */
const THREAD_BYTES = 8 * 1024 * 1024;

/** Whether the rows of `path` are worth a thread (see rowStage): two cores, a large file, or LANGSON_THREADS says so. */
export function threadsWanted(path: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.LANGSON_THREADS === "1" || (env.LANGSON_THREADS !== "2" && availableParallelism() < 2)) return false;
  const min = env.LANGSON_THREAD_BYTES === undefined ? THREAD_BYTES : Number(env.LANGSON_THREAD_BYTES);
  try {
    return statSync(path).size >= min;
  } catch {
    // A missing file is the stage's to report.
    return false;
  }
}

/** Stops a thread whose work is over or abandoned: nothing it says from here on is heard. */
export async function stopWorker(worker: Worker): Promise<void> {
  worker.removeAllListeners();
  // A listener stays for errors while it stops, so that none goes unhandled.
  worker.on("error", () => undefined);
  await worker.terminate();
}

/** A thread's bundle beside the command line's, when this code runs from it (esbuild keeps import.meta.url). */
export function threadFile(name: string): URL | undefined {
  if (!import.meta.url.endsWith(".mjs")) return undefined;
  const file = new URL(`./${name}`, import.meta.url);
  return existsSync(file) ? file : undefined;
}

/** Batches the thread sends before it waits for the main thread to take one. */
export const IN_FLIGHT = 4;

/**
 * A batch as it crosses: per row its number, the quoted cells (four strings, when it passed the input
 * schema) and its observation's fourteen values in the public column order (when it was normalized),
 * all in flat lists; the few rows with findings of their own are listed apart.
 *
 * The observations cross as values, not as JSON text: the rows thread was the slower of the two
 * (the main thread waited for it 3.5-5.5 s of a 20 s row stage at 1 M rows), and its JSON text was
 * written there and parsed again here. Their spool lines are now written here (observationJson),
 * and the main thread is the slower one, by a little (bench/README.md, phase 7).
 */
interface PackedBatch {
  readonly read: number;
  readonly issues: Issue[];
  readonly rows: number[];
  readonly quoted: Uint8Array;
  readonly cells: string[];
  readonly normalized: Uint8Array;
  readonly values: (string | number)[];
  readonly rowIssues: [index: number, issues: readonly Issue[]][];
}

export function packBatch(b: StagedBatch): PackedBatch {
  const n = b.rows.length;
  const rows = new Array<number>(n);
  const quoted = new Uint8Array(n);
  const cells: string[] = [];
  const normalized = new Uint8Array(n);
  const values: (string | number)[] = [];
  const rowIssues: [number, readonly Issue[]][] = [];
  for (let i = 0; i < n; i++) {
    const r = b.rows[i]!;
    rows[i] = r.row;
    if (r.quoted) {
      quoted[i] = 1;
      cells.push(r.quoted.source, r.quoted.valueText, r.quoted.unitText, r.quoted.quote);
    }
    const o = r.obs;
    if (o) {
      normalized[i] = 1;
      values.push(o.dataset, o.indicator, o.measure, o.ref_area, o.time_period, o.value, o.unit, o.unit_mult, o.decimals, o.obs_status, o.source, o.origin, o.quote, o.note);
    }
    if (r.issues.length) rowIssues.push([i, r.issues]);
  }
  return { read: b.read, issues: b.issues, rows, quoted, cells, normalized, values, rowIssues };
}

/** The observation packBatch listed from `values[at]` on, its keys in the public column order. */
function observationAt(v: PackedBatch["values"], at: number): Observation {
  return {
    dataset: v[at] as string,
    indicator: v[at + 1] as string,
    measure: v[at + 2] as Observation["measure"],
    ref_area: v[at + 3] as Observation["ref_area"],
    time_period: v[at + 4] as string,
    value: v[at + 5] as string,
    unit: v[at + 6] as Observation["unit"],
    unit_mult: v[at + 7] as number,
    decimals: v[at + 8] as number,
    obs_status: v[at + 9] as Observation["obs_status"],
    source: v[at + 10] as string,
    origin: v[at + 11] as Observation["origin"],
    quote: v[at + 12] as string,
    note: v[at + 13] as string,
  };
}

/** Findings as they cross: the settled list and what it left out (IssueList's omitted counts). */
export interface PackedFindings {
  readonly issues: Issue[];
  readonly omitted: Parameters<Omitted["set"]>[];
}

export function packFindings(list: IssueList): PackedFindings {
  return { issues: [...list.settle()], omitted: [...list.omitted] };
}

export function unpackFindings(p: PackedFindings): IssueList {
  const list = new IssueList();
  list.push(...p.issues);
  for (const [key, o] of p.omitted) list.omitted.set(key, o);
  return list;
}

/** From the thread: the rows, then the series findings when asked. */
export type RowsMessage =
  | { readonly batch: PackedBatch }
  | { readonly done: RowStageInput["corrections"] }
  | { readonly series: PackedFindings }
  | { readonly error: PackedError };
/** To the thread: a credit for each batch taken, then the series checks' spill to end. */
export type MainMessage =
  | { readonly credit: number }
  | { readonly seriesEnd: { readonly spillDir: string; readonly shared: Int32Array; readonly declared: Declared } };

const NO_ISSUES: readonly Issue[] = [];

export function unpackBatch(b: PackedBatch): StagedBatch {
  const issuesAt = new Map(b.rowIssues);
  const rows: StagedRow[] = [];
  let c = 0;
  let v = 0;
  for (let i = 0; i < b.rows.length; i++) {
    const quoted = b.quoted[i] ? { source: b.cells[c++]!, valueText: b.cells[c++]!, unitText: b.cells[c++]!, quote: b.cells[c++]! } : undefined;
    const obs = b.normalized[i] ? observationAt(b.values, v) : undefined;
    if (obs) v += OBSERVATION_COLUMNS.length;
    rows.push({
      row: b.rows[i]!,
      issues: issuesAt.get(i) ?? NO_ISSUES,
      ...(quoted ? { quoted } : {}),
      ...(obs ? { obs } : {}),
    });
  }
  return { read: b.read, rows, issues: b.issues };
}

/**
 * The row stage in a thread running `entry` (dist/rows-thread.mjs), as a stream of batches. The
 * thread outlives the stream: its end (StageEnd) can still send it the series checks' end, and
 * `release` stops it. It stops with the stream when the consumer stops early or a failure ends it.
 */
export async function* threadedRows(entry: URL, input: RowStageInput): AsyncGenerator<StagedBatch, StageEnd> {
  // The thread's heap follows the process's V8 flags (--max-old-space-size, --max-semi-space-size):
  // the stage keeps the normalizer's caches and a few batches.
  const worker = new Worker(entry, { workerData: input });
  const queue: RowsMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  // After the rows: the series findings asked for, or why they will not come.
  let rowsDone = false;
  let asked: { resolve(list: IssueList): void; reject(e: Error): void } | undefined;
  worker.on("message", (m: RowsMessage) => {
    if (rowsDone) {
      if ("series" in m) asked?.resolve(unpackFindings(m.series));
      else if ("error" in m) asked?.reject(unpackError(m.error));
      return;
    }
    queue.push(m);
    wake?.();
  });
  worker.on("error", (e) => {
    failure ??= new Error(`the rows thread of ${input.file} failed: ${e.message} (LANGSON_THREADS=1 runs the stage without a thread)`, { cause: e });
    asked?.reject(failure);
    wake?.();
  });
  worker.on("exit", (code) => {
    failure ??= new Error(`the rows thread of ${input.file} stopped (exit code ${code}) before it finished`);
    asked?.reject(failure);
    wake?.();
  });
  let stopped: Promise<void> | undefined;
  const release = () => (stopped ??= stopWorker(worker));
  try {
    for (;;) {
      const m = queue.shift();
      if (m === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if ("error" in m) throw unpackError(m.error);
      if ("done" in m) {
        // From here the end owns the thread.
        rowsDone = true;
        return {
          unmatched: m.done,
          seriesEnd: (spillDir, shared, declared) => {
            if (asked || stopped) return Promise.reject(new Error(`the rows thread of ${input.file} ends the series checks once, before it is released`));
            const found = new Promise<IssueList>((resolve, reject) => (asked = { resolve, reject }));
            if (failure) asked!.reject(failure);
            worker.postMessage({ seriesEnd: { spillDir, shared, declared } } satisfies MainMessage);
            return found.finally(release);
          },
          release,
        };
      }
      if ("series" in m) throw new Error(`the rows thread of ${input.file} sent series findings before its rows`);
      yield unpackBatch(m.batch);
      worker.postMessage({ credit: 1 } satisfies MainMessage);
    }
  } finally {
    if (!rowsDone) await release();
  }
}
