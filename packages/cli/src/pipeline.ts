import { rmSync } from "node:fs";
import { access, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import {
  CORRECTION_COLUMNS,
  type Correction,
  type Issue,
  type JsonSchemaName,
  type PipelineFile,
  type SourceRecord,
  type SourcesFile,
} from "@langson-open-data/schemas";
import { type SnapshotStore, loadSnapshots, readCsv, readJsonFile } from "@langson-open-data/ingest";
import { ObservationSpool, lap } from "@langson-open-data/publish";
import { applyCorrection, correctionKey } from "@langson-open-data/normalize";
import {
  type CheckedObservation,
  type FigureRow,
  IssueList,
  buildContext,
  checkDeclarations,
  checkQuote,
  bucketClaims,
  createChecks,
  sharedSeriesFindings,
  validateValue,
} from "@langson-open-data/validate";
import { NO_END, rowStage, rowsThread } from "./threads.js";

/** One pipeline read, checked and normalized: everything publishing needs, and what was found. */
export interface LoadedPipeline {
  readonly id: string;
  readonly dir: string;
  readonly pipeline: PipelineFile | undefined;
  readonly sources: readonly SourceRecord[];
  /**
   * Canonical observations by dataset id, set aside on disk as they were checked, in input order,
   * corrections applied and source precedence resolved (one figure per key).
   */
  readonly observations: ReadonlyMap<string, ObservationSpool>;
  /** Observations that passed every row check, before precedence. */
  readonly checked: number;
  readonly corrections: readonly Correction[];
  readonly issues: readonly Issue[];
  readonly rows: number;
  /** Whether its row stage ran in a thread of its own: the input is large (see rowStage). */
  readonly threaded: boolean;
  /** Removes what the pipeline set aside on disk. */
  dispose(): void;
}

/** Pipelines are the folders of pipelines/ that hold a pipeline.json, in name order. */
export async function discoverPipelines(root: string): Promise<string[]> {
  const dir = join(root, "pipelines");
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith(".")) continue;
    const names = await readdir(join(dir, e.name));
    if (names.includes("pipeline.json")) found.push(join(dir, e.name));
  }
  return found.sort();
}

/**
 * ingest → validate (JSON Schema) → normalize → validate (observation schema, quotes, rules), for one
 * pipeline. Rows stream through; the rule checks keep only what their rules need.
 */
export async function loadPipeline(root: string, dir: string): Promise<LoadedPipeline> {
  const issues = new IssueList();
  const rel = (p: string) => relative(root, p).split("\\").join("/");
  const pipelineFile = rel(join(dir, "pipeline.json"));
  const empty = (id: string): LoadedPipeline => ({ id, dir, pipeline: undefined, sources: [], observations: new Map(), checked: 0, corrections: [], issues, rows: 0, threaded: false, dispose: () => undefined });

  const pipeline = await readSchemaFile<PipelineFile>(join(dir, "pipeline.json"), pipelineFile, "pipeline", issues);
  if (pipeline === undefined) return empty(rel(dir));
  issues.push(...checkDeclarations(pipeline.datasets, pipeline.rules, pipelineFile));

  const sourcesFile = rel(join(dir, "sources", "sources.json"));
  const sources = (await readSchemaFile<SourcesFile>(join(dir, "sources", "sources.json"), sourcesFile, "sources", issues))?.sources ?? [];
  const snapshots = await loadSnapshots(join(dir, "sources"), rel(join(dir, "sources")), sources, issues);

  const ctx = buildContext(pipeline.datasets, pipeline.rules, pipelineFile);
  const observations = new Map(pipeline.datasets.map((d) => [d.id, new ObservationSpool(d.id)]));
  // Source precedence takes each figure several rows give from the rows check's spill, at its end.
  const bySource = new Map(sources.map((s) => [s.id, s]));
  const checks = createChecks(ctx, { figures: (rows) => resolveFigure(rows, bySource, observations) });

  const corrections = await readCorrections(join(dir, "corrections.csv"), rel(join(dir, "corrections.csv")), snapshots, issues);

  const indicators = new Map<string, readonly [string, string, string]>();
  for (const d of pipeline.datasets) for (const i of d.indicators) if (!indicators.has(i.code)) indicators.set(i.code, [i.code, d.id, i.nature]);
  // The row stage (read, the input schema, normalize, corrections), in a thread of its own for a large
  // file; here each row's quote is checked in its snapshot, the observation against its schema, and
  // the rows that pass are spooled and checked. A row's findings come in the order of those steps.
  const observationsFile = rel(join(dir, "observations.csv"));
  const thread = rowsThread(join(dir, "observations.csv"));
  const stage = rowStage(
    {
      path: join(dir, "observations.csv"),
      file: observationsFile,
      referenceYear: pipeline.reference_year,
      indicators: [...indicators.values()],
      corrections,
    },
    thread,
  );
  lap(`setup ${pipeline.id}`);
  let rows = 0;
  let checkedRows = 0;
  let unmatched: Awaited<ReturnType<typeof stage.next>>;
  // Datasets with figures left out for want of their source's snapshot: not "empty", only untraced.
  const untraced = new Set<string>();
  // Rows come grouped by source: the snapshot of the current rows is kept at hand.
  let snapshotId: string | undefined;
  let snapshotText: string | undefined;
  try {
    for (unmatched = await stage.next(); !unmatched.done; unmatched = await stage.next()) {
      const batch = unmatched.value;
      rows += batch.read;
      issues.push(...batch.issues);
      for (const { row, issues: found, quoted, obs } of batch.rows) {
        if (quoted) {
          if (quoted.source !== snapshotId) {
            snapshotId = quoted.source;
            snapshotText = (await snapshots.get(quoted.source))?.text;
          }
          issues.push(...checkQuote({ file: observationsFile, row, ...quoted }, snapshotText));
        }
        issues.push(...found);
        if (!obs) continue;
        const obsIssues = validateValue("observation", obs, { file: observationsFile, row, indicator: obs.indicator, measure: obs.measure, period: obs.time_period });
        if (obsIssues.length) {
          issues.push(...obsIssues);
          continue;
        }
        // A figure whose source is unknown (or whose snapshot could not be read) cannot be traced,
        // and the quote check said so: it is neither spooled nor checked further. What the spool
        // and the checks keep per source (the sources a dataset cites, the names of its spills)
        // then stays within sources.json, whatever a file names.
        if (snapshotText === undefined) {
          untraced.add(obs.dataset);
          continue;
        }
        const position = observations.get(obs.dataset)!.append(obs);
        const checked: CheckedObservation = { obs, file: observationsFile, row, valueText: quoted!.valueText, unitText: quoted!.unitText, position };
        checkedRows++;
        for (const c of checks) c.row?.(checked);
      }
    }
    lap(`rows ${pipeline.id}`);
    const end = unmatched.value;
    try {
      // With a rows thread, idle now, the series checks' end (the costliest) starts there, over the
      // spill their check hands over, beside precedence and the other checks here; then this thread
      // takes its share of the spill's buckets too. Their findings are taken in their turn, last.
      const series = checks.find((c) => c.id === "series");
      const spillDir = end.seriesEnd ? series?.handOver?.() : undefined;
      const claims = bucketClaims();
      const seriesThere = spillDir === undefined ? undefined : end.seriesEnd!(spillDir, claims.shared, { datasets: pipeline.datasets, rules: pipeline.rules, file: pipelineFile, names: ctx.names.texts() });
      // Taken in its turn below; until then a failure is not one that nobody handles.
      seriesThere?.catch(() => undefined);
      if (!seriesThere) await end.release();
      try {
        for (const c of end.unmatched) {
          const applied = applyCorrection(undefined, c.correction);
          if (!applied.ok) {
            const { column, ...problem } = applied.error;
            issues.push({ ...problem, severity: "error", location: { file: c.file, row: c.row, column } });
          }
        }
        for (const c of checks) {
          issues.absorb(c === series && seriesThere ? await sharedSeriesFindings(ctx, spillDir!, claims.claim, seriesThere) : c.end());
          lap(`check ${c.id} ${pipeline.id}${c === series && seriesThere ? " with-rows-thread" : ""}`);
        }
      } finally {
        if (spillDir !== undefined) rmSync(spillDir, { recursive: true, force: true });
      }
    } finally {
      await end.release();
    }
  } catch (e) {
    // Nothing set aside on disk outlives a run that fails.
    await stage.return(NO_END).catch(() => undefined);
    for (const spool of observations.values()) spool.dispose();
    for (const c of checks) c.dispose?.();
    throw e;
  }
  for (const d of pipeline.datasets) {
    if (observations.get(d.id)!.count === 0 && !untraced.has(d.id)) {
      issues.push({ code: "dataset-empty", severity: "warning", message: `dataset ${d.id} has no observations yet; it is not released`, location: { file: pipelineFile, dataset: d.id } });
    }
  }
  return {
    id: pipeline.id,
    dir,
    pipeline,
    sources,
    observations,
    checked: checkedRows,
    corrections: corrections.map((c) => c.correction),
    issues,
    rows,
    threaded: thread !== undefined,
    dispose: () => {
      for (const spool of observations.values()) spool.dispose();
    },
  };
}

/**
 * A JSON file of the pipeline (`file` as findings name it), read and checked against its committed
 * schema: the value when it is one, or undefined after the findings of why not went to `issues`.
 */
export async function readSchemaFile<T>(path: string, file: string, schema: JsonSchemaName, issues: Issue[]): Promise<T | undefined> {
  const raw = await readJsonFile(path, file, issues);
  if (raw === undefined) return undefined;
  const found = validateValue(schema, raw, { file });
  issues.push(...found);
  return found.length ? undefined : (raw as T);
}

interface LocatedCorrection {
  readonly correction: Correction;
  readonly file: string;
  readonly row: number;
}

/**
 * Rows of corrections.csv read at most. Each correction is a hand-made fix of one published figure,
 * kept in memory until its row comes by (~1 KB each); a file of millions of them would fill memory
 * before a figure was read. The lists of sources.json and pipeline.json stop at 1 000 and 10 000 items.
 */
export const MAX_CORRECTIONS = 10_000;

/**
 * The rows of corrections.csv, up to MAX_CORRECTIONS: the first row past them gets a finding and is
 * not read, nor is any after it. None when there is no corrections.csv: a pipeline without one
 * simply has no corrections yet. `check` and `validate` both read the file through this.
 */
export async function* correctionRows(path: string, file: string, issues: Issue[]): AsyncGenerator<{ row: number; record: Record<string, string> }> {
  if (!(await access(path).then(() => true, () => false))) return;
  let read = 0;
  for await (const { row, record } of readCsv(path, { file, columns: CORRECTION_COLUMNS, issues })) {
    if (++read > MAX_CORRECTIONS) {
      issues.push({
        code: "corrections-too-many",
        severity: "error",
        message: `corrections.csv has more than ${MAX_CORRECTIONS} corrections; the rows from here on were not read. A correction fixes one published figure: restate a whole report as a new source instead`,
        location: { file, row },
        expected: `at most ${MAX_CORRECTIONS} corrections`,
      });
      return;
    }
    yield { row, record };
  }
}

/** corrections.csv: each row schema-checked, its evidence quote found in its snapshot (or a reference given). */
async function readCorrections(path: string, file: string, snapshots: SnapshotStore, issues: Issue[]): Promise<LocatedCorrection[]> {
  const out: LocatedCorrection[] = [];
  const seen = new Map<string, number>();
  for await (const { row, record } of correctionRows(path, file, issues)) {
    const rowIssues = validateValue("correction", record, { file, row });
    if (rowIssues.length) {
      issues.push(...rowIssues);
      continue;
    }
    const c = record as unknown as Correction;
    const key = correctionKey(c);
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        code: "correction-duplicate",
        severity: "error",
        message: `a second correction of ${c.indicator} ${c.measure} ${c.time_period} from ${c.source}; the first is row ${first}. Merge them into one`,
        location: { file, row },
        found: `rows ${first} and ${row}`,
      });
      continue;
    }
    seen.set(key, row);
    if (c.evidence_source) {
      issues.push(
        ...checkQuote(
          { file, row, source: c.evidence_source, valueText: c.value_text, unitText: c.unit_text, quote: c.evidence_quote },
          (await snapshots.get(c.evidence_source))?.text,
        ).map((i) => ({ ...i, location: { ...i.location, column: i.location.column === "quote" ? "evidence_quote" : i.location.column } })),
      );
    } else if (!c.evidence_reference) {
      issues.push({
        code: "correction-no-evidence",
        severity: "error",
        message: "a correction needs evidence: a source id with a verbatim quote (evidence_source, evidence_quote), or a document reference (evidence_reference)",
        location: { file, row, column: "evidence_reference" },
        expected: "evidence_source + evidence_quote, or evidence_reference",
        found: "neither",
      });
    }
    out.push({ correction: c, file, row });
  }
  return out;
}

const LEVEL_RANK = { official: 0, preliminary: 1, estimated: 2 } as const;

/** Whether source a's figure is published over source b's: official > preliminary > estimated, then newest. */
function outranks(bySource: ReadonlyMap<string, SourceRecord>, a: string, b: string): boolean {
  const sa = bySource.get(a);
  const sb = bySource.get(b);
  if (!sa || !sb) return false;
  return LEVEL_RANK[sa.data_level] < LEVEL_RANK[sb.data_level] || (LEVEL_RANK[sa.data_level] === LEVEL_RANK[sb.data_level] && sa.published > sb.published);
}

/**
 * Source precedence over the spooled datasets, for one figure several rows give (the rows check
 * hands over each, from its spill, at its end): official over preliminary over estimated, then the
 * newest source. The winner is published at the first row's place; every stated figure stays in the
 * vintages of its release.
 */
function resolveFigure(rows: readonly FigureRow[], bySource: ReadonlyMap<string, SourceRecord>, spools: ReadonlyMap<string, ObservationSpool>): void {
  let winner = rows[0]!;
  for (const r of rows.slice(1)) if (outranks(bySource, r.source, winner.source)) winner = r;
  const source = new Map(rows.map((r) => [r.position, r.source]));
  spools.get(winner.dataset)!.resolve(rows.map((r) => r.position), winner.position, (p) => source.get(p)!);
}
