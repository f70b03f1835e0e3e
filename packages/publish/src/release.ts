import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import {
  type DatasetMetadata,
  type Issue,
  type Observation,
  type ReleaseManifest,
  SCHEMA_VERSION,
  type SourceRecord,
} from "@langson-open-data/schemas";
import { type DatasetDiff, diffReleases, nextVersion, sortVersions } from "./diff.js";
import { renderChangelogEntry, renderDiffJson, renderDiffMarkdown } from "./changes.js";
import { buildDatapackage } from "./datapackage.js";
import { writeFolderAtomic } from "./fsutil.js";
import { type FileBody, bodyBytes, metadataHash, renderCsv, renderJson, sameBytes, sha256Hex } from "./render.js";

/** Everything one dataset version is made of, as the pipeline produced it. */
export interface DatasetInput {
  readonly meta: DatasetMetadata;
  readonly pipeline: string;
  readonly sources: readonly SourceRecord[];
  readonly observations: readonly Observation[];
  /** Findings of the check run that concern this dataset (warnings only, or it would not publish). */
  readonly issues: readonly Issue[];
  /** Newest date among the inputs, recorded instead of a clock so that reruns are byte-identical. */
  readonly asOf: string;
}

/** A published version as read back from datasets/. */
export interface PublishedVersion {
  readonly version: string;
  readonly manifest: ReleaseManifest;
  readonly meta: DatasetMetadata;
  readonly observations: Observation[];
}

export interface ReleasePlan {
  readonly dataset: string;
  readonly diff: DatasetDiff;
  /** The version to cut, or null when nothing changed. */
  readonly version: string | null;
  /** The files of that version, by name, rendered and ready to write. */
  readonly files: ReadonlyMap<string, FileBody>;
}

export async function listVersions(datasetsDir: string, dataset: string): Promise<string[]> {
  try {
    return sortVersions(await readdir(join(datasetsDir, dataset)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

export async function readVersion(datasetsDir: string, dataset: string, version: string): Promise<PublishedVersion> {
  const dir = join(datasetsDir, dataset, version);
  const [manifest, meta, observations] = await Promise.all(
    ["release.json", "metadata.json", "data.json"].map(async (f) => JSON.parse(await readFile(join(dir, f), "utf8"))),
  );
  return { version, manifest, meta, observations };
}

/** The latest published version of a dataset, or null before the first release. */
export async function readLatest(datasetsDir: string, dataset: string): Promise<PublishedVersion | null> {
  const versions = await listVersions(datasetsDir, dataset);
  const last = versions.at(-1);
  return last ? readVersion(datasetsDir, dataset, last) : null;
}

const MEDIA_TYPES: Record<string, string> = {
  "data.csv": "text/csv",
  "data.json": "application/json",
  "datapackage.json": "application/json",
  "metadata.json": "application/json",
  "report.json": "application/json",
  "diff.json": "application/json",
  "diff.md": "text/markdown",
  "changelog.md": "text/markdown",
};

/**
 * The files that are functions of the data and of the file formats alone; the changelog, diff and
 * manifest are the record of how a version came to be and are not rendered again.
 */
const CONTENT_FILES = ["data.csv", "data.json", "datapackage.json", "metadata.json", "report.json"] as const;

/**
 * Decides what to publish for one dataset: diffs the pipeline's output against the latest release,
 * picks the semantic version, and renders every file of the new version in memory. When the data and
 * metadata are unchanged but the latest version's files would now render differently (a fixed or new
 * file format), that too is a new PATCH version, with a changelog entry naming the files: a published
 * version is never rewritten.
 */
export async function planRelease(datasetsDir: string, input: DatasetInput): Promise<ReleasePlan> {
  const latest = await readLatest(datasetsDir, input.meta.id);
  let diff = diffAgainst(input, latest);
  let version = nextVersion(diff);
  if (version === null && latest) {
    const previous = latest.manifest.previous ? await readVersion(datasetsDir, input.meta.id, latest.manifest.previous) : null;
    const again = renderVersion(input, diffAgainst(input, previous), latest.version);
    const dir = join(datasetsDir, input.meta.id, latest.version);
    const differing: string[] = [];
    for (const name of CONTENT_FILES) {
      const content = again.get(name)!;
      const onDisk = await readFile(join(dir, name)).catch(() => undefined);
      if (!onDisk || !sameBytes(onDisk, content)) differing.push(name);
    }
    if (differing.length > 0) {
      diff = { ...diff, change: "patch", reasons: [`files of ${latest.version} now render differently and are republished: ${differing.join(", ")}`] };
      version = nextVersion(diff);
    }
  }
  if (version === null) return { dataset: input.meta.id, diff, version, files: new Map() };
  return { dataset: input.meta.id, diff, version, files: renderVersion(input, diff, version) };
}

function diffAgainst(input: DatasetInput, base: PublishedVersion | null): DatasetDiff {
  return diffReleases({
    dataset: input.meta.id,
    from: base?.version ?? null,
    before: base?.observations ?? [],
    after: input.observations,
    metaBefore: base?.meta ?? null,
    metaAfter: input.meta,
    metadataChanged: base !== null && base.manifest.metadata_sha256 !== metadataHash(input.meta),
  });
}

/** Every file of one version, by name: a pure function of the inputs, the diff and the version. */
function renderVersion(input: DatasetInput, diff: DatasetDiff, version: string): Map<string, FileBody> {
  const files = new Map<string, FileBody>();
  files.set("data.csv", renderCsv(input.observations));
  files.set("data.json", renderJson(input.observations));
  files.set("metadata.json", `${JSON.stringify(input.meta, null, 2)}\n`);
  files.set("report.json", `${JSON.stringify({ valid: !input.issues.some((i) => i.severity === "error"), issues: input.issues }, null, 2)}\n`);
  files.set("diff.json", renderDiffJson(diff, version));
  files.set("diff.md", renderDiffMarkdown(diff, version, input.meta));
  files.set("changelog.md", renderChangelogEntry(diff, version, input));
  const periods = [...new Set(input.observations.map((o) => o.time_period))].sort();
  files.set(
    "datapackage.json",
    `${JSON.stringify(buildDatapackage({ input, version, periods, csv: files.get("data.csv")!, json: files.get("data.json")! }), null, 2)}\n`,
  );
  const manifest: ReleaseManifest = {
    dataset: input.meta.id,
    version,
    previous: diff.from,
    change: diff.change === "none" ? "patch" : diff.change,
    as_of: input.asOf,
    metadata_sha256: metadataHash(input.meta),
    schema_version: SCHEMA_VERSION,
    pipeline: input.pipeline,
    sources: input.sources.map((s) => ({ id: s.id, sha256: s.sha256 })),
    observations: input.observations.length,
    periods,
    files: [...files.keys()].sort().map((name) => ({
      path: name,
      bytes: bodyBytes(files.get(name)!),
      sha256: sha256Hex(files.get(name)!),
      media_type: MEDIA_TYPES[name] ?? "application/octet-stream",
    })),
  };
  files.set("release.json", `${JSON.stringify(manifest, null, 2)}\n`);
  files.set("SHA256SUMS", renderSha256Sums(files));
  return files;
}

/** `sha256sum -c` compatible list of a version's files (all but itself), sorted by name. */
export function renderSha256Sums(files: ReadonlyMap<string, FileBody>): string {
  return [...files.keys()]
    .filter((n) => n !== "SHA256SUMS")
    .sort()
    .map((n) => `${sha256Hex(files.get(n)!)}  ${n}\n`)
    .join("");
}

/** Writes a planned version into datasets/<dataset>/<version>/ at once; never over an existing one. */
export async function writeRelease(datasetsDir: string, plan: ReleasePlan): Promise<string | null> {
  if (plan.version === null) return null;
  const target = join(datasetsDir, plan.dataset, plan.version);
  await writeFolderAtomic(target, plan.files);
  return target;
}


