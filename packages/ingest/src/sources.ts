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

/**
 * Loads every snapshot named in sources.json. A snapshot whose sha256 no longer matches the record is
 * an error: sources are kept as received and never edited.
 */
export async function loadSnapshots(
  sourcesDir: string,
  displayDir: string,
  records: readonly SourceRecord[],
  issues: Issue[],
): Promise<Map<string, Snapshot>> {
  const out = new Map<string, Snapshot>();
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
    const text = decodeUtf8(bytes, file, issues);
    if (text === undefined) continue;
    out.set(record.id, { id: record.id, file, sha256: digest, text: text.normalize("NFC") });
  }
  return out;
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
