import type { Issue } from "@langson-open-data/schemas";
import { afterEach, describe, expect, it } from "vitest";
import { PIPELINE, type ProjectCopy, copyProject } from "../test/project-copy.js";
import { loadProject } from "./project.js";

const OBS = `${PIPELINE}/observations.csv`;
const PIPELINE_JSON = `${PIPELINE}/pipeline.json`;
let project: ProjectCopy;
afterEach(() => project?.dispose());

async function findings(): Promise<Issue[]> {
  return (await loadProject(project.root)).report.issues as Issue[];
}
const pick = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);

describe("check on the landed data", () => {
  it("passes, and reports the budget residual as a warning with its size", async () => {
    project = await copyProject();
    const { report } = await loadProject(project.root);
    expect(report.valid).toBe(true);
    expect(report.stats).toMatchObject({ observations: 65, datasets: 8, rules: 3, errors: 0, warnings: 1 });
    const [residual] = report.issues;
    expect(residual).toMatchObject({
      code: "totals-residual",
      severity: "warning",
      rule: "budget-revenue-total",
      location: { file: PIPELINE_JSON, dataset: "lang-son-budget-revenue", indicator: "BUDGET_REVENUE_TOTAL", period: "2023-Q1" },
      found: "residual [0,25 tỷ đồng, 2,35 tỷ đồng]",
    });
    expect(residual!.message).toContain("leaves 1,30 tỷ đồng (0,08 % of the total)");
  });

  it("checks only the pipelines named, and names a pipeline that does not exist", async () => {
    project = await copyProject();
    const one = await loadProject(project.root, ["lang-son"]);
    expect(one.report.valid).toBe(true);
    expect(one.report.stats).toMatchObject({ pipelines: 1, observations: 65 });
    const none = await loadProject(project.root, ["lang-son", "ha-noi"]);
    expect(none.report.valid).toBe(false);
    expect(pick(none.report.issues as Issue[], "pipeline-unknown")).toEqual([
      expect.objectContaining({ location: { file: "pipelines/ha-noi" }, expected: "lang-son", found: "ha-noi" }),
    ]);
  });
});

describe("planted errors are caught with their exact finding", () => {
  it("export 300 → 310 breaks the trade total", async () => {
    project = await copyProject();
    await project.replace(OBS, "TRADE_EXPORT,LEVEL,VN-09,quý I,300,", "TRADE_EXPORT,LEVEL,VN-09,quý I,310,");
    const issues = await findings();
    expect(pick(issues, "totals-mismatch")).toEqual([
      expect.objectContaining({
        rule: "trade-total",
        location: expect.objectContaining({ indicator: "TRADE_TOTAL", period: "2023-Q1" }),
        expected: "[649,0 triệu USD, 651,0 triệu USD] (the sum of the components, within rounding)",
        found: "[639,5 triệu USD, 640,5 triệu USD]",
      }),
    ]);
    // The typed figure no longer matches its quote either.
    expect(pick(issues, "quote-number-mismatch")[0]).toMatchObject({ location: { file: OBS, column: "value_text" }, found: "310" });
  });

  it("domestic revenue 638 → 648 makes the parts exceed a partly itemized total", async () => {
    project = await copyProject();
    await project.replace(OBS, "BUDGET_REVENUE_DOMESTIC,LEVEL,VN-09,quý I,638,", "BUDGET_REVENUE_DOMESTIC,LEVEL,VN-09,quý I,648,");
    const [exceed] = pick(await findings(), "totals-components-exceed");
    expect(exceed).toMatchObject({
      severity: "error",
      rule: "budget-revenue-total",
      expected: "components ≤ total [1.689,25 tỷ đồng, 1.689,35 tỷ đồng]",
      found: "components sum to [1.697,00 tỷ đồng, 1.699,00 tỷ đồng]",
    });
  });

  it("the budget total in 'triệu đồng' instead of 'tỷ đồng' is named as a magnitude error", async () => {
    project = await copyProject();
    await project.replace(OBS, "BUDGET_REVENUE_TOTAL,LEVEL,VN-09,quý I,\"1.689,3\",tỷ đồng", "BUDGET_REVENUE_TOTAL,LEVEL,VN-09,quý I,\"1.689,3\",triệu đồng");
    const [magnitude] = pick(await findings(), "units-magnitude");
    expect(magnitude).toMatchObject({ severity: "error", rule: "budget-revenue-total", found: "1.689,3 triệu đồng" });
    expect(magnitude!.message).toContain("about 10^3 times smaller than the sum of its components");
    expect(magnitude!.message).toContain('a "triệu" typed for "tỷ"');
  });

  it("export at 25,08 % of plan breaks the implied plans", async () => {
    project = await copyProject();
    await project.replace(OBS, "TRADE_EXPORT,PCT_OF_PLAN,VN-09,quý I,\"23,08\"", "TRADE_EXPORT,PCT_OF_PLAN,VN-09,quý I,\"25,08\"");
    const [plan] = pick(await findings(), "plan-sum-mismatch");
    expect(plan).toMatchObject({ severity: "error", rule: "trade-total", found: "[3.796 triệu USD, 3.805 triệu USD]" });
    expect(plan!.expected).toBe("[3.681 triệu USD, 3.711 triệu USD] (the sum of the components, within rounding)");
    expect(plan!.message).toContain("implied annual plans");
  });

  it("a VND member in a USD rule is refused, currencies are never added", async () => {
    project = await copyProject();
    await project.replace(OBS, "TRADE_IMPORT,LEVEL,VN-09,quý I,340,triệu USD", "TRADE_IMPORT,LEVEL,VN-09,quý I,340,triệu đồng");
    const issues = await findings();
    expect(pick(issues, "units-mismatch-in-rule")[0]).toMatchObject({
      rule: "trade-total",
      expected: "USD",
      location: expect.objectContaining({ indicator: "TRADE_IMPORT" }),
    });
    expect(pick(issues, "units-mismatch-in-rule")[0]!.message).toContain("money in different currencies is never added");
    expect(pick(issues, "units-measure-mismatch")[0]).toMatchObject({ location: { file: OBS, column: "unit_text" }, expected: "USD", found: "VND" });
  });

  it("a cumulative stock that shrinks later in the year", async () => {
    project = await copyProject();
    await project.addSource("lang-son-2023-h1", "Tính đến ngày 30/6, lũy kế toàn tỉnh hiện có 3.700 doanh nghiệp.\n", { published: "2023-07", reference_period: "2023-S1" });
    await project.write(OBS, `${await project.read(OBS)}ENTERPRISES_REGISTERED,LEVEL,VN-09,ngày 30/6,3.700,doanh nghiệp,,lang-son-2023-h1,lũy kế toàn tỉnh hiện có 3.700 doanh nghiệp\n`);
    const [shrink] = pick(await findings(), "period-stock-shrinks");
    expect(shrink).toMatchObject({
      severity: "error",
      location: expect.objectContaining({ indicator: "ENTERPRISES_REGISTERED", period: "2023-06-30" }),
      expected: "≥ 3.790 doanh nghiệp",
      found: "3.700 doanh nghiệp",
    });
  });

  it("declaring the budget fully itemized makes the landed data fail with the 1,3 tỷ residual named", async () => {
    project = await copyProject();
    const pipeline = JSON.parse(await project.read(PIPELINE_JSON));
    pipeline.rules.find((r: { id: string }) => r.id === "budget-revenue-total").itemized = "full";
    await project.write(PIPELINE_JSON, JSON.stringify(pipeline));
    const [mismatch] = pick(await findings(), "totals-mismatch");
    expect(mismatch).toMatchObject({
      rule: "budget-revenue-total",
      expected: "[1.687,00 tỷ đồng, 1.689,00 tỷ đồng] (the sum of the components, within rounding)",
      found: "[1.689,25 tỷ đồng, 1.689,35 tỷ đồng]",
    });
  });

  it("a figure citing a source not in sources.json is reported, and neither spooled nor checked further", async () => {
    project = await copyProject();
    // The export figure, 300 → 310 (which breaks the trade total when checked) and from a source nobody recorded.
    await project.replace(OBS, "TRADE_EXPORT,LEVEL,VN-09,quý I,300,triệu USD,ước đạt,lang-son-2023-q1,", "TRADE_EXPORT,LEVEL,VN-09,quý I,310,triệu USD,ước đạt,bao-cao-khac,");
    const loaded = await loadProject(project.root);
    try {
      const issues = loaded.report.issues as Issue[];
      expect(pick(issues, "source-unknown")).toEqual([expect.objectContaining({ location: expect.objectContaining({ file: OBS, row: 6, column: "source" }), found: "bao-cao-khac" })]);
      expect(pick(issues, "totals-mismatch")).toEqual([]);
      const trade = loaded.pipelines[0]!.observations.get("lang-son-trade")!;
      expect(trade.sources).toEqual(["lang-son-2023-q1"]);
      const spooled = [];
      for await (const o of trade.rows()) spooled.push(o);
      expect(spooled.filter((o) => o.indicator === "TRADE_EXPORT" && o.measure === "LEVEL")).toEqual([]);
      expect(spooled).toHaveLength(trade.count);
    } finally {
      loaded.dispose();
    }
    // Every figure from a source nobody recorded: each is reported, and no dataset is called empty.
    await project.write(OBS, (await project.read(OBS)).replaceAll(",lang-son-2023-q1,", ",bao-cao-khac,"));
    const all = await findings();
    expect(pick(all, "source-unknown")).toHaveLength(65);
    expect(pick(all, "dataset-empty")).toEqual([]);
  });

  it("a snapshot edited after it was recorded is refused", async () => {
    project = await copyProject();
    const path = `${PIPELINE}/sources/lang-son-2023-q1.vi.txt`;
    await project.write(path, (await project.read(path)).replace("640 triệu USD", "650 triệu USD"));
    expect(pick(await findings(), "source-checksum-mismatch")[0]).toMatchObject({
      location: { file: path },
      expected: "272ad293e17cff81565ddb7786ed9860ab07cbe308a335af46a52ec494261faf",
    });
  });

  it("a rule naming an unknown indicator, and a cycle of totals", async () => {
    project = await copyProject();
    const pipeline = JSON.parse(await project.read(PIPELINE_JSON));
    pipeline.rules.push({ id: "ghost", type: "totals", total: "TRADE_GHOST", components: ["TRADE_EXPORT"], itemized: "full", plans: false });
    pipeline.rules.push({ id: "loop", type: "totals", total: "TRADE_EXPORT", components: ["TRADE_TOTAL"], itemized: "partial", plans: false });
    await project.write(PIPELINE_JSON, JSON.stringify(pipeline));
    const issues = await findings();
    expect(pick(issues, "rule-unknown-indicator")[0]).toMatchObject({ rule: "ghost", found: "TRADE_GHOST" });
    expect(pick(issues, "rule-cycle")[0]!.found).toBe("TRADE_TOTAL → TRADE_EXPORT → TRADE_TOTAL");
  });
});
