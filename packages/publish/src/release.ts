import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import {
  type DatasetMetadata,
  type Issue,
  type Observation,
  type ReleaseManifest,
  SCHEMA_VERSION,
  type SourceRecord,
} from "@langson-open-data/schemas";
import { type DatasetDiff, diffReleases, diffRows, nextVersion, releaseKey, sortVersions } from "./diff.js";
import { diffJsonAdded, renderChangelogEntry, renderDiffJson, renderDiffJsonParts, renderDiffMarkdown } from "./changes.js";
import { buildDatapackage } from "./datapackage.js";
import { TMP_PREFIX, publishFault, publishStep, syncFile, writeFolderAtomic } from "./fsutil.js";
import { writeParquet } from "./parquet.js";
import {
  type CsvShape,
  FileSink,
  type FileBody,
  type SpooledFile,
  bodyBytes,
  hashFile,
  metadataHash,
  parseObservationLine,
  sameBytes,
  sha256Hex,
  streamDataFiles,
} from "./render.js";
import { lap } from "./laps.js";
import { readLineBatches, readLines } from "./lines.js";
import { csvRecord } from "./csv-line.js";
import type { ObservationRows } from "./rows.js";

/** Everything one dataset version is made of, as the pipeline produced it. */
export interface DatasetInput {
  readonly meta: DatasetMetadata;
  readonly pipeline: string;
  readonly sources: readonly SourceRecord[];
  /** The figures, streamed in published order (rowsOf wraps an array). */
  readonly observations: ObservationRows;
  /** Findings of the check run that concern this dataset (warnings only, or it would not publish). */
  readonly issues: readonly Issue[];
  /** Newest date among the inputs, recorded instead of a clock so that reruns are byte-identical. */
  readonly asOf: string;
}

/** A published version's manifest and metadata, without its figures (versionRows streams those). */
export interface VersionHead {
  readonly version: string;
  readonly manifest: ReleaseManifest;
  readonly meta: DatasetMetadata;
}

export interface ReleasePlan {
  readonly dataset: string;
  readonly diff: DatasetDiff;
  /** The version to cut, or null when nothing changed. */
  readonly version: string | null;
  /**
   * The files of that version, by name, rendered and ready to write; the data files are streamed
   * into a temporary folder of the dataset (planned with `write`) or only measured (without).
   */
  readonly files: ReadonlyMap<string, FileBody>;
  /** Removes what planning set aside on disk; writeRelease calls it. */
  dispose(): Promise<void>;
}

export async function listVersions(datasetsDir: string, dataset: string): Promise<string[]> {
  try {
    return sortVersions(await readdir(join(datasetsDir, dataset)));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
}

export async function readHead(datasetsDir: string, dataset: string, version: string): Promise<VersionHead> {
  const dir = join(datasetsDir, dataset, version);
  const [manifest, meta] = await Promise.all(["release.json", "metadata.json"].map(async (f) => JSON.parse(await readFile(join(dir, f), "utf8"))));
  return { version, manifest, meta };
}

const dataJsonPath = (datasetsDir: string, head: VersionHead) => join(datasetsDir, head.manifest.dataset, head.version, "data.json");

/**
 * The figure lines of a version's data.json, which publishing writes one figure a line ("  {…},"):
 * each as its observationJson text, with its line number, by the batch of lines read at once.
 */
async function* figureLines(path: string, own = true): AsyncGenerator<(readonly [text: string, line: number])[]> {
  let n = 0;
  for await (const lines of readLineBatches(path, undefined, { own })) {
    const figures: (readonly [string, number])[] = [];
    for (const line of lines) {
      n++;
      if (line === "[" || line === "]" || line === "") continue;
      figures.push([line.slice(line.startsWith("  ") ? 2 : 0, line.endsWith(",") ? -1 : undefined), n]);
    }
    if (figures.length) yield figures;
  }
}

function parseFigure<T>(path: string, n: number, text: string, parse: (text: string) => T = JSON.parse): T {
  try {
    return parse(text);
  } catch (cause) {
    throw new Error(`${path}, line ${n}: expected one figure as a JSON object per line, as publishing writes data.json`, { cause });
  }
}

/** The figures of a published version, streamed from its data.json: a national dataset is read without being held. */
export function versionRows(datasetsDir: string, head: VersionHead): ObservationRows {
  const path = dataJsonPath(datasetsDir, head);
  async function* withJson(): AsyncGenerator<readonly [Observation, string]> {
    for await (const figures of figureLines(path)) for (const [text, n] of figures) yield [parseFigure(path, n, text, parseObservationLine), text];
  }
  return {
    count: head.manifest.observations,
    periods: head.manifest.periods,
    sources: head.manifest.sources.map((s) => s.id),
    async *rows() {
      for await (const [o] of withJson()) yield o;
    },
    withJson,
  };
}

/**
 * A figure of data.json up to its source, as publishing writes it (observationJson): codes and plain
 * decimals, none holding a quote, backslash, comma, semicolon or white space, and canonical integers.
 * Such cells are their own CSV text, so vintage records are cut out of the line without parsing it.
 */
const PLAIN_FIGURE =
  /^\{"dataset":"[^"\\]*","indicator":"([^"\\,;\s]*)","measure":"([^"\\,;\s]*)","ref_area":"([^"\\,;\s]*)","time_period":"([^"\\,;\s]*)","value":"([^"\\,;\s]*)","unit":"([^"\\,;\s]*)","unit_mult":(0|-?[1-9][0-9]*),"decimals":(0|-?[1-9][0-9]*),"obs_status":"([^"\\,;\s]*)","source":"([^"\\,;\s]*)","origin":/;

const ORIGIN_KEY = ',"origin":';

/** A figure's cells from indicator to source, which vintages.csv keeps of every version. */
type VintageCells = Pick<Observation, "indicator" | "measure" | "ref_area" | "time_period" | "value" | "unit" | "unit_mult" | "decimals" | "obs_status" | "source">;

/**
 * The vintage records of a published version, by the batch: each figure's release key and its cells
 * from indicator to source as one CSV record without its line end (csvRecord's bytes). A line as
 * publishing writes it is cut with one regular expression; any other (a cell that CSV would quote,
 * say) is parsed as JSON up to `,"origin":` (no code or decimal before it can hold that text, and a
 * JSON string holds no unescaped quote), or whole.
 */
export async function* versionVintageRecords(datasetsDir: string, head: VersionHead): AsyncGenerator<(readonly [key: string, record: string])[]> {
  const path = dataJsonPath(datasetsDir, head);
  // Nothing cut from a line is kept: the record is joined anew and the caller maps the key anew.
  for await (const figures of figureLines(path, false)) {
    const records: (readonly [string, string])[] = [];
    for (const [text, n] of figures) {
      const m = PLAIN_FIGURE.exec(text);
      if (m) {
        // The matches are slices of the line: the record is joined into a flat string of its own, or
        // a sort holding it would hold the whole line, or a rope of its parts (the key is remapped
        // into a string of its own by the sort's caller).
        records.push([`${m[1]}|${m[2]}|${m[3]}|${m[4]}`, [m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10]].join(",")]);
        continue;
      }
      const cut = text.indexOf(ORIGIN_KEY);
      const o = parseFigure<VintageCells>(path, n, cut >= 0 ? `${text.slice(0, cut)}}` : text);
      const key = releaseKey(o);
      const record = csvRecord([o.indicator, o.measure, o.ref_area, o.time_period, o.value, o.unit, String(o.unit_mult), String(o.decimals), o.obs_status, o.source]).slice(0, -1);
      if (record.includes("\n")) throw new Error(`${path}, line ${n}: a cell of ${key} holds a line break, which no code or decimal of the contract can`);
      records.push([key, record]);
    }
    yield records;
  }
}

const statusCache = new Map<string, ReadonlySet<string>>();
const STATUS_KEY = '"obs_status":"';

const statusKey = (dataset: string, version: string, dataJsonSha256: string) => `${dataset}@${version}:${dataJsonSha256}`;

/**
 * The observation statuses (A, P, E) among a published version's figures, read as a stream and
 * remembered by the data.json checksum: the catalogue, DCAT, CKAN and site writers all ask. A
 * version written by this process is known already: its statuses were seen as data.json was
 * rendered (renderData).
 */
export async function readStatuses(datasetsDir: string, head: VersionHead): Promise<ReadonlySet<string>> {
  const data = head.manifest.files.find((f) => f.path === "data.json");
  const key = statusKey(head.manifest.dataset, head.version, data?.sha256 ?? "");
  const known = statusCache.get(key);
  if (known) return known;
  const statuses = new Set<string>();
  // data.json holds one figure per line with its keys in the public order, so the status is found
  // without parsing the line: nothing before obs_status can hold that text, and no JSON string holds
  // an unescaped quote.
  for await (const line of readLines(dataJsonPath(datasetsDir, head))) {
    const at = line.indexOf(STATUS_KEY);
    if (at >= 0) statuses.add(line.slice(at + STATUS_KEY.length, line.indexOf('"', at + STATUS_KEY.length)));
  }
  statusCache.set(key, statuses);
  return statuses;
}

const MEDIA_TYPES: Record<string, string> = {
  "data.csv": "text/csv",
  "data.json": "application/json",
  "data.parquet": "application/vnd.apache.parquet",
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

/** The options of planRelease. */
export interface PlanOptions {
  /** Streams the data files into a temporary folder of the dataset, and writes data.parquet there. */
  readonly write?: boolean;
  /** Decides the diff and the version only: no files, and a first release renders nothing. */
  readonly summaryOnly?: boolean;
  /**
   * Called, with `write`, once data.csv and data.json are written; data.parquet is written when the
   * promise it returns resolves (not at all if it rejects). From there DuckDB does the work, in a
   * thread of its own, and this thread is free: planAll renders the next dataset meanwhile, and has
   * each Parquet file wait for the one before. Without it, the plan says where it is in the laps
   * (`release`, then `parquet`).
   */
  readonly rendered?: () => Promise<void>;
}

/**
 * Decides what to publish for one dataset: streams data.csv and data.json (into a temporary folder
 * of the dataset with `write`, else only measuring them; with `summaryOnly` the plan has the diff
 * and the version but no files, and a first release renders nothing), diffs the figures against the latest
 * release, picks the semantic version and renders the other files. Figures whose data files hash
 * as the latest version's are unchanged without reading the old version; otherwise the diff reads
 * both by key. When the data and metadata are unchanged but the latest version's files would now
 * render differently (a fixed or new file format), that too is a new PATCH version, with a changelog
 * entry naming the files: a published version is never rewritten.
 */
export async function planRelease(datasetsDir: string, input: DatasetInput, options: PlanOptions = {}): Promise<ReleasePlan> {
  const dataset = input.meta.id;
  const versions = await listVersions(datasetsDir, dataset);
  const latestVersion = versions.at(-1);
  const latest = latestVersion ? await readHead(datasetsDir, dataset, latestVersion) : null;
  let stage: string | undefined;
  const dispose = async () => {
    if (stage) await rm(stage, { recursive: true, force: true });
    stage = undefined;
  };
  try {
    const metadataChanged = latest !== null && latest.manifest.metadata_sha256 !== metadataHash(input.meta);
    const base = { dataset, from: latest?.version ?? null, metaBefore: latest?.meta ?? null, metaAfter: input.meta, metadataChanged };

    if (latest === null) {
      // A first release: version 1.0.0, written in one pass (diff.json lists every figure as added).
      const diff = diffReleases({ ...base, before: [], after: [], added: input.observations.count });
      if (options.summaryOnly) return { dataset, diff, version: "1.0.0", files: new Map(), dispose };
      stage = options.write ? await makeStage(datasetsDir, dataset, "1.0.0") : undefined;
      const data = await renderData(input, stage, "1.0.0", diff);
      return { dataset, diff, version: "1.0.0", files: await versionFiles(input, diff, "1.0.0", data, stage, options.rendered), dispose };
    }

    // Measured first, written only if a version is due: an unchanged dataset costs one pass.
    const measured = await renderData(input, undefined, latest.version);
    const published = (name: string) => latest.manifest.files.find((f) => f.path === name);
    const sameData = [["data.csv", measured.csv] as const, ["data.json", measured.json] as const].every(
      ([name, body]) => published(name)?.sha256 === body.sha256 && published(name)?.bytes === body.bytes,
    );
    let diff = sameData ? diffReleases({ ...base, before: [], after: [] }) : await diffRows({ ...base, before: versionRows(datasetsDir, latest), after: input.observations });
    let version = nextVersion(diff);
    if (version === null) {
      const differing = sameData ? [] : ["data.csv", "data.json"];
      // data.parquet is DuckDB's rendering of data.csv: it must be there, but its bytes follow the
      // writer's build, so a new DuckDB alone does not republish a version (docs/parquet.md).
      if (!published("data.parquet")) differing.push("data.parquet");
      const parquet = published("data.parquet");
      const again = renderSmallFiles(input, latest.version, measured.csv, measured.json, parquet && { path: undefined, bytes: parquet.bytes, sha256: parquet.sha256 });
      for (const name of CONTENT_FILES) {
        const content = again.get(name);
        if (content === undefined) continue;
        const onDisk = await readFile(join(datasetsDir, dataset, latest.version, name)).catch(() => undefined);
        if (!onDisk || !sameBytes(onDisk, content)) differing.push(name);
      }
      if (differing.length > 0) {
        const added = differing.filter((name) => !published(name));
        const changed = differing.filter((name) => published(name));
        const reasons = [
          ...(changed.length ? [`files of ${latest.version} now render differently and are republished: ${changed.join(", ")}`] : []),
          ...(added.length ? [`a new file format: ${added.join(", ")} (${latest.version} has none), the same figures`] : []),
        ];
        diff = { ...diff, change: "patch", reasons };
        version = nextVersion(diff);
      }
    }
    if (version === null) return { dataset, diff, version, files: new Map(), dispose };
    if (options.summaryOnly) return { dataset, diff, version, files: new Map(), dispose };
    if (!options.write) return { dataset, diff, version, files: await versionFiles(input, diff, version, measured, undefined), dispose };
    stage = await makeStage(datasetsDir, dataset, version);
    const data = await renderData(input, stage, version);
    return { dataset, diff, version, files: await versionFiles(input, diff, version, data, stage, options.rendered), dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

interface RenderedData {
  /**
   * Syncs the streamed files to disk, in the file system's threads, and closes them: awaited (with a
   * stage) before they are published. Every file is closed when it settles, failed or not.
   */
  sync(): Promise<void>;
  readonly csv: SpooledFile;
  /** What data.csv holds, for the Parquet writer. */
  readonly csvShape: CsvShape;
  readonly json: SpooledFile;
  /** diff.json of a first release, streamed with the data. */
  readonly diffJson?: SpooledFile;
}

/** A temporary folder of the dataset for the files of a version being written. */
async function makeStage(datasetsDir: string, dataset: string, version: string): Promise<string> {
  try {
    await mkdir(join(datasetsDir, dataset), { recursive: true });
    await publishStep("mkdir", join(datasetsDir, dataset, `${TMP_PREFIX}stage-`));
    return await mkdtemp(join(datasetsDir, dataset, `${TMP_PREFIX}stage-`));
  } catch (e) {
    throw publishFault(e, join(datasetsDir, dataset, version), `Nothing of ${version} was published, and every version published before is intact.`);
  }
}

/**
 * Streams data.csv and data.json (and, for a first release, diff.json) into the stage, or only
 * measures them without one.
 */
async function renderData(input: DatasetInput, stage: string | undefined, version: string, initial?: DatasetDiff): Promise<RenderedData> {
  const sinks: FileSink[] = [];
  const sink = async (name: string) => {
    if (stage) await publishStep("write", join(stage, name));
    const s = new FileSink(stage && join(stage, name));
    sinks.push(s);
    return s;
  };
  try {
    const csv = await sink("data.csv");
    const json = await sink("data.json");
    const diff = initial && (await sink("diff.json"));
    const [head, tail] = initial ? renderDiffJsonParts(initial, version) : ["", ""];
    diff?.write(head);
    const statuses = new Set<string>();
    const csvShape = await streamDataFiles(input.observations, csv, json, (o, i) => {
      statuses.add(o.obs_status);
      diff?.write(diffJsonAdded(o, i));
    });
    if (csvShape.records !== input.observations.count) throw new Error(`${input.meta.id}: ${csvShape.records} rows streamed, ${input.observations.count} announced`);
    diff?.write(tail);
    // Synced later, in the file system's threads, while data.parquet is written (versionFiles).
    // A file whose sync fails is closed, not removed: DuckDB may be reading data.csv.
    const syncOne = (s: FileSink) => s.sync(s.path === undefined ? undefined : () => publishStep("fsync", s.path!));
    const sync = async () => {
      const failed = (await Promise.allSettled(sinks.map(syncOne))).find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    };
    const data = { sync, csv: csv.end(), csvShape, json: json.end(), ...(diff ? { diffJson: diff.end() } : {}) };
    // What readStatuses would read back from this data.json, should it be published.
    statusCache.set(statusKey(input.meta.id, version, data.json.sha256), statuses);
    return data;
  } catch (e) {
    for (const s of sinks) s.abandon();
    throw stage ? publishFault(e, join(stage, ".."), `Nothing of ${version} was published, and every version published before is intact.`) : e;
  }
}

/**
 * Every file of a version: the streamed data, data.parquet (when written, in `stage`, once
 * `rendered` lets it), and the rest in memory.
 */
async function versionFiles(input: DatasetInput, diff: DatasetDiff, version: string, data: RenderedData, stage: string | undefined, rendered?: () => Promise<void>): Promise<Map<string, FileBody>> {
  let parquet: SpooledFile | undefined;
  if (stage) {
    const path = join(stage, "data.parquet");
    // The streamed files reach the disk in the file system's threads, while this thread goes on.
    const synced = data.sync();
    // Taken below; until then a failure is not one that nobody handles.
    synced.catch(() => undefined);
    try {
      if (rendered) await rendered();
      else lap(`release ${input.meta.id}`);
      // data.csv was just rendered here: its records and longest record are known, not scanned for.
      await writeParquet(join(stage, "data.csv"), path, { dataset: input.meta.id, version }, { shape: data.csvShape });
    } finally {
      // The streamed files are closed before the plan goes on, or is disposed of after a failure.
      await Promise.allSettled([synced]);
    }
    try {
      await synced;
      await syncFile(path);
    } catch (e) {
      throw publishFault(e, join(stage, ".."), `Nothing of ${version} was published, and every version published before is intact.`);
    }
    if (!rendered) lap(`parquet ${input.meta.id}`);
    parquet = { path, ...(await hashFile(path)) };
  }
  const files = renderSmallFiles(input, version, data.csv, data.json, parquet);
  files.set("data.csv", data.csv);
  files.set("data.json", data.json);
  if (parquet) files.set("data.parquet", parquet);
  files.set("diff.json", data.diffJson ?? renderDiffJson(diff, version));
  files.set("diff.md", renderDiffMarkdown(diff, version, input.meta));
  files.set("changelog.md", renderChangelogEntry(diff, version, input));
  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
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
    observations: input.observations.count,
    periods: [...input.observations.periods],
    files: [...sorted.keys()].map((name) => ({
      path: name,
      bytes: bodyBytes(sorted.get(name)!),
      sha256: sha256Hex(sorted.get(name)!),
      media_type: MEDIA_TYPES[name] ?? "application/octet-stream",
    })),
  };
  sorted.set("release.json", `${JSON.stringify(manifest, null, 2)}\n`);
  sorted.set("SHA256SUMS", renderSha256Sums(sorted));
  return sorted;
}

/** The files of a version that are functions of its figures and metadata alone, rendered in memory. */
function renderSmallFiles(input: DatasetInput, version: string, csv: FileBody, json: FileBody, parquet: SpooledFile | undefined): Map<string, FileBody> {
  const files = new Map<string, FileBody>();
  files.set("metadata.json", `${JSON.stringify(input.meta, null, 2)}\n`);
  files.set("report.json", `${JSON.stringify({ valid: !input.issues.some((i) => i.severity === "error"), issues: input.issues }, null, 2)}\n`);
  files.set("datapackage.json", `${JSON.stringify(buildDatapackage({ input, version, periods: input.observations.periods, csv, json, ...(parquet ? { parquet } : {}) }), null, 2)}\n`);
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

/**
 * Writes a planned version (planned with `write`) into datasets/<dataset>/<version>/ at once; never
 * over an existing one. What planning set aside is removed whether or not the write succeeds.
 */
export async function writeRelease(datasetsDir: string, plan: ReleasePlan): Promise<string | null> {
  try {
    if (plan.version === null) return null;
    const target = join(datasetsDir, plan.dataset, plan.version);
    await writeFolderAtomic(target, plan.files);
    return target;
  } finally {
    await plan.dispose();
  }
}


