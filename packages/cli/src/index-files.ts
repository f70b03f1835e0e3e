import { Worker } from "node:worker_threads";
import { writeDatasetIndex } from "@langson-open-data/publish";
import { type PackedError, unpackError } from "./thread-error.js";
import { stopWorker, threadFile } from "./threads.js";

/** To the index files thread: a dataset whose versions are all on disk. */
export interface IndexRequest {
  readonly datasetsDir: string;
  readonly dataset: string;
}
/** From it: that dataset's index files are written, or why not. */
export interface IndexReply {
  readonly dataset: string;
  readonly error?: PackedError;
}

/**
 * Writes each dataset's index files (vintages.csv, CHANGELOG.md, latest.json) once its release is
 * written. In a large run they are written in a thread of their own (dist/index-files-thread.mjs)
 * while the main thread releases the next dataset: both are single-threaded work of about the same
 * size at scale (an external sort of every figure of every version, against rendering, hashing and
 * Parquet), and the second core is otherwise idle once the checks are done. Otherwise, and where
 * there is no bundle, each is written in `written`, in the order asked, as before. Either way the
 * files are the same bytes (test/hostile/threads.test.ts).
 */
export interface IndexFiles {
  /** Whether the files are written in a thread. */
  readonly threaded: boolean;
  /** The dataset's versions are all on disk: its index files can be written. */
  ready(dataset: string): void;
  /** Waits until the dataset's index files are written (writes them, without a thread). */
  written(dataset: string): Promise<void>;
  /** Waits for the thread to finish what it was given, then stops it. Safe to call more than once. */
  close(): Promise<void>;
}

export function indexFiles(datasetsDir: string, large: boolean): IndexFiles {
  const entry = large ? threadFile("index-files-thread.mjs") : undefined;
  return entry ? threadedIndexFiles(entry, datasetsDir) : inlineIndexFiles(datasetsDir);
}

function inlineIndexFiles(datasetsDir: string): IndexFiles {
  return {
    threaded: false,
    ready: () => undefined,
    written: (dataset) => writeDatasetIndex(datasetsDir, dataset),
    close: async () => undefined,
  };
}

/** IndexFiles in a thread running `entry` (dist/index-files-thread.mjs). */
export function threadedIndexFiles(entry: URL, datasetsDir: string): IndexFiles {
  let worker: Worker | undefined;
  let failure: Error | undefined;
  const waiting = new Map<string, { resolve(): void; reject(e: Error): void }>();
  const asked = new Map<string, Promise<void>>();
  const failAll = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  const start = () => {
    const w = new Worker(entry);
    w.on("message", (m: IndexReply) => {
      const asker = waiting.get(m.dataset);
      waiting.delete(m.dataset);
      if (m.error) asker?.reject(unpackError(m.error));
      else asker?.resolve();
    });
    w.on("error", (e) => failAll(new Error(`the index files thread failed: ${e.message} (LANGSON_THREADS=1 writes them without a thread)`, { cause: e })));
    w.on("exit", (code) => failAll(new Error(`the index files thread stopped (exit code ${code}) before it finished`)));
    return w;
  };
  let closed: Promise<void> | undefined;
  const ready = (dataset: string) => {
    if (asked.has(dataset)) return;
    const done = new Promise<void>((resolve, reject) => waiting.set(dataset, { resolve, reject }));
    // Taken in `written`; until then a failure is not one that nobody handles.
    done.catch(() => undefined);
    asked.set(dataset, done);
    if (closed) failure ??= new Error(`the index files of ${dataset} were asked for after their thread was closed`);
    if (failure) return failAll(failure);
    (worker ??= start()).postMessage({ datasetsDir, dataset } satisfies IndexRequest);
  };
  return {
    threaded: true,
    ready,
    written(dataset) {
      ready(dataset);
      return asked.get(dataset)!;
    },
    close: () =>
      (closed ??= (async () => {
        // What the thread was given is let finish: a file it is writing is renamed into place or not at all.
        await Promise.allSettled(asked.values());
        if (worker) await stopWorker(worker);
      })()),
  };
}
