import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readLines } from "./lines.js";

/**
 * Characters of records a sort holds in memory before it writes them out as a sorted run (~16–32 MB):
 * 3 M vintage records make ~60 runs, each merged through one open file.
 */
const RUN_CHARS = Number(process.env.LANGSON_SORT_RUN_CHARS) || 8 * 1024 * 1024;
/** Characters of a run written to its file at a time. */
const WRITE_CHARS = 1 << 16;

/**
 * Sorts records by a string key in code-unit order with flat memory: records (a key and a line of
 * text, neither holding a newline; the key no tab) are held until ~8 M characters, then sorted and
 * written to a run file; `sorted()` merges the runs. Equal keys keep the order they were added in.
 */
export class ExternalSort {
  private records: { key: string; line: string; seq: number }[] = [];
  private chars = 0;
  private seq = 0;
  private dir: string | undefined;
  private runs: string[] = [];

  constructor(private readonly label: string) {}

  add(key: string, line: string): void {
    this.records.push({ key, line, seq: this.seq++ });
    this.chars += key.length + line.length;
    if (this.chars > RUN_CHARS) this.spill();
  }

  private sortRecords() {
    return this.records.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.seq - b.seq));
  }

  private spill(): void {
    // LANGSON_SCRATCH: the command line's scratch folder for this process (packages/cli/src/scratch.ts).
    this.dir ??= mkdtempSync(join(process.env.LANGSON_SCRATCH ?? tmpdir(), `langson-sort-${this.label}-`));
    const path = join(this.dir, String(this.runs.length));
    // The sequence number travels with the record so that equal keys merge in the order they came.
    // Written a slice at a time: one string of the whole run would double what the sort holds.
    const fd = openSync(path, "w");
    try {
      let chunk = "";
      for (const r of this.sortRecords()) {
        chunk += `${r.key}\t${r.seq}\t${r.line}\n`;
        if (chunk.length >= WRITE_CHARS) {
          writeSync(fd, chunk);
          chunk = "";
        }
      }
      writeSync(fd, chunk);
    } finally {
      closeSync(fd);
    }
    this.runs.push(path);
    this.records = [];
    this.chars = 0;
  }

  /** Every record in key order, as [key, line]; the sort is spent after. */
  async *sorted(): AsyncGenerator<[key: string, line: string]> {
    try {
      if (this.runs.length === 0) {
        for (const r of this.sortRecords()) yield [r.key, r.line];
        return;
      }
      if (this.records.length > 0) this.spill();
      yield* merge(this.runs);
    } finally {
      this.dispose();
    }
  }

  dispose(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.records = [];
    this.runs = [];
  }
}

interface Head {
  key: string;
  seq: number;
  line: string;
  next: AsyncIterator<string>;
}

function parse(text: string, next: AsyncIterator<string>): Head {
  const a = text.indexOf("\t");
  const b = text.indexOf("\t", a + 1);
  return { key: text.slice(0, a), seq: Number(text.slice(a + 1, b)), line: text.slice(b + 1), next };
}

const before = (x: Head, y: Head) => x.key < y.key || (x.key === y.key && x.seq < y.seq);

/** k-way merge of sorted run files with a binary heap. */
async function* merge(paths: readonly string[]): AsyncGenerator<[string, string]> {
  const heap: Head[] = [];
  const push = (h: Head) => {
    heap.push(h);
    for (let i = heap.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!before(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const pop = (): Head => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  };
  for (const path of paths) {
    const next = readLines(path, 1 << 16);
    const first = await next.next();
    if (!first.done) push(parse(first.value, next));
  }
  while (heap.length > 0) {
    const top = pop();
    yield [top.key, top.line];
    const n = await top.next.next();
    if (!n.done) push(parse(n.value, top.next));
  }
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
