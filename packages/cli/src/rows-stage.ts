import {
  type Correction,
  INPUT_OBSERVATION_COLUMNS,
  type InputObservation,
  type Issue,
  type Observation,
} from "@langson-open-data/schemas";
import { SnapshotStore, readCsvBatches } from "@langson-open-data/ingest";
import { applyCorrection, correctionKey, normalizeObservation } from "@langson-open-data/normalize";
import { observationJson } from "@langson-open-data/publish";
import { checkQuote, validateValue } from "@langson-open-data/validate";

/**
 * What the row stage of a pipeline needs, as plain data: it runs in the main thread or, for a large
 * observations.csv, in a thread of its own (rows-thread.ts), which gets this by message.
 */
export interface RowStageInput {
  /** observations.csv, and its name as findings show it. */
  readonly path: string;
  readonly file: string;
  readonly referenceYear: number;
  /** Every declared indicator: code, dataset id, nature. */
  readonly indicators: readonly (readonly [code: string, dataset: string, nature: string])[];
  /** The snapshots loadSnapshots verified (SnapshotStore.verifiedEntries), and their folder. */
  readonly sourcesDir: string;
  readonly snapshots: ReturnType<SnapshotStore["verifiedEntries"]>;
  /** The corrections that passed their own checks, with where each was read. */
  readonly corrections: readonly { readonly correction: Correction; readonly file: string; readonly row: number }[];
}

/** A row that passed the row stage: its canonical observation, as JSON too (one line of the spool). */
export interface StagedRow {
  readonly obs: Observation;
  readonly json: string;
  readonly row: number;
  readonly valueText: string;
  readonly unitText: string;
}

/** The rows of one batch of the CSV that passed, every finding raised meanwhile in order, and how many rows were read. */
export interface StagedBatch {
  readonly read: number;
  readonly rows: StagedRow[];
  readonly issues: Issue[];
}

/**
 * The row stage of a pipeline: read observations.csv → the input schema (ajv) → the quote in its
 * snapshot → normalize → corrections → the observation schema. What comes out is what the checks
 * and the spools take in, in input order; the findings come in the order they were raised. Returns
 * the corrections no row matched.
 */
export async function* stageRows(input: RowStageInput): AsyncGenerator<StagedBatch, RowStageInput["corrections"]> {
  const snapshots = new SnapshotStore(input.sourcesDir, new Map(input.snapshots));
  const indicators = new Map(input.indicators.map(([code, dataset, nature]) => [code, { dataset, nature }]));
  const pending = new Map(input.corrections.map((c) => [correctionKey(c.correction), c]));
  const file = input.file;
  // Findings of the reader and of the rows, handed on with the next batch.
  const issues: Issue[] = [];
  // Rows come grouped by source: the snapshot of the current rows is kept at hand.
  let snapshotId: string | undefined;
  let snapshotText: string | undefined;
  for await (const batch of readCsvBatches(input.path, { file, columns: INPUT_OBSERVATION_COLUMNS, issues })) {
    const rows: StagedRow[] = [];
    for (const { row, record } of batch) {
      const where = { file, row };
      const rowIssues = validateValue("input-observation", record, where);
      if (rowIssues.length) {
        issues.push(...rowIssues);
        continue;
      }
      const obsInput = record as unknown as InputObservation;
      if (obsInput.source !== snapshotId) {
        snapshotId = obsInput.source;
        snapshotText = (await snapshots.get(obsInput.source))?.text;
      }
      issues.push(
        ...checkQuote({ file, row, source: obsInput.source, valueText: obsInput.value_text, unitText: obsInput.unit_text, quote: obsInput.quote }, snapshotText),
      );
      const declared = indicators.get(obsInput.indicator);
      if (!declared) {
        issues.push({
          code: "indicator-unknown",
          severity: "error",
          message: `indicator ${obsInput.indicator} is not declared in any dataset of pipeline.json`,
          location: { ...where, column: "indicator" },
          expected: "an indicator code declared in pipeline.json",
          found: obsInput.indicator,
        });
        continue;
      }
      const normalized = normalizeObservation(obsInput, { dataset: declared.dataset, nature: declared.nature, referenceYear: input.referenceYear });
      if (!normalized.ok) {
        const { column, ...problem } = normalized.error;
        issues.push({ ...problem, severity: "error", location: { ...where, column } });
        continue;
      }
      let obs: Observation = normalized.value;
      const correction = pending.size > 0 ? pending.get(correctionKey(obs)) : undefined;
      if (correction) {
        pending.delete(correctionKey(obs));
        const applied = applyCorrection(obs, correction.correction);
        if (!applied.ok) {
          const { column, ...problem } = applied.error;
          issues.push({ ...problem, severity: "error", location: { file: correction.file, row: correction.row, column } });
        } else obs = applied.value;
      }
      const obsIssues = validateValue("observation", obs, { ...where, indicator: obs.indicator, measure: obs.measure, period: obs.time_period });
      if (obsIssues.length) {
        issues.push(...obsIssues);
        continue;
      }
      rows.push({ obs, json: observationJson(obs), row, valueText: obsInput.value_text, unitText: obsInput.unit_text });
    }
    yield { read: batch.length, rows, issues: issues.splice(0) };
  }
  if (issues.length) yield { read: 0, rows: [], issues: issues.splice(0) };
  return [...pending.values()];
}
