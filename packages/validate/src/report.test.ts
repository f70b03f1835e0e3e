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
    list.settle();
    expect(list.length).toBe(MAX_FINDINGS_PER_CODE + 2);
    expect(list.omitted.get("totals-residual|")).toEqual({ code: "totals-residual", dataset: undefined, severity: "warning", count: 250 });
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
    expect(a.settle().omitted.get("totals-residual|")!.count).toBe(11);
    const report = makeReport(a, { pipelines: 1, datasets: 1, observations: 5, rules: 1 }, a.omitted);
    expect(report.stats).toMatchObject({ errors: 1, warnings: MAX_FINDINGS_PER_CODE + 11 });
    expect(report.valid).toBe(false);
    expect(report.issues.find((i) => i.code === "findings-omitted")).toMatchObject({
      severity: "warning",
      message: `11 more totals-residual warnings are not listed: a report lists the first ${MAX_FINDINGS_PER_CODE} of each code`,
      found: "11 more",
    });
  });

  it("lists the same findings whatever order they were found in, per dataset", () => {
    const found = Array.from({ length: 3 * MAX_FINDINGS_PER_CODE }, (_, n) => ({ ...warning(n), location: { ...warning(n).location, dataset: n % 2 ? "a" : "b" } }));
    const forward = new IssueList();
    const backward = new IssueList();
    found.forEach((i) => forward.push(i));
    [...found].reverse().forEach((i) => backward.push(i));
    const listed = (l: IssueList) => makeReport(l, { pipelines: 1, datasets: 2, observations: 1, rules: 1 }, l.omitted).issues;
    expect(listed(forward)).toEqual(listed(backward));
    const summaries = listed(forward).filter((i) => i.code === "findings-omitted");
    expect(summaries.map((i) => [i.location.dataset, i.found])).toEqual([["a", "500 more"], ["b", "500 more"]]);
    expect(summaries[0]!.message).toBe(`500 more totals-residual warnings of a are not listed: a report lists the first ${MAX_FINDINGS_PER_CODE} of each code in a dataset`);
  });

  it("changes nothing for a report under the limit", () => {
    const list = new IssueList();
    list.push(warning(1), error(2));
    const report = makeReport(list, { pipelines: 1, datasets: 1, observations: 2, rules: 0 }, list.omitted);
    expect(report.issues.map((i) => i.code)).toEqual(["quote-not-in-source", "totals-residual"]);
    expect(report.stats).toMatchObject({ errors: 1, warnings: 1 });
  });
});
