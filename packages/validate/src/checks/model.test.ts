import type { Observation } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { type CheckedObservation, decodeChecked, encodeChecked } from "./model.js";
import { Numbered } from "../spill.js";

const obs: Observation = {
  dataset: "lang-son-trade",
  indicator: "TRADE_EXPORT",
  measure: "YOY_GROWTH",
  ref_area: "VN-09",
  time_period: "2023-Q1",
  value: "-6.43",
  unit: "PERCENT",
  unit_mult: 0,
  decimals: 2,
  obs_status: "E",
  source: "lang-son-2023-q1",
  origin: "stated",
  quote: 'giảm 6,43% "so cùng kỳ"',
  note: "a note",
};

describe("encodeChecked and decodeChecked", () => {
  it("give back every column the checks read, in the public order, and empty the others", () => {
    const checked: CheckedObservation = { obs, file: "pipelines/x/observations.csv", row: 42, valueText: "6,43", unitText: "%" };
    const names = new Numbered();
    const line = encodeChecked(checked, names);
    // File, unit words, dataset and source by number, as the names were first seen.
    expect(line).not.toContain("observations.csv");
    expect(names.texts()).toEqual(["pipelines/x/observations.csv", "%", "lang-son-trade", "lang-son-2023-q1"]);
    const back = decodeChecked(line, names);
    expect(back).toEqual({ ...checked, obs: { ...obs, obs_status: "", origin: "", quote: "", note: "" } });
    expect(Object.keys(back.obs)).toEqual(Object.keys(obs));
    // Another row, so that the cache of the last encoding is not what answers.
    const other: CheckedObservation = { ...checked, row: 43, unitText: "tỷ đồng", obs: { ...obs, unit_mult: 9, decimals: 1, value: "1689.3", unit: "VND", measure: "LEVEL" } };
    const otherLine = encodeChecked(other, names);
    // Vietnamese unit words by number: the line is ASCII, one byte a character when read back.
    expect(otherLine).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeChecked(otherLine, names)).toMatchObject({ row: 43, unitText: "tỷ đồng", valueText: "6,43" });
    expect(decodeChecked(otherLine, names).obs).toMatchObject({ unit_mult: 9, decimals: 1, value: "1689.3", unit: "VND", measure: "LEVEL", source: "lang-son-2023-q1" });
    // Past the names' limit, what has no number yet is written out, and read back the same.
    const full = new Numbered([], 2);
    const late: CheckedObservation = { ...other, row: 44, unitText: "nghìn lượt", obs: { ...other.obs, source: "bao-cao-2024" } };
    const lateLine = encodeChecked(late, full);
    expect(full.texts()).toEqual(["pipelines/x/observations.csv", "nghìn lượt"]);
    expect(lateLine).toContain('"lang-son-trade"');
    expect(decodeChecked(lateLine, full)).toEqual({ ...late, obs: { ...late.obs, obs_status: "", origin: "", quote: "", note: "" } });
  });
});
