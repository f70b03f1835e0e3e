import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Issue, SourceRecord } from "@langson-open-data/schemas";
import { checkPlainFile, decodeUtf8, sha256 } from "./files.js";

/** Names Windows refuses for a file whatever its extension: a repository holding one cannot be checked out there. */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;

/** Why a snapshot path is not a plain file name inside sources/, or undefined when it is one. */
function badSnapshotPath(path: string): string | undefined {
  if (path === "." || path === "..") return "names a folder, not a file";
  if (/[/\\]/.test(path)) return "leaves sources/ (a snapshot is a file name, without folders)";
  if (path.startsWith(".")) return "is a hidden name (names starting with \".\" are kept for temporaries)";
  if (RESERVED.test(path)) return "is a name Windows reserves for a device";
  if (path === "sources.json") return "is the list of sources itself";
  return undefined;
}

/** A raw source snapshot, checked against its recorded checksum and decoded. */
export interface Snapshot {
  readonly id: string;
  readonly file: string;
  readonly sha256: string;
  /** NFC text, for matching quotes. */
  readonly text: string;
}

/** Snapshots kept decoded at once: rows come grouped by source, so a few suffice. */
const CACHED_SNAPSHOTS = 8;

/**
 * The snapshots of a pipeline's sources, verified up front and read one at a time as rows ask for
 * them: a national pipeline has hundreds of snapshots, and only the few its current rows quote are
 * held decoded (the last 8 used).
 */
export class SnapshotStore {
  private readonly cache = new Map<string, Snapshot>();
  /** How many times a snapshot was read and decoded (a measure of how well rows are grouped). */
  loads = 0;

  constructor(
    private readonly sourcesDir: string,
    private readonly verified: ReadonlyMap<string, { readonly path: string; readonly file: string; readonly sha256: string }>,
  ) {}

  /** Whether a source's snapshot exists, matches its checksum and is valid UTF-8. */
  has(id: string): boolean {
    return this.verified.has(id);
  }

  get size(): number {
    return this.verified.size;
  }

  /** The snapshot of a verified source, decoded; undefined for a source that is not verified. */
  async get(id: string): Promise<Snapshot | undefined> {
    const cached = this.cache.get(id);
    if (cached) {
      this.cache.delete(id);
      this.cache.set(id, cached);
      return cached;
    }
    const record = this.verified.get(id);
    if (!record) return undefined;
    const bytes = await readFile(join(this.sourcesDir, record.path));
    const digest = sha256(bytes);
    // Verified a moment ago; a snapshot that changes while the pipeline runs is not read at all.
    if (digest !== record.sha256) throw new Error(`${record.file} changed while the pipeline was reading it (sha256 ${digest}, verified ${record.sha256})`);
    const text = decodeUtf8(bytes, record.file, []);
    if (text === undefined) throw new Error(`${record.file} is no longer valid UTF-8`);
    const snapshot = { id, file: record.file, sha256: digest, text: text.normalize("NFC") };
    this.loads++;
    this.cache.set(id, snapshot);
    if (this.cache.size > CACHED_SNAPSHOTS) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }
}

/**
 * Verifies every snapshot named in sources.json: a plain file inside sources/, valid UTF-8, with the
 * recorded sha256. A snapshot whose sha256 no longer matches the record is an error: sources are kept
 * as received and never edited. Nothing is kept but the verified paths; texts are read on demand.
 */
export async function loadSnapshots(
  sourcesDir: string,
  displayDir: string,
  records: readonly SourceRecord[],
  issues: Issue[],
): Promise<SnapshotStore> {
  const verified = new Map<string, { path: string; file: string; sha256: string }>();
  for (const [index, record] of records.entries()) {
    const file = `${displayDir}/${record.path}`;
    const why = badSnapshotPath(record.path);
    if (why) {
      issues.push({
        code: "source-path-invalid",
        severity: "error",
        message: `source "${record.id}": its path "${record.path}" ${why}`,
        location: { file: `${displayDir}/sources.json`, column: `sources.${index}.path` },
        expected: "the file name of a snapshot inside sources/, e.g. lang-son-2023-q1.vi.txt",
        found: record.path,
      });
      continue;
    }
    const where: Issue[] = [];
    if (!(await checkPlainFile(join(sourcesDir, record.path), file, where))) {
      issues.push(
        ...where.map((i) =>
          i.code === "file-missing"
            ? { ...i, code: "source-missing", message: `source "${record.id}": its snapshot ${file} does not exist` }
            : { ...i, message: `source "${record.id}": ${i.message}` },
        ),
      );
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFile(join(sourcesDir, record.path));
    } catch (cause) {
      throw new Error(`cannot read ${file}`, { cause });
    }
    const digest = sha256(bytes);
    if (digest !== record.sha256) {
      issues.push({
        code: "source-checksum-mismatch",
        severity: "error",
        message: `source "${record.id}": ${file} has changed since it was recorded. Snapshots are never edited; add a new snapshot with its own record instead`,
        location: { file },
        expected: record.sha256,
        found: digest,
      });
      continue;
    }
    if (decodeUtf8(bytes, file, issues) === undefined) continue;
    verified.set(record.id, { path: record.path, file, sha256: digest });
  }
  return new SnapshotStore(sourcesDir, verified);
}

/** Where a quote stands in a snapshot: 1-based line and column, and character offsets. */
export interface QuoteSpan {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

/** Finds a verbatim quote (both NFC) in a snapshot's text. */
export function locateQuote(snapshot: Snapshot, quote: string): QuoteSpan | undefined {
  const start = snapshot.text.indexOf(quote.normalize("NFC"));
  if (start < 0) return undefined;
  const before = snapshot.text.slice(0, start);
  const line = before.split("\n").length;
  const column = start - before.lastIndexOf("\n");
  return { start, end: start + quote.length, line, column };
}
