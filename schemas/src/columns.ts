import type { Observation } from "./contract.js";

/**
 * The published columns, in their public order: data.csv's header, data.json's keys. contract.ts
 * holds the zod schema to them when it loads; they live apart so that code that only writes rows
 * (a thread that renders index files, say) does not load zod.
 */
export const OBSERVATION_COLUMNS: readonly (keyof Observation)[] = [
  "dataset",
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
  "origin",
  "quote",
  "note",
];
