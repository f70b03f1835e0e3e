import type { Observation } from "@langson-open-data/schemas";
import fc from "fast-check";

/**
 * Rows with `cell` in every text column and small integers in unit_mult and decimals: any text, as a
 * renderer must escape or quote it, not only what the contract allows (the cast says so).
 */
export function arbitraryRow(cell: fc.Arbitrary<string>): fc.Arbitrary<Observation> {
  return fc
    .record({
      dataset: cell,
      indicator: cell,
      measure: cell,
      ref_area: cell,
      time_period: cell,
      value: cell,
      unit: cell,
      unit_mult: fc.integer({ min: -30, max: 30 }),
      decimals: fc.integer({ min: 0, max: 10 }),
      obs_status: cell,
      source: cell,
      origin: cell,
      quote: cell,
      note: cell,
    })
    .map((o) => o as unknown as Observation);
}
