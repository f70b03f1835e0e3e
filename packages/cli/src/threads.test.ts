import type { Issue } from "@langson-open-data/schemas";
import { IssueList, MAX_FINDINGS_PER_CODE } from "@langson-open-data/validate";
import { describe, expect, it } from "vitest";
import { packFindings, unpackFindings } from "./threads.js";

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
