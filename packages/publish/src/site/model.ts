import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Observation } from "@langson-open-data/schemas";
import { type VersionHistoryEntry, listPublishedDatasets, readHistory } from "../_history.js";
import { type CatalogueRecord, catalogueRecord } from "../catalogue.js";
import { readStatuses, versionRows } from "../release.js";
import { hashFile } from "../render.js";

/**
 * A dataset page lists every figure of the latest version up to this many; a national dataset's
 * page summarizes instead and points to the downloads (data.parquet, data.csv). A page of 12 474
 * generated figures (their tables, quotes and charts) measured 17 MB of HTML and took ~85 MB of
 * heap to render; 2 000 keeps a page near 3 MB, and every dataset of the province is far below it.
 */
export const SITE_FIGURES_LIMIT = 2_000;

/** A file offered for download, with what a reader needs to check it. */
export interface DownloadFile {
  readonly name: string;
  /** Path below the site root. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** The sha256 the version's SHA256SUMS lists for it (undefined for SHA256SUMS itself). */
  readonly listed: string | undefined;
}

export interface SiteVersion {
  readonly entry: VersionHistoryEntry;
  readonly files: readonly DownloadFile[];
}

/** Field of the Table Schema, as datapackage.json has it. */
export interface SchemaField {
  readonly name: string;
  readonly title?: string;
  readonly type: string;
  readonly description?: string;
  readonly constraints?: Record<string, unknown>;
}

/** Everything the site shows about one dataset, read from its folder in datasets/. */
export interface SiteDataset {
  readonly id: string;
  readonly versions: readonly SiteVersion[];
  readonly latest: VersionHistoryEntry;
  /** The latest version's figures, or undefined when there are more than SITE_FIGURES_LIMIT. */
  readonly figures: readonly Observation[] | undefined;
  /** The observation statuses among the latest version's figures. */
  readonly statuses: ReadonlySet<string>;
  readonly record: CatalogueRecord;
  readonly fields: readonly SchemaField[];
  readonly primaryKey: readonly string[];
  readonly sourceTitles: readonly string[];
  /** Files beside the versions (CHANGELOG.md, vintages.csv, latest.json, ckan.json) that exist. */
  readonly indexFiles: readonly DownloadFile[];
}

export interface SiteModel {
  readonly datasets: readonly SiteDataset[];
  /** Catalogue-level files of datasets/ that exist (catalogue.json, catalogue.csv, catalogue.jsonld). */
  readonly catalogueFiles: readonly string[];
}

async function fileInfo(dir: string, name: string, path: string, listed: string | undefined): Promise<DownloadFile> {
  return { name, path, ...(await hashFile(join(dir, name))), listed };
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Reads a datasets/ folder into what the pages need; the version folders are the only truth. */
export async function loadSiteModel(datasetsDir: string, figuresLimit = SITE_FIGURES_LIMIT): Promise<SiteModel> {
  let published: { datasets?: CatalogueRecord[] } = {};
  try {
    published = JSON.parse(await readFile(join(datasetsDir, "catalogue.json"), "utf8"));
  } catch {
    // No catalogue.json yet: records are computed below.
  }
  const datasets: SiteDataset[] = [];
  for (const id of await listPublishedDatasets(datasetsDir)) {
    const history = await readHistory(datasetsDir, id);
    const latest = history.at(-1)!;
    const versions: SiteVersion[] = [];
    for (const entry of history) {
      const dir = join(datasetsDir, id, entry.version);
      const sums = new Map(
        (await readFile(join(dir, "SHA256SUMS"), "utf8"))
          .split("\n")
          .filter(Boolean)
          .map((l) => [l.slice(66), l.slice(0, 64)] as const),
      );
      const names = (await readdir(dir)).filter((n) => !n.startsWith(".")).sort((a, b) => (a === "SHA256SUMS" ? 1 : b === "SHA256SUMS" ? -1 : a.localeCompare(b)));
      // The manifest gives each file's size and sha256 (what a download is checked against, and what
      // `npm run verify` holds the files to); only release.json and SHA256SUMS are measured here.
      const manifestFiles = new Map(entry.manifest.files.map((f) => [f.path, f]));
      const files: DownloadFile[] = [];
      for (const name of names) {
        const path = `datasets/${id}/${entry.version}/${name}`;
        const known = manifestFiles.get(name);
        files.push(known ? { name, path, bytes: known.bytes, sha256: known.sha256, listed: sums.get(name) } : await fileInfo(dir, name, path, sums.get(name)));
      }
      versions.push({ entry, files });
    }
    const datapackage = JSON.parse(await readFile(join(datasetsDir, id, latest.version, "datapackage.json"), "utf8"));
    const resource = datapackage.resources?.[0] ?? {};
    const sourceTitles: string[] = (datapackage.sources ?? []).map((s: { title?: string }) => s.title ?? "").filter(Boolean);
    const fromCatalogue = published.datasets?.find((r) => r.dataset === id && r.phien_ban?.en === latest.version);
    const statuses = await readStatuses(datasetsDir, latest);
    let figures: Observation[] | undefined;
    if (latest.manifest.observations <= figuresLimit) {
      figures = [];
      for await (const o of versionRows(datasetsDir, latest).rows()) figures.push(o);
    }
    const computed = catalogueRecord(latest, [], statuses);
    const record: CatalogueRecord = fromCatalogue ?? {
      ...computed,
      nguon_goc: sourceTitles.length ? { vi: sourceTitles.join("; "), en: sourceTitles.join("; ") } : computed.nguon_goc,
    };
    const indexFiles: DownloadFile[] = [];
    for (const name of ["CHANGELOG.md", "vintages.csv", "latest.json", "ckan.json"]) {
      if (await exists(join(datasetsDir, id, name))) indexFiles.push(await fileInfo(join(datasetsDir, id), name, `datasets/${id}/${name}`, undefined));
    }
    datasets.push({
      id,
      versions,
      latest,
      figures,
      statuses,
      record,
      fields: resource.schema?.fields ?? [],
      primaryKey: resource.schema?.primaryKey ?? [],
      sourceTitles,
      indexFiles,
    });
  }
  const catalogueFiles: string[] = [];
  for (const name of ["catalogue.jsonld", "catalogue.json", "catalogue.csv"]) if (await exists(join(datasetsDir, name))) catalogueFiles.push(name);
  return { datasets, catalogueFiles };
}
