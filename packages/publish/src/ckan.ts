import { join } from "node:path";
import { coverage, DOMAINS, FREQUENCIES, schemaId, type SourceRecord } from "@langson-open-data/schemas";
import { type VersionHistoryEntry, changelogNotes, readHistory } from "./_history.js";
import { writeFileAtomic } from "./fsutil.js";
import { asciiSlug, datasetPath, releaseFilePath, siteBaseUrl } from "./portal.js";

/** Files of each version offered as CKAN resources, with CKAN's format names. */
const RESOURCE_FILES = [
  { file: "data.csv", format: "CSV" },
  { file: "data.json", format: "JSON" },
  { file: "data.parquet", format: "Parquet" },
  { file: "datapackage.json", format: "JSON" },
] as const;

/** What CKAN accepts as a name: 2 to 100 of lowercase ASCII letters, digits, "-" and "_". */
export const CKAN_NAME_PATTERN = /^[a-z0-9_-]{2,100}$/;

/** CKAN tag names: letters (any script), digits, spaces and "-_.", at most 100 characters. */
export const CKAN_TAG_PATTERN = /^[\p{L}\p{N}\p{M} _.-]{2,100}$/u;

/** A CKAN name from a title: the ASCII slug, at most 100 characters. */
function ckanName(text: string): string {
  return asciiSlug(text).slice(0, 100);
}

export interface CkanResource {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly format: string;
  readonly mimetype: string;
  readonly size: number;
  readonly hash: string;
  readonly hash_algorithm: string;
  readonly position: number;
  readonly state: "active";
  readonly url_type: null;
}

/**
 * One dataset as CKAN's `package_show` action returns it (`{ help, success, result }`), so that a CKAN
 * portal can harvest it or `ckanapi load` it. Ids and timestamps are left to the portal: there is no
 * clock here, and the record is a pure function of the version folders. DCAT fields go in `extras`
 * under the keys ckanext-dcat reads (issued, modified, frequency, temporal_start, …).
 */
export function ckanPackage(history: readonly VersionHistoryEntry[], sources: readonly SourceRecord[], baseUrl: string = siteBaseUrl()) {
  const latest = history.at(-1);
  if (!latest) throw new Error("ckanPackage needs at least one published version");
  const m = latest.meta;
  const domain = DOMAINS.find((d) => d.code === m.domain)!;
  const frequency = FREQUENCIES.find((f) => f.code === m.frequency)!;
  const span = coverage(latest.manifest.periods);
  const used = latest.manifest.sources.map((u) => sources.find((s) => s.id === u.id));
  const tags = [...new Set([...m.keywords.vi, ...m.keywords.en])]
    .filter((k) => CKAN_TAG_PATTERN.test(k))
    .map((name) => ({ name, display_name: name, state: "active", vocabulary_id: null }));
  let position = 0;
  const resources: CkanResource[] = [...history].reverse().flatMap((v) =>
    RESOURCE_FILES.flatMap(({ file, format }) => {
      const f = v.manifest.files.find((x) => x.path === file);
      if (!f) return [];
      return [
        {
          name: `${file} (${v.version})`,
          description: `${file === "datapackage.json" ? "Frictionless Data Package descriptor" : "Figures, one row each, exact values in base units"} — version ${v.version}${v.version === latest.version ? " (latest)" : ""}, as of ${v.manifest.as_of}`,
          url: `${baseUrl}${releaseFilePath(m.id, v.version, file)}`,
          format,
          mimetype: f.media_type,
          size: f.bytes,
          hash: f.sha256,
          hash_algorithm: "http://spdx.org/rdf/terms#checksumAlgorithm_sha256",
          position: position++,
          state: "active" as const,
          url_type: null,
        },
      ];
    }),
  );
  const extras: Record<string, string> = {
    identifier: m.id,
    title_vi: m.title.vi,
    notes_vi: m.description.vi,
    issued: history[0]!.manifest.as_of,
    modified: latest.manifest.as_of,
    frequency: `http://publications.europa.eu/resource/authority/frequency/${frequency.euFrequency}`,
    ...(span ? { temporal_start: span.start, temporal_end: span.end } : {}),
    spatial_text: m.spatial.join(", "),
    language: "vi, en",
    conforms_to: schemaId("observation"),
    version_notes: changelogNotes(latest.changelog),
    provenance: used.map((s, i) => (s ? `${s.title} (${s.publisher}, ${s.published})` : latest.manifest.sources[i]!.id)).join("; "),
    publisher_name: m.publisher.en,
    provider_name: m.provider.en,
    domain: m.domain,
  };
  const organization = { name: ckanName(m.publisher.en), title: m.publisher.en, description: m.publisher.vi, type: "organization", is_organization: true, state: "active" };
  return {
    help: "https://docs.ckan.org/en/latest/api/index.html#ckan.logic.action.get.package_show",
    success: true,
    result: {
      name: m.id,
      title: m.title.en,
      notes: m.description.en,
      url: `${baseUrl}${datasetPath(m.id)}`,
      version: latest.version,
      type: "dataset",
      state: "active",
      private: false,
      isopen: true,
      license_id: m.license.id,
      license_title: m.license.title,
      license_url: m.license.url,
      author: m.provider.en,
      author_email: null,
      maintainer: m.publisher.en,
      maintainer_email: null,
      owner_org: organization.name,
      organization,
      groups: [{ name: domain.code, title: domain.en, display_name: domain.en, description: domain.vi }],
      tags,
      num_tags: tags.length,
      resources,
      num_resources: resources.length,
      extras: Object.entries(extras).map(([key, value]) => ({ key, value })),
      relationships_as_object: [],
      relationships_as_subject: [],
    },
  };
}

/**
 * datasets/<dataset>/ckan.json for every dataset with a release, rendered like {@link renderCatalogue}
 * so that `run` writes them and `verify` compares them.
 */
export async function renderCkanFiles(
  datasetsDir: string,
  datasets: readonly string[],
  sources: readonly SourceRecord[],
  baseUrl: string = siteBaseUrl(),
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const id of [...new Set(datasets)].sort()) {
    const history = await readHistory(datasetsDir, id);
    if (history.length === 0) continue;
    files.set(join(datasetsDir, id, "ckan.json"), `${JSON.stringify(ckanPackage(history, sources, baseUrl), null, 2)}\n`);
  }
  return files;
}

/** Writes what {@link renderCkanFiles} renders, each file atomically. */
export async function writeCkanFiles(datasetsDir: string, datasets: readonly string[], sources: readonly SourceRecord[], baseUrl: string = siteBaseUrl()): Promise<void> {
  for (const [path, content] of await renderCkanFiles(datasetsDir, datasets, sources, baseUrl)) await writeFileAtomic(path, content);
}
