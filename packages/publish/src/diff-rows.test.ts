import type { DatasetMetadata, Observation } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffReleases, diffRows } from "./diff.js";
import { rowsOf } from "./rows.js";

const meta = { id: "d", indicators: [{ code: "A", unit: "USD" }, { code: "B", unit: "USD" }] } as unknown as DatasetMetadata;

const figure = (indicator: string, period: string, value: string, unit: Observation["unit"]): Observation => ({
  dataset: "d",
  indicator,
  measure: "LEVEL",
  ref_area: "VN-09",
  time_period: period,
  value,
  unit,
  unit_mult: 6,
  decimals: 0,
  obs_status: "E",
  source: "s",
  origin: "stated",
  quote: `${value} triệu`,
  note: "",
});

/** A version: figures with unique keys, in any order. */
const version = fc
  .uniqueArray(fc.tuple(fc.constantFrom("A", "B", "A_B", "AB"), fc.constantFrom("2023", "2023-Q1", "2023-01/2023-09", "2022")), { selector: ([i, p]) => `${i}|${p}`, maxLength: 12 })
  .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.tuple(fc.constantFrom("1", "2", "30"), fc.constantFrom<Observation["unit"][]>("USD", "VND")), { minLength: keys.length, maxLength: keys.length })))
  .map(([keys, values]) => keys.map(([i, p], k) => figure(i, p, values[k]![0], values[k]![1])));

describe("diffRows", () => {
  it("gives diffReleases' diff, lists in the same order, for any two versions", async () => {
    await fc.assert(
      fc.asyncProperty(version, version, async (before, after) => {
        const args = { dataset: "d", from: "1.0.0", metaBefore: meta, metaAfter: meta, metadataChanged: false };
        expect(await diffRows({ ...args, before: rowsOf(before), after: rowsOf(after) })).toEqual(diffReleases({ ...args, before, after }));
      }),
      { numRuns: 300 },
    );
  });
});
