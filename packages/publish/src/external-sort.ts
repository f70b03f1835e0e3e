import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readLineBatches } from "./lines.js";

/**
 * Characters of records a sort holds in memory before it writes them out as a sorted run (~4–8 MB):
 * the vintages of a dataset of 700 000 figures make ~40 runs, each merged through one open file.
 * Runs of 8 M characters took the same time (renderDatasetIndex of 237 021 figures: 2.1 s either
 * way) and held ~17 MiB more, which counts when the index files are written beside a release.
 */
const RUN_CHARS = Number(process.env.LANGSON_SORT_RUN_CHARS) || 2 * 1024 * 1024;
/** Characters of a run written to its file at a time. */
const WRITE_CHARS = 1 << 16;
/** Records handed on at a time by `batches()`. */
const BATCH = 4096;

interface SortRecord {
  readonly key: string;
  readonly line: string;
}

/**
 * Array.prototype.sort is stable (ECMAScript 2019), so records of equal keys keep the order they
 * were added in, within a run; across runs, the earlier run holds the earlier records.
 */
const byKey = (a: SortRecord, b: SortRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Sorts records by a string key in code-unit order with flat memory: records (a key and a line of
 * text, neither holding a newline; the key no tab) are held until ~8 M characters, then sorted and
 * written to a run file; `batches()` merges the runs. Equal keys keep the order they were added in.
 */
export class ExternalSort {
  private records: SortRecord[] = [];
  private chars = 0;
  private dir: string | undefined;
  private runs: string[] = [];

  /** `runChars`: characters held before a run is written (RUN_CHARS unless told). */
  constructor(
    private readonly label: string,
    private readonly runChars = RUN_CHARS,
  ) {}

  add(key: string, line: string): void {
    this.records.push({ key, line });
    this.chars += key.length + line.length;
    if (this.chars > this.runChars) this.spill();
  }

  private spill(): void {
    // LANGSON_SCRATCH: the command line's scratch folder for this process (packages/cli/src/scratch.ts).
    this.dir ??= mkdtempSync(join(process.env.LANGSON_SCRATCH ?? tmpdir(), `langson-sort-${this.label}-`));
    const path = join(this.dir, String(this.runs.length));
    // Written a slice at a time: one string of the whole run would double what the sort holds.
    const fd = openSync(path, "w");
    try {
      let chunk: string[] = [];
      let chars = 0;
      for (const r of this.records.sort(byKey)) {
        chunk.push(r.key, "\t", r.line, "\n");
        chars += r.key.length + r.line.length + 2;
        if (chars >= WRITE_CHARS) {
          writeSync(fd, chunk.join(""));
          chunk = [];
          chars = 0;
        }
      }
      writeSync(fd, chunk.join(""));
    } finally {
      closeSync(fd);
    }
    this.runs.push(path);
    this.records = [];
    this.chars = 0;
  }

  /**
   * Every record in key order, as [key, line], a batch at a time: a consumer that loops over a batch
   * synchronously pays one await per batch, not one per record. The sort is spent after.
   */
  async *batches(): AsyncGenerator<(readonly [key: string, line: string])[]> {
    try {
      if (this.runs.length === 0) {
        const records = this.records.sort(byKey);
        this.records = [];
        for (let at = 0; at < records.length; at += BATCH) yield records.slice(at, at + BATCH).map((r) => [r.key, r.line] as const);
        return;
      }
      if (this.records.length > 0) this.spill();
      yield* merge(this.runs);
    } finally {
      this.dispose();
    }
  }

  /** Every record in key order, as [key, line], one at a time; the sort is spent after. */
  async *sorted(): AsyncGenerator<readonly [key: string, line: string]> {
    for await (const batch of this.batches()) yield* batch;
  }

  dispose(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.records = [];
    this.runs = [];
  }
}

/** A run file being merged: its current batch of lines, the head record's place in it, and the rest. */
interface Run {
  /** Its place among the runs: of equal keys, the earlier run's record was added first. */
  readonly order: number;
  lines: string[];
  at: number;
  key: string;
  readonly rest: AsyncIterator<string[]>;
}

/** Moves a run to its next record, reading its next batch of lines when this one is spent; false at its end. */
async function advance(run: Run): Promise<boolean> {
  while (run.at >= run.lines.length) {
    const next = await run.rest.next();
    if (next.done) return false;
    run.lines = next.value;
    run.at = 0;
  }
  const line = run.lines[run.at]!;
  run.key = line.slice(0, line.indexOf("\t"));
  return true;
}

const before = (x: Run, y: Run) => x.key < y.key || (x.key === y.key && x.order < y.order);

/**
 * Bytes the merge reads at a time, over all its runs: each run is read in chunks of its share,
 * between 8 and 64 KiB, so that what the merge holds stays flat as runs grow in number (up to 64
 * runs, ~130 M characters of records at the default run size; past that it grows by 8 KiB a run). Each run
 * read 64 KiB at a time before: the vintages of the largest dataset of 3 M generated rows (39 runs)
 * held ~15 MiB more while merged (the thread's heap peaked at 76 MB against 46 MB), in the same
 * time (4.8 s).
 */
const MERGE_BYTES = 1 << 19;

export function mergeChunkBytes(runs: number): number {
  return Math.min(1 << 16, Math.max(1 << 13, Math.floor(MERGE_BYTES / Math.max(1, runs))));
}

/** k-way merge of sorted run files with a binary heap of the runs, by their head records. */
async function* merge(paths: readonly string[]): AsyncGenerator<(readonly [string, string])[]> {
  const heap: Run[] = [];
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  const chunkBytes = mergeChunkBytes(paths.length);
  for (const [order, path] of paths.entries()) {
    const run: Run = { order, lines: [], at: 0, key: "", rest: readLineBatches(path, chunkBytes) };
    if (await advance(run)) heap.push(run);
  }
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  let out: (readonly [string, string])[] = [];
  while (heap.length > 0) {
    const top = heap[0]!;
    const line = top.lines[top.at++]!;
    out.push([top.key, line.slice(top.key.length + 1)]);
    // The head run stays on top while its records come first; it is sifted down past the others.
    if (top.at < top.lines.length) {
      const next = top.lines[top.at]!;
      top.key = next.slice(0, next.indexOf("\t"));
    } else if (!(await advance(top))) {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown(0);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

/**
 * The ranks of the characters of release keys (indicator, measure, area and period codes joined by
 * "|") in the order `localeCompare` puts them: ICU's root collation sorts punctuation before digits
 * before letters, each code character with its own primary weight. Mapped to these ranks, keys sort
 * by plain code units exactly as localeCompare sorts them (collation.test.ts), which an external
 * sort can use without calling ICU per comparison.
 */
const ALPHABET = "_-/|0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** The rank of each ASCII character of ALPHABET as a code unit, 0 for the others. */
const RANK = new Uint16Array(128);
for (let i = 0; i < ALPHABET.length; i++) RANK[ALPHABET.charCodeAt(i)] = 0x21 + i;
/** Characters outside ALPHABET sort after every code: U+10FFFF (a surrogate pair), then the character. */
const AFTER_HIGH = 0xdbff;
const AFTER_LOW = 0xdfff;

/**
 * A release key as a string whose code-unit order is localeCompare's order of the keys. Built from
 * an array of code units into one flat string: appended a character at a time, V8 would keep it as
 * a rope of ~40 pieces, some 30 times the memory of its characters, while a sort holds it.
 */
export function releaseKeyOrder(key: string): string {
  const units: number[] = [];
  for (let i = 0; i < key.length; i++) {
    const u = key.charCodeAt(i);
    const rank = u < 128 ? RANK[u]! : 0;
    if (rank !== 0) units.push(rank);
    else {
      units.push(AFTER_HIGH, AFTER_LOW, u);
      // A character beyond the BMP is one character: its low surrogate follows without a marker.
      const low = key.charCodeAt(i + 1);
      if (u >= 0xd800 && u <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) units.push(low), i++;
    }
  }
  return String.fromCharCode(...units);
}
