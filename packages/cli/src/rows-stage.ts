import { type Correction, INPUT_OBSERVATION_COLUMNS, type InputObservation, type Issue, type Observation } from "@langson-open-data/schemas";
import { readCsvBatches } from "@langson-open-data/ingest";
import { applyCorrection, correctionKey, normalizeObservation } from "@langson-open-data/normalize";
import { validateValue } from "@langson-open-data/validate";

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
  /** The corrections that passed their own checks, with where each was read. */
  readonly corrections: readonly { readonly correction: Correction; readonly file: string; readonly row: number }[];
}

/** The figure a row quotes, for the quote check that follows the stage. */
export interface QuotedCells {
  readonly source: string;
  readonly valueText: string;
  readonly unitText: string;
  readonly quote: string;
}

/**
 * One row of observations.csv after the stage. `quoted` is there when the row passed the input
 * schema (its quote is checked next); `obs` when it was also normalized (it is checked against the
 * observation schema next). `issues` are the row's own findings of the stage, in the
 * order they were raised, after those of its quote.
 */
export interface StagedRow {
  readonly row: number;
  readonly issues: readonly Issue[];
  readonly quoted?: QuotedCells;
  readonly obs?: Observation;
}

/** The rows of one batch of the CSV, the reader's own findings raised meanwhile, and how many rows were read. */
export interface StagedBatch {
  readonly read: number;
  readonly rows: StagedRow[];
  readonly issues: Issue[];
}

const NONE: readonly Issue[] = [];

/**
 * The row stage of a pipeline: read observations.csv → the input schema (ajv) → normalize →
 * corrections, in input order. The quote check and the observation schema follow in the main
 * thread (loadPipeline), with the checks that need every row. Returns the corrections no row matched.
 */
export async function* stageRows(input: RowStageInput): AsyncGenerator<StagedBatch, RowStageInput["corrections"]> {
  const indicators = new Map(input.indicators.map(([code, dataset, nature]) => [code, { dataset, nature }]));
  const pending = new Map(input.corrections.map((c) => [correctionKey(c.correction), c]));
  const file = input.file;
  // The reader's findings (a malformed file or header), handed on with the next batch.
  const issues: Issue[] = [];
  for await (const batch of readCsvBatches(input.path, { file, columns: INPUT_OBSERVATION_COLUMNS, issues })) {
    const rows: StagedRow[] = [];
    for (const { row, record } of batch) {
      const where = { file, row };
      const rowIssues = validateValue("input-observation", record, where);
      if (rowIssues.length) {
        rows.push({ row, issues: rowIssues });
        continue;
      }
      const cells = record as unknown as InputObservation;
      const quoted: QuotedCells = { source: cells.source, valueText: cells.value_text, unitText: cells.unit_text, quote: cells.quote };
      const declared = indicators.get(cells.indicator);
      if (!declared) {
        const issue: Issue = {
          code: "indicator-unknown",
          severity: "error",
          message: `indicator ${cells.indicator} is not declared in any dataset of pipeline.json`,
          location: { ...where, column: "indicator" },
          expected: "an indicator code declared in pipeline.json",
          found: cells.indicator,
        };
        rows.push({ row, issues: [issue], quoted });
        continue;
      }
      const normalized = normalizeObservation(cells, { dataset: declared.dataset, nature: declared.nature, referenceYear: input.referenceYear });
      if (!normalized.ok) {
        const { column, ...problem } = normalized.error;
        rows.push({ row, issues: [{ ...problem, severity: "error", location: { ...where, column } }], quoted });
        continue;
      }
      let obs: Observation = normalized.value;
      let found = NONE;
      const correction = pending.size > 0 ? pending.get(correctionKey(obs)) : undefined;
      if (correction) {
        pending.delete(correctionKey(obs));
        const applied = applyCorrection(obs, correction.correction);
        if (!applied.ok) {
          const { column, ...problem } = applied.error;
          found = [{ ...problem, severity: "error", location: { file: correction.file, row: correction.row, column } }];
        } else obs = applied.value;
      }
      rows.push({ row, issues: found, quoted, obs });
    }
    yield { read: batch.length, rows, issues: issues.splice(0) };
  }
  if (issues.length) yield { read: 0, rows: [], issues: issues.splice(0) };
  return [...pending.values()];
}
