import { INPUT_OBSERVATION_COLUMNS } from "@langson-open-data/schemas";
import { stringify } from "csv-stringify/sync";
import type { Candidate } from "./extract.js";

/** The columns of a pipeline's observations.csv, in its order: a reviewer pastes these. */
export const INPUT_COLUMNS = INPUT_OBSERVATION_COLUMNS as readonly (keyof Candidate)[];

/** Every column of a candidate: the observations.csv columns first, then what the extractor resolved. */
export const CANDIDATE_COLUMNS: readonly (keyof Candidate)[] = [
  ...INPUT_COLUMNS,
  "value",
  "unit",
  "unit_mult",
  "decimals",
  "time_period",
  "obs_status",
  "basis",
  "context",
  "paste_check",
  "offset",
  "line",
];

/**
 * Candidates as CSV with a header row (RFC 4180, LF line ends).
 *
 * @example
 * candidatesToCsv(extract(text).candidates, INPUT_COLUMNS) // rows to paste under observations.csv's header
 */
export function candidatesToCsv(candidates: readonly Candidate[], columns: readonly (keyof Candidate)[] = CANDIDATE_COLUMNS): string {
  return stringify(
    candidates.map((c) => Object.fromEntries(columns.map((k) => [k, c[k]]))),
    { header: true, columns: columns.map((k) => ({ key: k, header: k })), record_delimiter: "unix" },
  );
}
