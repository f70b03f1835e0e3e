import { Worker } from "node:worker_threads";
import { type DataRenderer, ObservationSpool, type RenderedData, type SpoolState, faultCounter, renderDataFiles, writeDatasetIndex } from "@langson-open-data/publish";
import type { Beside } from "./project.js";
import { type PackedError, unpackError } from "./thread-error.js";
import { stopWorker, threadFile } from "./threads.js";

/** What the index files thread starts with. */
export interface IndexThreadData {
  readonly faultSteps: Int32Array;
}
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
/** To the thread: a version's data files to stream (renderDataFiles), the figures read from a spool's state. */
export interface RenderRequest {
  readonly render: number;
  readonly dataset: string;
  readonly spool: SpoolState;
  readonly stage: string | undefined;
  readonly version: string;
  readonly initial: Parameters<DataRenderer>[3];
}
/** From it: what renderDataFiles gave, or why it failed. */
export interface RenderReply {
  readonly render: number;
  readonly data?: RenderedData;
  readonly error?: PackedError;
}

/**
 * Writes each dataset's index files (vintages.csv, CHANGELOG.md, latest.json) once its release is
 * written. In a large run they are written in a thread of their own (dist/index-files-thread.mjs)
 * while the main thread releases the next dataset: both are single-threaded work of about the same
 * size at scale (an external sort of every figure of every version, against rendering, hashing and
 * Parquet), and the second core is otherwise idle once the checks are done. That thread also
 * streams the data files of the datasets it is handed (`render`, every other dataset: see planAll),
 * beside the main thread streaming another's. Otherwise, and where there is no bundle, each is
 * written in `written`, in the order asked, as before. Either way the files are the same bytes
 * (test/hostile/threads.test.ts).
 */
export interface IndexFiles {
  /** Whether the files are written in a thread. */
  readonly threaded: boolean;
  /**
   * With a thread: a renderer of data files that runs there, one request at a time among the index
   * files asked for, and a promise of the moment it has nothing left to do (planAll's other lane).
   */
  readonly beside?: Beside;
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

/**
 * IndexFiles in a thread running `entry` (dist/index-files-thread.mjs). The index files asked for
 * wait here and are handed to the thread one at a time, when it is free: those it has not started
 * when they are waited for (`written`, once every release is written and the main thread is idle)
 * are written here instead, beside the one it writes.
 */
export function threadedIndexFiles(entry: URL, datasetsDir: string): IndexFiles {
  let worker: Worker | undefined;
  let failure: Error | undefined;
  let closed: Promise<void> | undefined;
  /** Datasets whose index files are asked for and not yet handed to the thread, in the order asked. */
  const queued: string[] = [];
  /** What the thread was handed and has not answered: "index <dataset>" or "render <n>", with who waits. */
  const held = new Map<string, { resolve(data?: RenderedData): void; reject(e: Error): void }>();
  /** Each dataset's index files, asked for: settled once written, here or there. */
  const asked = new Map<string, { readonly done: Promise<void>; resolve(): void; reject(e: Error): void }>();
  const inFlight = new Set<Promise<unknown>>();
  let idlers: (() => void)[] = [];
  let renders = 0;

  const track = <T>(done: Promise<T>) => {
    const settled: Promise<void> = done.then(
      () => void inFlight.delete(settled),
      () => void inFlight.delete(settled),
    );
    inFlight.add(settled);
    return done;
  };
  const failAll = (e: Error) => {
    failure ??= e;
    for (const h of held.values()) h.reject(failure);
    held.clear();
    for (const dataset of queued.splice(0)) asked.get(dataset)!.reject(failure);
    pump();
  };
  /** Hands the thread the next index files when it is free; tells those waiting when it is idle. */
  /** Hands a request to the thread, started if need be; a thread that cannot start fails everything asked. */
  const post = (key: string, asker: { resolve(data?: RenderedData): void; reject(e: Error): void }, request: () => IndexRequest | RenderRequest) => {
    try {
      const message = request();
      worker ??= start();
      held.set(key, asker);
      worker.postMessage(message);
    } catch (e) {
      held.delete(key);
      asker.reject(e as Error);
      pump();
    }
  };
  const pump = () => {
    if (held.size > 0) return;
    const dataset = failure ? undefined : queued.shift();
    if (dataset !== undefined) return post(`index ${dataset}`, asked.get(dataset)!, () => ({ datasetsDir, dataset }));
    const told = idlers;
    idlers = [];
    for (const tell of told) tell();
  };
  const start = () => {
    // The thread numbers its publishing steps with this process's counter (the fault hook's).
    const w = new Worker(entry, { workerData: { faultSteps: faultCounter() } satisfies IndexThreadData });
    w.on("message", (m: IndexReply | RenderReply) => {
      const key = "render" in m ? `render ${m.render}` : `index ${m.dataset}`;
      const asker = held.get(key);
      held.delete(key);
      if (m.error) asker?.reject(unpackError(m.error));
      else if ("render" in m && !m.data) asker?.reject(new Error("the index files thread rendered nothing"));
      else asker?.resolve("render" in m ? m.data : undefined);
      pump();
    });
    w.on("error", (e) => failAll(new Error(`the index files thread failed: ${e.message} (LANGSON_THREADS=1 writes them without a thread)`, { cause: e })));
    w.on("exit", (code) => failAll(new Error(`the index files thread stopped (exit code ${code}) before it finished`)));
    return w;
  };
  const ready = (dataset: string) => {
    if (asked.has(dataset)) return;
    let settle!: { resolve(): void; reject(e: Error): void };
    const done = track(new Promise<void>((resolve, reject) => (settle = { resolve, reject })));
    // Taken in `written`; until then a failure is not one that nobody handles.
    done.catch(() => undefined);
    asked.set(dataset, { done, ...settle });
    if (closed) failure ??= new Error(`the index files of ${dataset} were asked for after their thread was closed`);
    if (failure) return settle.reject(failure);
    queued.push(dataset);
    pump();
  };
  const render: DataRenderer = (input, stage, version, initial) => {
    // Rows held another way than in a spool (tests) are rendered here.
    if (!(input.observations instanceof ObservationSpool)) return renderDataFiles(input, stage, version, initial);
    const id = ++renders;
    let asker!: { resolve(data?: RenderedData): void; reject(e: Error): void };
    const done = track(new Promise<RenderedData>((resolve, reject) => (asker = { resolve: (data) => resolve(data!), reject })));
    if (closed) failure ??= new Error(`the data files of ${input.meta.id} were asked for after their thread was closed`);
    if (failure) {
      asker.reject(failure);
      return done;
    }
    // The spool's state is taken (its lines put on disk) before the request is held: a failure there
    // rejects this request alone, and the thread is not left waited for.
    const spool = input.observations;
    post(`render ${id}`, asker, () => ({ render: id, dataset: input.meta.id, spool: spool.state(), stage, version, initial }));
    return done;
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      idlers.push(resolve);
      pump();
    });
  return {
    threaded: true,
    beside: { render, idle },
    ready,
    async written(dataset) {
      ready(dataset);
      // The main thread is idle once it waits: it writes the index files the thread has not
      // started, this dataset's first, then the last asked for, while the thread takes the first.
      const here = (d: string) => {
        queued.splice(queued.indexOf(d), 1);
        const { resolve, reject } = asked.get(d)!;
        return writeDatasetIndex(datasetsDir, d).then(resolve, reject);
      };
      if (queued.includes(dataset)) await here(dataset);
      while (held.has(`index ${dataset}`) && queued.length > 0) await here(queued.at(-1)!);
      return asked.get(dataset)!.done;
    },
    close: () =>
      (closed ??= (async () => {
        // Index files not handed to the thread are not written: a run that closes before it waited
        // for them failed. What the thread was given is let finish: a file it is writing is renamed
        // into place or not at all, and the data files it streams into a stage are its plan's to remove.
        for (const dataset of queued.splice(0)) asked.get(dataset)!.reject(new Error(`the index files of ${dataset} were not written: the run stopped first`));
        await Promise.allSettled(inFlight);
        if (worker) await stopWorker(worker);
      })()),
  };
}
