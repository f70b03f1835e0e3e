import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from "node:fs";
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
 * Buckets of a spill on disk: each is read back and grouped alone (split again when it is over
 * READ_BYTES). Their files stay open while the spill fills: a few spills of a run hold a few hundred
 * descriptors, well under the usual limit of 1 024.
 */
const BUCKETS = 64;
/** Bytes a bucket gathers before they are written to its file (64 × 32 KiB = 2 MiB a spill). */
const FLUSH_BYTES = 32 * 1024;
/**
 * Bytes of a bucket file read and grouped at once (~2.5 M characters: ~10 MB with the strings and
 * arrays grouping them); a larger file is split again (readBucket). At 3 M rows a bucket of the
 * series check held ~10 MB of text, and grew with the rows.
 */
const READ_BYTES = 4 * 1024 * 1024;
/** Splits of a bucket before it is read whole anyway (one key then holds more than READ_BYTES). */
const MAX_DEPTH = 3;

const decoder = new TextDecoder();

/**
 * Texts a Numbered gives numbers to, at most. Real data names a few hundred (one file a pipeline, its
 * datasets, unit words, up to sources.json's 1 000 sources). A file can name far more, say its unit
 * words in another case or spacing on every row (the unit parser accepts them, the quote check
 * reports them), and must not grow a list for each.
 */
export const MAX_NUMBERED = 4096;

/**
 * Strings by number, each numbered as first seen: a spill's record names a file, unit words, a
 * dataset or a source in a few digits instead of spelling it out on every row (a smaller spill is
 * written and read faster, and its buckets stay under what is read at once longer). Past `limit`
 * texts, a new one is not numbered: its code is the text itself, so memory stays flat whatever the
 * input names.
 *
 * @example
 * const names = new Numbered();
 * spill.add(key, JSON.stringify([names.code(o.file), o.row])); // later: names.text(cells[0])
 */
export class Numbered {
  private readonly at = new Map<string, number>();
  private readonly list: string[] = [];

  /** Numbered as `texts` were (another thread's `texts()`, say). */
  constructor(
    texts: readonly string[] = [],
    private readonly limit = MAX_NUMBERED,
  ) {
    if (texts.length > limit) throw new RangeError(`${texts.length} texts to number, more than ${limit}`);
    for (const t of texts) this.code(t);
  }

  /** Every text numbered so far, by number. */
  texts(): readonly string[] {
    return this.list;
  }

  /** `text` as a record names it: its number, given one now while there is room, or else the text itself. */
  code(text: string): number | string {
    let n = this.at.get(text);
    if (n === undefined) {
      if (this.list.length >= this.limit) return text;
      n = this.list.push(text) - 1;
      this.at.set(text, n);
    }
    return n;
  }

  /** The text a code stands for: a number's text, or the text itself. */
  text(code: number | string): string {
    if (typeof code === "string") return code;
    const text = this.list[code];
    if (text === undefined) throw new RangeError(`no text is numbered ${code}`);
    return text;
  }
}

/**
 * Groups records by key with memory that stays flat as records grow. Records are lines of text
 * (JSON, without a newline) filed under a key (codes and periods, without a tab or a newline). While
 * they are few they stay in memory and come back grouped in the order their keys first appeared, as
 * a Map would give them. Past 4 MiB they go to 64 files on disk, by a hash of the key, and come
 * back one file at a time (a file over 4 MiB split again by another hash): every record of a key together, in the order they were added; keys in the
 * order of their bucket, then of first appearance. The checks that need whole groups (a report's
 * figures for a rule, an indicator's series, the rows of one figure key) keep nothing else.
 *
 * Records wait as UTF-8 bytes outside the JS heap (Utf8Buffer), never as a list of strings, which
 * the garbage collector would copy and promote until they were written.
 */
export class GroupSpill {
  /** Records while they are few; let go once they went to disk (its block is MEMORY_BYTES outside the heap). */
  private memory: Utf8Buffer | undefined;
  private dir: string | undefined;
  private buckets: Utf8Buffer[] = [];
  private fds: (number | undefined)[] = [];
  private done = false;

  private readonly readBytes: number;

  /**
   * `memoryBytes`: how much stays in memory before the spill goes to disk; `readBytes`: the largest
   * bucket file read at once (tests make them small).
   */
  constructor(
    private readonly label: string,
    options: { memoryBytes?: number; readBytes?: number } = {},
  ) {
    this.memory = new Utf8Buffer((bytes) => this.toDisk(bytes), options.memoryBytes ?? MEMORY_BYTES);
    this.readBytes = options.readBytes ?? READ_BYTES;
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
    this.memory!.write(record);
    // The write that filled memory moved what it held to disk, then kept this record in memory: it
    // follows them, in order. From now on records go to their buckets: the block is let go.
    if (this.dir !== undefined) {
      this.memory!.flush();
      this.memory = undefined;
    }
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
        yield* group(this.memory!.text());
        return;
      }
      for (const bucket of this.buckets) bucket.flush();
      this.closeFiles();
      yield* spilledGroups(this.dir, undefined, this.readBytes);
    } finally {
      this.dispose();
    }
  }

  /**
   * For a spill on disk: its folder, with every record written, given up to whoever reads it next
   * (`spilledGroups`, in another thread say), which then owns it; the spill is spent. A spill
   * still in memory gives nothing (undefined) and stays as it is: its groups come in the order of
   * first appearance, which only `groups()` here gives.
   */
  handOver(): string | undefined {
    if (this.dir === undefined || this.done) return undefined;
    this.done = true;
    for (const bucket of this.buckets) bucket.flush();
    this.closeFiles();
    const dir = this.dir;
    this.dir = undefined;
    this.buckets = [];
    return dir;
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

/** Hands out the numbers 0, 1, 2… once each, to readers of one spill folder in any thread (Atomics on shared memory). */
export function bucketClaims(shared: Int32Array = new Int32Array(new SharedArrayBuffer(4))): { readonly shared: Int32Array; claim(): number } {
  return { shared, claim: () => Atomics.add(shared, 0, 1) };
}

/**
 * The groups of the buckets of a spill folder that `handOver` gave, as `groups()` would have given
 * them: each bucket a reader claims (`claim`, by default every bucket in order), whose files are
 * removed as they are read. Two threads that share the claims read each bucket once between them,
 * the one that is free taking the next. The folder itself is its owner's to remove.
 */
export function* spilledGroups(dir: string, claim: () => number = bucketClaims().claim, readBytes = READ_BYTES): Generator<[key: string, lines: string[]]> {
  for (let b = claim(); b < BUCKETS; b = claim()) yield* readBucket(join(dir, String(b)), 1, readBytes);
}

/**
 * The records of `text` (one a line, each ending in a newline) grouped by key. Keys and lines are
 * slices of `text`: whoever keeps one, or a piece of one, past its group (a finding's indicator, its
 * message) must copy it first (ownString), or it keeps the whole text of its bucket, up to
 * READ_BYTES, alive as long as it lives. Copying every key here cost the rows check 0.45 s at 1 M
 * rows, where nearly every figure key is a group of one that no finding names.
 */
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

/**
 * The groups of one bucket file, which is removed. A file larger than READ_BYTES is first split into
 * BUCKETS smaller ones by another hash of the key (`depth` picks it), streamed, and each is read the
 * same way: what a spill holds at once stays near READ_BYTES however many records it was given, short
 * of one key having more (then the split stops at MAX_DEPTH and reads it whole).
 */
function* readBucket(path: string, depth: number, readBytes: number): Generator<[string, string[]]> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
    throw e;
  }
  if (size <= readBytes || depth >= MAX_DEPTH) {
    const text = readFileSync(path, "utf8");
    rmSync(path);
    yield* group(text);
    return;
  }
  const parts = splitBucket(path, depth);
  for (const part of parts) yield* readBucket(part, depth + 1, readBytes);
}

/** Files the records of `path` into BUCKETS files `path.<n>` by the hash of their key at `depth`. */
function splitBucket(path: string, depth: number): string[] {
  const paths = Array.from({ length: BUCKETS }, (_, n) => `${path}.${n}`);
  const fds: (number | undefined)[] = new Array<number | undefined>(BUCKETS).fill(undefined);
  const outs = paths.map(
    (part, n) =>
      new Utf8Buffer((data) => {
        const fd = (fds[n] ??= openSync(part, "a"));
        for (let at = 0; at < data.byteLength; ) at += writeSync(fd, data, at);
      }, FLUSH_BYTES),
  );
  const input = openSync(path, "r");
  try {
    const chunk = new Uint8Array(1 << 20);
    const stream = new TextDecoder();
    let carry = "";
    for (;;) {
      const n = readSync(input, chunk, 0, chunk.byteLength, null);
      const records = (carry + stream.decode(chunk.subarray(0, n), { stream: n > 0 })).split("\n");
      carry = records.pop()!;
      for (const record of records) if (record) outs[bucketOf(record.slice(0, record.indexOf("\t")), depth)]!.write(`${record}\n`);
      if (n === 0) break;
    }
    for (const out of outs) out.flush();
  } finally {
    closeSync(input);
    for (const fd of fds) if (fd !== undefined) closeSync(fd);
  }
  rmSync(path);
  return paths.filter((_, n) => fds[n] !== undefined);
}

/**
 * FNV-1a over UTF-16 code units, then MurmurHash3's finalizer with the depth mixed in, to a bucket:
 * the finalizer carries every bit of the hash into the low bits that pick the bucket, so the keys of
 * one bucket spread over all buckets at the next depth.
 */
function bucketOf(key: string, depth = 0): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.imul(depth + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % BUCKETS;
}
