import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { csvRecord } from "./csv-line.js";
import { ExternalSort, releaseKeyOrder } from "./external-sort.js";
import { TMP_PREFIX, writeFileAtomic } from "./fsutil.js";
import { FileSink, type FileBody, isSpooled } from "./render.js";
import { listVersions, readHead, versionVintageRecords } from "./release.js";

const VINTAGE_COLUMNS = [
  "indicator",
  "measure",
  "ref_area",
  "time_period",
  "value",
  "unit",
  "unit_mult",
  "decimals",
  "obs_status",
  "source",
  "first_version",
  "last_version",
] as const;

/**
 * Renders a dataset's own index files from its version folders, which are the only truth:
 * CHANGELOG.md (newest first), vintages.csv (every value ever published, with the first and last
 * version it stood in, by key) and latest.json (the stable pointer). A run killed half-way is
 * repaired by the next, since nothing here is state of its own.
 *
 * vintages.csv is built with flat memory: every version's figures stream through an external sort
 * by key (in localeCompare's order of the keys) and version, and each key's vintages are made from
 * its few rows. A value stands in one vintage per unbroken run of versions. With `write`, it is
 * streamed to a temporary file beside its place; without, only measured.
 */
export async function renderDatasetIndex(datasetsDir: string, dataset: string, options: { write?: boolean } = {}): Promise<Map<string, FileBody>> {
  const versions = await listVersions(datasetsDir, dataset);
  const dir = join(datasetsDir, dataset);
  const files = new Map<string, FileBody>();
  if (versions.length === 0) return files;
  const entries: string[] = [];
  const sort = new ExternalSort(`vintages-${dataset}`);
  let title = dataset;
  let latestManifest: unknown = null;
  try {
    for (const [index, version] of versions.entries()) {
      const head = await readHead(datasetsDir, dataset, version);
      entries.unshift(await readFile(join(dir, version, "changelog.md"), "utf8"));
      title = head.meta.title.en;
      latestManifest = head.manifest;
      const at = String(index).padStart(6, "0");
      // The vintage's cells but the versions, as vintages.csv writes them (csvRecord without its end).
      for await (const records of versionVintageRecords(datasetsDir, head)) for (const [key, line] of records) sort.add([releaseKeyOrder(key), at].join("\u0001"), line);
    }
    files.set(join(dir, "CHANGELOG.md"), `# Changelog — ${title} (${dataset})\n\nNewest first. Every version stays published under its own folder.\n\n${entries.join("\n")}`);
  } catch (e) {
    sort.dispose();
    throw e;
  }
  const path = join(dir, "vintages.csv");
  const sink = new FileSink(options.write ? join(dir, `${TMP_PREFIX}vintages.csv-${randomBytes(4).toString("hex")}`) : undefined);
  try {
    // Every cell of vintages.csv is a code, a plain decimal or a version: none holds a comma, quote,
    // semicolon, tab, line break or edge space, so csvRecord writes csv-stringify's bytes for them;
    // a version needs no quoting, so it is appended to the record of the other cells as it is.
    sink.write(csvRecord(VINTAGE_COLUMNS));
    // One key's figures across versions: value → the versions it stood in, each vintage an unbroken run.
    let current = "";
    // A key's first figure waits alone; most keys have one figure, in one version or unchanged.
    let only: { line: string; at: number } | undefined;
    let group: Map<string, number[]> | undefined;
    const emit = () => {
      if (group === undefined) {
        if (only) sink.write(`${only.line},${versions[only.at]!},${versions[only.at]!}\n`);
        only = undefined;
        return;
      }
      const vintages: { line: string; first: number; last: number }[] = [];
      for (const [line, at] of group) {
        let first = at[0]!;
        for (let k = 1; k <= at.length; k++) {
          if (k < at.length && at[k] === at[k - 1]! + 1) continue;
          vintages.push({ line, first, last: at[k - 1]! });
          if (k < at.length) first = at[k]!;
        }
      }
      vintages.sort((a, b) => a.first - b.first);
      for (const v of vintages) sink.write(`${v.line},${versions[v.first]!},${versions[v.last]!}\n`);
      group = undefined;
      only = undefined;
    };
    for await (const batch of sort.batches()) {
      for (const [key, line] of batch) {
        const cut = key.indexOf("\u0001");
        const k = key.slice(0, cut);
        if (k !== current) {
          emit();
          current = k;
        }
        const at = Number(key.slice(cut + 1));
        if (only === undefined) {
          only = { line, at };
          continue;
        }
        group ??= new Map([[only.line, [only.at]]]);
        const list = group.get(line);
        if (list) list.push(at);
        else group.set(line, [at]);
      }
    }
    emit();
    files.set(path, sink.close());
  } catch (e) {
    sink.abandon();
    throw e;
  } finally {
    sort.dispose();
  }
  const latest = versions.at(-1)!;
  files.set(join(dir, "latest.json"), `${JSON.stringify({ dataset, version: latest, path: `${latest}/`, release: latestManifest }, null, 2)}\n`);
  return files;
}

/**
 * Writes what renderDatasetIndex renders, each file atomically. When one fails, vintages.csv, streamed
 * beside its place, is removed if it was not moved into it yet: nothing half-done is left.
 */
export async function writeDatasetIndex(datasetsDir: string, dataset: string): Promise<void> {
  const files = await renderDatasetIndex(datasetsDir, dataset, { write: true });
  const left = new Map(files);
  try {
    for (const [path, content] of files) {
      await writeFileAtomic(path, content);
      left.delete(path);
    }
  } finally {
    for (const content of left.values()) if (isSpooled(content) && content.path) await rm(content.path, { force: true });
  }
}
