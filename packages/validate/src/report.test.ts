import type { Issue } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { IssueList, MAX_FINDINGS_PER_CODE, makeReport } from "./report.js";

const warning = (n: number): Issue => ({ code: "totals-residual", severity: "warning", message: `residual ${n}`, location: { file: "pipeline.json", period: `2023-${n}` } });
const error = (row: number): Issue => ({ code: "quote-not-in-source", severity: "error", message: "not in source", location: { file: "observations.csv", row } });

describe("IssueList", () => {
  it("keeps the first findings of each code and counts the rest", () => {
    const list = new IssueList();
    for (let n = 0; n < MAX_FINDINGS_PER_CODE + 250; n++) list.push(warning(n));
    list.push(error(2), error(3));
    expect(list.length).toBe(MAX_FINDINGS_PER_CODE + 2);
    expect(list[MAX_FINDINGS_PER_CODE - 1]!.message).toBe(`residual ${MAX_FINDINGS_PER_CODE - 1}`);
    expect(list.omitted.get("totals-residual")).toEqual({ severity: "warning", count: 250 });
    // Array methods give plain arrays, not capped ones.
    expect(list.filter(() => true)).not.toBeInstanceOf(IssueList);
  });

  it("absorbs another list with its counts, and the report counts every finding", () => {
    const a = new IssueList();
    const b = new IssueList();
    for (let n = 0; n < MAX_FINDINGS_PER_CODE + 10; n++) b.push(warning(n));
    a.push(error(2));
    a.absorb(b);
    a.absorb([warning(-1)]);
    expect(a.omitted.get("totals-residual")!.count).toBe(11);
    const report = makeReport(a, { pipelines: 1, datasets: 1, observations: 5, rules: 1 }, a.omitted);
    expect(report.stats).toMatchObject({ errors: 1, warnings: MAX_FINDINGS_PER_CODE + 11 });
    expect(report.valid).toBe(false);
    expect(report.issues.find((i) => i.code === "findings-omitted")).toMatchObject({
      severity: "warning",
      message: `11 more totals-residual warnings are not listed: a report lists the first ${MAX_FINDINGS_PER_CODE} of each code`,
      found: "11 more",
    });
  });

  it("changes nothing for a report under the limit", () => {
    const list = new IssueList();
    list.push(warning(1), error(2));
    const report = makeReport(list, { pipelines: 1, datasets: 1, observations: 2, rules: 0 }, list.omitted);
    expect(report.issues.map((i) => i.code)).toEqual(["quote-not-in-source", "totals-residual"]);
    expect(report.stats).toMatchObject({ errors: 1, warnings: 1 });
  });
});
