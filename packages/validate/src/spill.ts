import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Utf8Buffer } from "@langson-open-data/schemas";

/**
 * Bytes of records held in memory before a spill moves them to disk (4 MiB: ~2 M characters of
 * Vietnamese JSON text). LANGSON_SPILL_BYTES overrides it, so that tests can send the real data
 * through the disk path.
 */
const MEMORY_BYTES = Number(process.env.LANGSON_SPILL_BYTES) || 4 * 1024 * 1024;
/**
 * Buckets of a spill on disk: each is read back and grouped alone, so memory is ~1/64 of the
 * records (at 3 M rows, ~15 MB of text a bucket). Their files stay open while the spill fills: a few
 * spills of a run hold a few hundred descriptors, well under the usual limit of 1 024.
 */
const BUCKETS = 64;
/** Bytes a bucket gathers before they are written to its file (64 × 32 KiB = 2 MiB a spill). */
const FLUSH_BYTES = 32 * 1024;

const decoder = new TextDecoder();

/**
 * Groups records by key with memory that stays flat as records grow. Records are lines of text
 * (JSON, without a newline) filed under a key (codes and periods, without a tab or a newline). While
 * they are few they stay in memory and come back grouped in the order their keys first appeared, as
 * a Map would give them. Past 4 MiB they go to 64 files on disk, by a hash of the key, and come
 * back one file at a time: every record of a key together, in the order they were added; keys in the
 * order of their bucket, then of first appearance. The checks that need whole groups (a report's
 * figures for a rule, an indicator's series, the rows of one figure key) keep nothing else.
 *
 * Records wait as UTF-8 bytes outside the JS heap (Utf8Buffer), never as a list of strings, which
 * the garbage collector would copy and promote until they were written.
 */
export class GroupSpill {
  private readonly memory: Utf8Buffer;
  private dir: string | undefined;
  private buckets: Utf8Buffer[] = [];
  private fds: (number | undefined)[] = [];
  private done = false;

  /** `memoryBytes`: how much stays in memory before the spill goes to disk (tests make it small). */
  constructor(
    private readonly label: string,
    options: { memoryBytes?: number } = {},
  ) {
    this.memory = new Utf8Buffer((bytes) => this.toDisk(bytes), options.memoryBytes ?? MEMORY_BYTES);
  }

  /** Whether the records went to disk (for tests and measurements). */
  get spilled(): boolean {
    return this.dir !== undefined;
  }

  add(key: string, line: string): void {
    if (this.done) throw new Error(`spill ${this.label}: add after groups()`);
    if (key.includes("\t") || key.includes("\n")) throw new Error(`spill ${this.label}: a key holds a tab or a newline: ${JSON.stringify(key)}`);
    const record = `${key}\t${line}\n`;
    if (this.dir !== undefined) {
      this.buckets[bucketOf(key)]!.write(record);
      return;
    }
    this.memory.write(record);
    // The write that filled memory moved what it held to disk, then kept this record in memory: it
    // follows them, in order.
    if (this.dir !== undefined) this.memory.flush();
  }

  /** Files drained records into their buckets on disk, going to disk the first time. */
  private toDisk(bytes: Uint8Array): void {
    if (this.dir === undefined) {
      // LANGSON_SCRATCH: the command line's scratch folder for this process (packages/cli/src/scratch.ts).
      this.dir = mkdtempSync(join(process.env.LANGSON_SCRATCH ?? tmpdir(), `langson-${this.label}-`));
      this.fds = new Array<number | undefined>(BUCKETS).fill(undefined);
      this.buckets = Array.from({ length: BUCKETS }, (_, b) => new Utf8Buffer((data) => this.append(b, data), FLUSH_BYTES));
    }
    for (const record of decoder.decode(bytes).split("\n")) {
      if (record) this.buckets[bucketOf(record.slice(0, record.indexOf("\t")))]!.write(`${record}\n`);
    }
  }

  private append(b: number, data: Uint8Array): void {
    const fd = (this.fds[b] ??= openSync(join(this.dir!, String(b)), "a"));
    for (let at = 0; at < data.byteLength; ) at += writeSync(fd, data, at);
  }

  /** Every key with its lines, in the order they were added; the spill is spent after. */
  *groups(): Generator<[key: string, lines: string[]]> {
    this.done = true;
    try {
      if (this.dir === undefined) {
        yield* group(this.memory.text());
        return;
      }
      for (const bucket of this.buckets) bucket.flush();
      this.closeFiles();
      for (let b = 0; b < BUCKETS; b++) {
        const path = join(this.dir, String(b));
        let text = "";
        try {
          text = readFileSync(path, "utf8");
          rmSync(path);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
        }
        yield* group(text);
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
    this.buckets = [];
  }
}

/** The records of `text` (one a line, each ending in a newline) grouped by key. */
function* group(text: string): Generator<[string, string[]]> {
  const groups = new Map<string, string[]>();
  const records = text.split("\n");
  records.pop();
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
