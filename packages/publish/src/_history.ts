import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { type VersionHead, listVersions, readHead } from "./release.js";

/** A published version's manifest and metadata with the release notes written beside it (not its figures). */
export interface VersionHistoryEntry extends VersionHead {
  /** The version's changelog.md, as published. */
  readonly changelog: string;
}

/** Every published version of a dataset, oldest first, read from its version folders only. */
export async function readHistory(datasetsDir: string, dataset: string): Promise<VersionHistoryEntry[]> {
  const out: VersionHistoryEntry[] = [];
  for (const version of await listVersions(datasetsDir, dataset)) {
    const v = await readHead(datasetsDir, dataset, version);
    out.push({ ...v, changelog: await readFile(join(datasetsDir, dataset, version, "changelog.md"), "utf8") });
  }
  return out;
}

/** The datasets of a datasets/ folder that have at least one published version, by name. */
export async function listPublishedDatasets(datasetsDir: string): Promise<string[]> {
  const entries = await readdir(datasetsDir, { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith(".")) continue;
    if ((await listVersions(datasetsDir, e.name)).length > 0) out.push(e.name);
  }
  return out.sort();
}

/** The English first line of a changelog entry, without its Markdown heading marks. */
export function changelogNotes(entry: string): string {
  return entry
    .split("\n")
    .map((l) => l.replace(/^#+\s*/, "").trim())
    .filter(Boolean)
    .join("\n");
}
