/**
 * Finds the figures of a Vietnamese socio-economic report (plain text or HTML) and proposes them as
 * rows for a pipeline's observations.csv, each with the verbatim quote that states it. Numbers, units,
 * comparisons, periods and statuses are read by the normalizer, so a candidate reads back to the same
 * value when the pipeline normalizes it.
 */
export { extract, ExtractInvariantError } from "./extract.js";
export type { Candidate, Extraction, ExtractOptions, ReportHeading } from "./extract.js";
export { CANDIDATE_MEASURES } from "./_scan.js";
export type { Basis, CandidateMeasure, SkippedNumber } from "./_scan.js";
export { decodeEntities, htmlToText, looksLikeHtml } from "./html.js";
export { INDICATOR_SYNONYMS, IndicatorMatcher, indicatorRegistry } from "./indicators.js";
export type { IndicatorEntry, MatchInput } from "./indicators.js";
export { CANDIDATE_COLUMNS, INPUT_COLUMNS, candidatesToCsv } from "./columns.js";
export { periodWords } from "./period.js";
export { scoreCandidates } from "./score.js";
export type { Score, ScoredRow } from "./score.js";
export { runCli } from "./cli.js";
export type { CliIo } from "./cli.js";
