import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Characters held in memory before a spill moves its records to disk (2 M: 2–4 MB of text).
 * LANGSON_SPILL_CHARS overrides it, so that tests can send the real data through the disk path.
 */
const MEMORY_CHARS = Number(process.env.LANGSON_SPILL_CHARS) || 2 * 1024 * 1024;
/**
 * Buckets of a spill on disk: each is read back and grouped alone, so memory is ~1/64 of the
 * records (at 3 M rows, ~15 MB of text a bucket). Their files stay open while the spill fills: a few
 * spills of a run hold a few hundred descriptors, well under the usual limit of 1 024.
 */
const BUCKETS = 64;
/** Characters a bucket buffers before it is written to its file (64 × 32 K: at most 2–4 MB). */
const FLUSH_CHARS = 32 * 1024;

/**
 * Groups records by key with memory that stays flat as records grow. Records are lines of text
 * (JSON, without a newline) filed under a key (codes and periods, without a tab or a newline). While
 * they are few they stay in memory and come back grouped in the order their keys first appeared, as
 * a Map would give them. Past 2 M characters they go to 64 files on disk, by a hash of the key, and come
 * back one file at a time: every record of a key together, in the order they were added; keys in the
 * order of their bucket, then of first appearance. The checks that need whole groups (a report's
 * figures for a rule, an indicator's series, the rows of one figure key) keep nothing else.
 */
export class GroupSpill {
  private memory: string[] = [];
  private memoryChars = 0;
  private dir: string | undefined;
  private buffers: string[][] = [];
  private bufferChars: number[] = [];
  private fds: (number | undefined)[] = [];
  private done = false;

  private readonly memoryLimit: number;

  /** `memoryChars`: how much text stays in memory before the spill goes to disk (tests make it small). */
  constructor(
    private readonly label: string,
    options: { memoryChars?: number } = {},
  ) {
    this.memoryLimit = options.memoryChars ?? MEMORY_CHARS;
  }

  /** Whether the records went to disk (for tests and measurements). */
  get spilled(): boolean {
    return this.dir !== undefined;
  }

  add(key: string, line: string): void {
    if (this.done) throw new Error(`spill ${this.label}: add after groups()`);
    if (key.includes("\t") || key.includes("\n")) throw new Error(`spill ${this.label}: a key holds a tab or a newline: ${JSON.stringify(key)}`);
    const record = `${key}\t${line}`;
    if (this.dir === undefined) {
      this.memory.push(record);
      this.memoryChars += record.length;
      if (this.memoryChars > this.memoryLimit) this.toDisk();
      return;
    }
    this.file(record, key);
  }

  private toDisk(): void {
    // LANGSON_SCRATCH: the command line's scratch folder for this process (packages/cli/src/scratch.ts).
    this.dir = mkdtempSync(join(process.env.LANGSON_SCRATCH ?? tmpdir(), `langson-${this.label}-`));
    this.buffers = Array.from({ length: BUCKETS }, () => []);
    this.bufferChars = new Array<number>(BUCKETS).fill(0);
    this.fds = new Array<number | undefined>(BUCKETS).fill(undefined);
    for (const record of this.memory) this.file(record, record.slice(0, record.indexOf("\t")));
    this.memory = [];
    this.memoryChars = 0;
  }

  private file(record: string, key: string): void {
    const b = bucketOf(key);
    const buffer = this.buffers[b]!;
    buffer.push(record);
    this.bufferChars[b]! += record.length + 1;
    if (this.bufferChars[b]! > FLUSH_CHARS) this.flush(b);
  }

  private flush(b: number): void {
    const buffer = this.buffers[b]!;
    if (buffer.length === 0) return;
    const fd = (this.fds[b] ??= openSync(join(this.dir!, String(b)), "a"));
    const bytes = Buffer.from(`${buffer.join("\n")}\n`, "utf8");
    for (let at = 0; at < bytes.byteLength; ) at += writeSync(fd, bytes, at);
    this.buffers[b] = [];
    this.bufferChars[b] = 0;
  }

  /** Every key with its lines, in the order they were added; the spill is spent after. */
  *groups(): Generator<[key: string, lines: string[]]> {
    this.done = true;
    this.closeFiles();
    try {
      if (this.dir === undefined) {
        yield* group(this.memory);
        this.memory = [];
        return;
      }
      for (let b = 0; b < BUCKETS; b++) {
        const path = join(this.dir, String(b));
        let records: string[] = [];
        try {
          const text = readFileSync(path, "utf8");
          records = text.split("\n");
          records.pop();
          rmSync(path);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        }
        records.push(...this.buffers[b]!);
        this.buffers[b] = [];
        yield* group(records);
      }
    } finally {
      this.dispose();
    }
  }

  private closeFiles(): void {
    for (const fd of this.fds) if (fd !== undefined) closeSync(fd);
    this.fds = [];
  }

  /** Removes the files on disk, if any. Safe to call twice. */
  dispose(): void {
    this.closeFiles();
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.memory = [];
    this.buffers = [];
  }
}

function* group(records: readonly string[]): Generator<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const record of records) {
    const tab = record.indexOf("\t");
    const key = record.slice(0, tab);
    const line = record.slice(tab + 1);
    const list = groups.get(key);
    if (list) list.push(line);
    else groups.set(key, [line]);
  }
  yield* groups;
}

/** FNV-1a over UTF-16 code units, to a bucket. */
function bucketOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % BUCKETS;
}
