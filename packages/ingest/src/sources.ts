import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Issue, SourceRecord } from "@langson-open-data/schemas";
import { sha256 } from "./files.js";

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
  for (const record of records) {
    const file = `${displayDir}/${record.path}`;
    let bytes: Buffer;
    try {
      bytes = await readFile(join(sourcesDir, record.path));
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`cannot read ${file}`, { cause });
      issues.push({
        code: "source-missing",
        severity: "error",
        message: `source "${record.id}": its snapshot ${file} does not exist`,
        location: { file },
      });
      continue;
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
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      issues.push({ code: "encoding-not-utf8", severity: "error", message: `${file} is not UTF-8`, location: { file } });
      continue;
    }
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
