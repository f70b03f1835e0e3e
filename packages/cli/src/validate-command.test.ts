import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PIPELINE, type ProjectCopy, copyProject } from "../test/project-copy.js";
import { type Format, validate } from "./commands.js";
import { MAX_CORRECTIONS } from "./pipeline.js";
import { loadProject } from "./project.js";

const OBS = `${PIPELINE}/observations.csv`;
let project: ProjectCopy | undefined;
afterEach(async () => {
  await project?.dispose();
  project = undefined;
});

async function validated(format: Format = "json", pipelines?: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await validate({ root: project!.root, out: (t) => void (out += t), color: false, ...(pipelines ? { pipelines } : {}) }, format);
  return { code, out };
}

describe("validate", () => {
  it("passes the landed data, counting its rows, and says what it did not look at", async () => {
    project = await copyProject();
    const json = await validated();
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ valid: true, stats: { pipelines: 1, datasets: 8, observations: 65, rules: 0, errors: 0, warnings: 0 }, issues: [] });
    const text = await validated("terminal");
    expect(text.out).toBe(
      "✓ validate passed: 65 rows read in 1 pipeline: 0 errors, 0 warnings\n" +
        "validate checks the files' encoding, CSV form and JSON Schemas only; npm run check also normalizes each row, finds its quote in its source and runs every rule.\n",
    );
    expect((await validated("md")).out).toMatch(/^### ✅ Validate passed\n\n65 rows read in 1 pipeline: 0 errors, 0 warnings\n/);
  });

  it("gives the schema findings check gives, at the same rows and columns, and none of the rules'", async () => {
    project = await copyProject();
    // A measure that is no measure (the input schema), and an export that breaks the trade total (a rule).
    await project.replace(OBS, "TRADE_EXPORT,LEVEL,VN-09,quý I,300,", "TRADE_EXPORT,LEVELS,VN-09,quý I,300,");
    await project.replace(OBS, "TRADE_IMPORT,LEVEL,VN-09,quý I,340,", "TRADE_IMPORT,LEVEL,VN-09,quý I,350,");
    const { code, out } = await validated();
    expect(code).toBe(1);
    const report = JSON.parse(out) as { issues: { code: string }[] };
    const checked = (await loadProject(project.root)).report.issues;
    const schemaOfCheck = checked.filter((i) => i.code.startsWith("schema-"));
    expect(schemaOfCheck).toHaveLength(1);
    expect(schemaOfCheck[0]).toMatchObject({ location: { file: OBS, column: "measure" } });
    expect(report.issues).toEqual(schemaOfCheck);
    expect(checked.some((i) => i.code.startsWith("quote-") || i.code.startsWith("totals-"))).toBe(true);
  });

  it("checks pipeline.json, sources.json and corrections.csv against their schemas too", async () => {
    project = await copyProject();
    await project.replace(`${PIPELINE}/pipeline.json`, '"reference_year": 2023,', '"reference_year": "2023",');
    await project.replace(`${PIPELINE}/sources/sources.json`, '"data_level": "', '"data_level": "x');
    // The landed corrections.csv is its header alone: one correction with a date that is no date.
    const header = (await project.read(`${PIPELINE}/corrections.csv`)).trim();
    await project.write(`${PIPELINE}/corrections.csv`, `${header}\nTRADE_EXPORT,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,300,310,triệu USD,a typo,,,Công văn 1/2023,someone,not-a-date\n`);
    const { code, out } = await validated();
    expect(code).toBe(1);
    const files = (JSON.parse(out) as { issues: { code: string; location: { file: string } }[] }).issues.map((i) => `${i.location.file} ${i.code}`);
    expect(files).toContain(`${PIPELINE}/pipeline.json schema-type`);
    expect(JSON.parse(out).stats).toMatchObject({ pipelines: 1, datasets: 0, observations: 65 });
    expect(files).toContain(`${PIPELINE}/sources/sources.json schema-enum`);
    expect(files).toContain(`${PIPELINE}/corrections.csv schema-pattern`);
    expect(files.every((f) => !f.startsWith(OBS))).toBe(true);
  });

  it("reads at most MAX_CORRECTIONS corrections and says so at the first row past them, as check does", async () => {
    project = await copyProject();
    const header = (await project.read(`${PIPELINE}/corrections.csv`)).trim();
    const line = "TRADE_EXPORT,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,300,310,triệu USD,a typo,,,Công văn 1/2023,someone,2023-05-01\n";
    await project.write(`${PIPELINE}/corrections.csv`, `${header}\n${line.repeat(MAX_CORRECTIONS + 5)}`);
    const { code, out } = await validated();
    expect(code).toBe(1);
    const too = (JSON.parse(out) as { issues: { code: string }[] }).issues.filter((i) => i.code === "corrections-too-many");
    // The header is row 1: the first correction past the limit is row MAX_CORRECTIONS + 2.
    expect(too).toEqual([expect.objectContaining({ severity: "error", location: { file: `${PIPELINE}/corrections.csv`, row: MAX_CORRECTIONS + 2 } })]);
    const checked = (await loadProject(project.root)).report.issues;
    expect(checked.filter((i) => i.code === "corrections-too-many")).toEqual(too);
  });

  it("takes a pipeline without corrections.csv as one without corrections, as check does", async () => {
    project = await copyProject();
    await rm(join(project.root, PIPELINE, "corrections.csv"));
    const json = await validated();
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ valid: true, issues: [] });
    expect((await loadProject(project.root)).report.issues.filter((i) => i.location.file?.endsWith("corrections.csv"))).toEqual([]);
  });

  it("validates only the pipelines named, and names one that does not exist", async () => {
    project = await copyProject();
    expect((await validated("json", ["lang-son"])).code).toBe(0);
    const none = await validated("json", ["ha-noi"]);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.out).issues).toEqual([expect.objectContaining({ code: "pipeline-unknown", found: "ha-noi" })]);
  });
});
