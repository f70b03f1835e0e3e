import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PipelineFile } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { type RowStageInput, type StagedRow, stageRows } from "./rows-stage.js";

// The province's own pipeline, as loadPipeline hands it to the stage.
const dir = join(import.meta.dirname, "../../../pipelines/lang-son");
const pipeline = JSON.parse(readFileSync(join(dir, "pipeline.json"), "utf8")) as PipelineFile;
const input = (): RowStageInput => ({
  path: join(dir, "observations.csv"),
  file: "pipelines/lang-son/observations.csv",
  referenceYear: pipeline.reference_year,
  indicators: pipeline.datasets.flatMap((d) => d.indicators.map((i) => [i.code, d.id, i.nature] as const)),
  corrections: [],
});

async function staged(i: RowStageInput): Promise<StagedRow[]> {
  const rows: StagedRow[] = [];
  for await (const batch of stageRows(i)) rows.push(...batch.rows);
  return rows;
}

describe("stageRows on the province's observations.csv", () => {
  it("hands on every row normalized, each with its quoted cells", async () => {
    const rows = await staged(input());
    expect(rows.length).toBe(readFileSync(join(dir, "observations.csv"), "utf8").trimEnd().split("\n").length - 1);
    expect(rows.every((r) => r.obs && r.quoted && r.issues.length === 0)).toBe(true);
    expect(rows[1]!.obs).toMatchObject({ dataset: "lang-son-trade", indicator: "TRADE_TOTAL", value: "640000000", unit: "USD" });
  });
});
