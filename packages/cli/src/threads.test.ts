import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { type Issue, OBSERVATION_COLUMNS, type Observation } from "@langson-open-data/schemas";
import { observationJson } from "@langson-open-data/publish";
import { IssueList, MAX_FINDINGS_PER_CODE } from "@langson-open-data/validate";
import { describe, expect, it } from "vitest";
import type { StagedBatch } from "./rows-stage.js";
import { packBatch, packFindings, unpackBatch, unpackFindings } from "./threads.js";

const finding = (code: string, row: number, dataset = "d"): Issue => ({
  code,
  severity: "error",
  message: `${code} at row ${row}`,
  location: { file: "observations.csv", row, dataset },
});

describe("findings crossing from the rows thread", () => {
  it("are absorbed as the list itself would be: the same findings kept, the same counts left out", () => {
    const list = new IssueList();
    // More than twice the limit of one code, so that the list trims as it goes and counts what it drops.
    for (let row = 2; row < 2 + 2 * MAX_FINDINGS_PER_CODE + 500; row++) list.push(finding("period-flow-shrinks", row));
    list.push(finding("growth-mismatch", 7), finding("growth-mismatch", 3, "e"));
    const packed = packFindings(list);
    // As structured clone would carry it: plain data only.
    const crossed = unpackFindings(structuredClone(packed));
    const direct = new IssueList();
    const viaThread = new IssueList();
    direct.absorb(list);
    viaThread.absorb(crossed);
    expect([...viaThread]).toEqual([...direct]);
    expect([...viaThread.omitted]).toEqual([...direct.omitted]);
    expect(direct.omitted.get("period-flow-shrinks|d")?.count).toBe(MAX_FINDINGS_PER_CODE + 500);
  });
});

describe("rows crossing from the rows thread", () => {
  // Every published observation of the province, as the row stage hands them on.
  const datasets = join(import.meta.dirname, "../../../datasets");
  const published: Observation[] = readdirSync(datasets, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => JSON.parse(readFileSync(join(datasets, e.name, JSON.parse(readFileSync(join(datasets, e.name, "latest.json"), "utf8")).version, "data.json"), "utf8")) as Observation[]);

  it("arrive as the same observations, keys in the public order, beside rows that were not normalized", () => {
    expect(published.length).toBeGreaterThan(50);
    const quoted = (o: Observation) => ({ source: o.source, valueText: "1.689,3", unitText: "tỷ đồng", quote: o.quote });
    const batch: StagedBatch = {
      read: published.length + 2,
      issues: [finding("csv-row-width", 2)],
      rows: [
        { row: 2, issues: [finding("schema", 2)] },
        ...published.map((obs, i) => ({ row: i + 3, issues: [], quoted: quoted(obs), obs })),
        { row: published.length + 3, issues: [finding("unit-unknown", published.length + 3)], quoted: quoted(published[0]!) },
      ],
    };
    const crossed = unpackBatch(structuredClone(packBatch(batch)));
    expect(crossed).toEqual(batch);
    for (const r of crossed.rows) if (r.obs) expect(Object.keys(r.obs)).toEqual(OBSERVATION_COLUMNS);
    // Their spool lines, now written on this side, are those of the published data.json.
    expect(crossed.rows.flatMap((r) => (r.obs ? [observationJson(r.obs)] : []))).toEqual(published.map((o) => JSON.stringify(o)));
  });
});
