import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Observation } from "@langson-open-data/schemas";
import { stringify } from "csv-stringify/sync";
import semver from "semver";
import { releaseKey } from "./diff.js";
import { writeFileAtomic } from "./fsutil.js";
import { listVersions, readVersion } from "./release.js";

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
 * Rewrites a dataset's own index files from its version folders, which are the only truth:
 * CHANGELOG.md (newest first), vintages.csv (every value ever published, with the first and last
 * version it stood in) and latest.json (the stable pointer). A run killed half-way is repaired by
 * the next, since nothing here is state of its own.
 */
export async function renderDatasetIndex(datasetsDir: string, dataset: string): Promise<Map<string, string>> {
  const versions = await listVersions(datasetsDir, dataset);
  const dir = join(datasetsDir, dataset);
  const entries: string[] = [];
  // Each vintage keeps its release key, built once, for sorting: not twice per comparison.
  const vintages = new Map<string, { o: Observation; key: string; first: string; last: string }>();
  let previous: string | null = null;
  let latestManifest: unknown = null;
  let title = dataset;
  for (const version of versions) {
    const v = await readVersion(datasetsDir, dataset, version);
    entries.unshift(await readFile(join(dir, version, "changelog.md"), "utf8"));
    title = v.meta.title.en;
    latestManifest = v.manifest;
    for (const o of v.observations) {
      const key = releaseKey(o);
      const id = `${key}|${o.value}|${o.unit}|${o.unit_mult}|${o.decimals}|${o.obs_status}|${o.source}`;
      const seen = vintages.get(id);
      if (seen && seen.last === previous) seen.last = version;
      else if (!seen) vintages.set(id, { o, key, first: version, last: version });
      else vintages.set(`${id}|${version}`, { o, key, first: version, last: version });
    }
    previous = version;
  }
  const files = new Map<string, string>();
  if (versions.length === 0) return files;
  files.set(join(dir, "CHANGELOG.md"), `# Changelog — ${title} (${dataset})\n\nNewest first. Every version stays published under its own folder.\n\n${entries.join("\n")}`);
  const rows = [...vintages.values()]
    .sort((a, b) => a.key.localeCompare(b.key) || semver.compare(a.first, b.first))
    .map(({ o, first, last }) => [o.indicator, o.measure, o.ref_area, o.time_period, o.value, o.unit, o.unit_mult, o.decimals, o.obs_status, o.source, first, last].map(String));
  files.set(join(dir, "vintages.csv"), stringify(rows, { header: true, columns: [...VINTAGE_COLUMNS], record_delimiter: "unix" }));
  const latest = versions.at(-1)!;
  files.set(join(dir, "latest.json"), `${JSON.stringify({ dataset, version: latest, path: `${latest}/`, release: latestManifest }, null, 2)}\n`);
  return files;
}

/** Writes what renderDatasetIndex renders, each file atomically. */
export async function writeDatasetIndex(datasetsDir: string, dataset: string): Promise<void> {
  for (const [path, content] of await renderDatasetIndex(datasetsDir, dataset)) await writeFileAtomic(path, content);
}

