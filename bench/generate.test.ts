import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import type { Issue } from "@langson-open-data/schemas";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../packages/cli/src/commands.js";
import { loadProject } from "../packages/cli/src/project.js";
import { type ExpectedIssue, PLANT_KINDS, generate } from "./generate.js";

const ROWS = 2000;
const roots: string[] = [];
afterEach(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
});

async function tempRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "langson-bench-"));
  roots.push(root);
  return root;
}

async function files(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(relative(dir, p), await readFile(p));
    }
  };
  await walk(dir);
  return out;
}

/** A finding as planted.json names it: by row, or for a rule by rule, indicator and period. */
const keyOf = (i: ExpectedIssue) => (i.row !== undefined ? `${i.code} row ${i.row} ${i.column}` : `${i.code} ${i.rule} ${i.indicator} ${i.period}`);
const issueKey = (i: Issue) =>
  keyOf(i.location.row !== undefined ? { code: i.code, row: i.location.row, column: i.location.column! } : { code: i.code, rule: i.rule!, indicator: i.location.indicator!, period: i.location.period! });

describe("bench/generate.ts", () => {
  it("writes the same bytes for the same --rows and --seed", async () => {
    const [a, b] = [await tempRoot(), await tempRoot()];
    await generate({ rows: ROWS, seed: "test", out: a });
    await generate({ rows: ROWS, seed: "test", out: b });
    const [fa, fb] = [await files(a), await files(b)];
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort());
    for (const [name, bytes] of fa) expect(bytes.equals(fb.get(name)!), name).toBe(true);
    const csv = fa.get("observations.csv")!.toString("utf8").trimEnd().split("\n");
    expect(csv).toHaveLength(ROWS + 1);
    expect(csv[0]).toBe("indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote");
    const other = await tempRoot();
    await generate({ rows: ROWS, seed: "other", out: other });
    expect((await files(other)).get("observations.csv")!.equals(fa.get("observations.csv")!)).toBe(false);
  });

  it("makes a pipeline that every check passes except exactly the planted errors", async () => {
    const root = await tempRoot();
    const summary = await generate({ rows: ROWS, seed: "test", out: join(root, "pipelines", "bench") });
    expect(summary.rows).toBe(ROWS);
    expect(new Set(summary.planted.map((p) => p.kind))).toEqual(new Set(PLANT_KINDS));
    const project = await loadProject(root);
    const errors = project.report.issues.filter((i) => i.severity === "error");
    const expected = summary.planted.flatMap((p) => p.expected.map(keyOf)).sort();
    expect(errors.map(issueKey).sort()).toEqual(expected);
    // Warnings are the unitemized part of each budget total, which the rule declares partly itemized.
    expect(new Set(project.report.issues.filter((i) => i.severity === "warning").map((i) => i.code))).toEqual(new Set(["totals-residual"]));
    const planted = JSON.parse(await readFile(join(root, "pipelines", "bench", "planted.json"), "utf8"));
    expect(planted.planted).toEqual(summary.planted);
  });

  it("makes a clean pipeline that publishes every row", async () => {
    const root = await tempRoot();
    const summary = await generate({ rows: ROWS, seed: "test", errorRate: 0, out: join(root, "pipelines", "bench") });
    expect(summary.planted).toEqual([]);
    let printed = "";
    const code = await run({ root, out: (t) => void (printed += t), color: false });
    expect(code, printed).toBe(0);
    const datasets = (await readdir(join(root, "datasets"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    let published = 0;
    for (const d of datasets) {
      const csv = await readFile(join(root, "datasets", d, "1.0.0", "data.csv"), "utf8");
      published += csv.trimEnd().split("\n").length - 1;
    }
    expect(published).toBe(ROWS);
  });
});
