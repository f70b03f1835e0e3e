import type { DatasetMetadata, Observation } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { type CheckedObservation, type FigureRow, buildContext } from "./model.js";
import { rowChecks } from "./rows.js";
import { MAX_NUMBERED } from "../spill.js";

const meta = {
  id: "d",
  indicators: [{ code: "TRADE_TOTAL", unit: "USD", nature: "flow", name: { vi: "-", en: "-" }, definition: { vi: "-", en: "-" } }],
} as unknown as DatasetMetadata;

let position = 0;
const figure = (row: number, period: string, source: string): CheckedObservation => ({
  obs: { dataset: "d", indicator: "TRADE_TOTAL", measure: "LEVEL", ref_area: "VN-09", time_period: period, value: "640000000", unit: "USD", unit_mult: 6, decimals: 0, obs_status: "E", source, origin: "stated", quote: "", note: "" } as Observation,
  file: "observations.csv",
  row,
  valueText: "640",
  unitText: "triệu USD",
  position: position++,
});

describe("the rows check's figure groups", () => {
  it("finds a second row of one source, and hands every figure several rows give to source precedence, in input order", () => {
    const figures: FigureRow[][] = [];
    const check = rowChecks(buildContext([meta], [], "pipeline.json"), { figures: (rows) => figures.push([...rows]) });
    const rows = [
      figure(2, "2023-Q1", "preliminary"),
      figure(3, "2023-Q2", "preliminary"),
      figure(4, "2023-Q1", "official"),
      figure(5, "2023-Q1", "preliminary"),
      figure(6, "2023-Q3", "official"),
    ];
    for (const r of rows) check.row!(r);
    const found = [...check.end()];
    expect(found.map((i) => [i.code, i.location.row, i.found])).toEqual([["duplicate-observation", 5, "rows 2 and 5"]]);
    expect(found[0]!.message).toBe("a second row for TRADE_TOTAL LEVEL VN-09 2023-Q1 from preliminary; the first is row 2");
    // Only 2023-Q1 is given by several rows; the others stand alone and are not handed over.
    expect(figures).toEqual([
      [
        { file: "observations.csv", row: 2, dataset: "d", position: 0, source: "preliminary" },
        { file: "observations.csv", row: 4, dataset: "d", position: 2, source: "official" },
        { file: "observations.csv", row: 5, dataset: "d", position: 3, source: "preliminary" },
      ],
    ]);
    check.dispose?.();
  });

  it("names the sources past Numbered's limit in full, and finds their second rows the same", () => {
    const figures: FigureRow[][] = [];
    const check = rowChecks(buildContext([meta], [], "pipeline.json"), { figures: (rows) => figures.push([...rows]) });
    // A new source on every row: the file and dataset take two numbers, the first sources the rest.
    for (let i = 0; i < MAX_NUMBERED; i++) check.row!(figure(2 + i, `2023-Q${(i % 4) + 1}`, `s-${i}`));
    // Sources spelled out, in a file whose name holds a comma and a percent sign.
    const late = (row: number, source: string) => ({ ...figure(row, "2024-Q1", source), file: "a,b%2C.csv" });
    check.row!(late(9000, "late-one"));
    check.row!(late(9001, "late-two"));
    check.row!(late(9002, "late-one"));
    const found = [...check.end()];
    expect(found.map((i) => [i.code, i.location.file, i.location.row, i.found])).toEqual([["duplicate-observation", "a,b%2C.csv", 9002, "rows 9000 and 9002"]]);
    expect(found[0]!.message).toBe("a second row for TRADE_TOTAL LEVEL VN-09 2024-Q1 from late-one; the first is row 9000");
    // The rows handed over carry their file and row too (as the first test shows).
    const handed = figures.at(-1)! as (FigureRow & { file: string; row: number })[];
    expect(handed.map((r) => [r.file, r.row, r.dataset, r.source])).toEqual([
      ["a,b%2C.csv", 9000, "d", "late-one"],
      ["a,b%2C.csv", 9001, "d", "late-two"],
      ["a,b%2C.csv", 9002, "d", "late-one"],
    ]);
    check.dispose?.();
  });
});
