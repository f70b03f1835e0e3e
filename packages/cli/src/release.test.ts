import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PIPELINE, type ProjectCopy, capture, copyProject } from "../test/project-copy.js";
import { VersionExistsError, writeFolderAtomic } from "@langson-open-data/publish";
import { check, run, verify } from "./commands.js";

const OBS = `${PIPELINE}/observations.csv`;
const CORRECTIONS = `${PIPELINE}/corrections.csv`;
let project: ProjectCopy;
afterEach(() => project?.dispose());

async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(p.slice(dir.length), await readFile(p, "utf8"));
    }
  };
  await walk(dir);
  return out;
}

async function runOk(): Promise<string> {
  const c = capture();
  const code = await run(c.io(project.root));
  expect(code, c.text()).toBe(0);
  return c.text();
}

const datasetsDir = () => join(project.root, "datasets");
const CORRECTION_HEADER = "indicator,measure,ref_area,time_period,source,replaces,value_text,unit_text,reason,evidence_source,evidence_quote,evidence_reference,contributor,date\n";

describe("from snapshot to published CSV", () => {
  it("publishes every dataset at 1.0.0 with exact base-unit values, then reruns without changing a byte", async () => {
    project = await copyProject();
    const first = await runOk();
    expect(first).toContain("lang-son-budget-revenue 1.0.0 (initial)");
    const csv = (d: string) => readFile(join(datasetsDir(), d, "1.0.0", "data.csv"), "utf8");
    expect(await csv("lang-son-budget-revenue")).toContain(
      'lang-son-budget-revenue,BUDGET_REVENUE_TOTAL,LEVEL,VN-09,2023-Q1,1689300000000,VND,9,1,E,lang-son-2023-q1,stated,"tổng thu ngân sách nhà nước quý I trên địa bàn ước thực hiện 1.689,3 tỷ đồng",\n',
    );
    expect(await csv("lang-son-tourism")).toContain(",TOURISM_VISITS,LEVEL,VN-09,2023-Q1,1350053,VISITS,3,3,A,");
    expect(await csv("lang-son-market-control")).toContain(",MARKET_CONTROL_ADMIN_PENALTY_AMOUNT,LEVEL,VN-09,2023-Q1,6698210000,VND,6,2,A,");
    expect(await csv("lang-son-market-control")).toContain(",MARKET_CONTROL_ADMIN_PENALTY_AMOUNT,YOY_GROWTH,VN-09,2023-Q1,-3.43,PERCENT,0,2,A,");
    expect(await csv("lang-son-trade")).toContain(",TRADE_TOTAL,PCT_OF_PLAN,VN-09,2023-Q1,16.84,PERCENT,0,2,E,");
    expect(await csv("lang-son-enterprises")).toContain(",ENTERPRISES_NEW,LEVEL,VN-09,2023-01-01/2023-03-27,122,ENTERPRISES,0,0,A,");
    expect(await csv("lang-son-enterprises")).toContain(",ENTERPRISES_REGISTERED,LEVEL,VN-09,2023-03-27,3790,ENTERPRISES,0,0,A,");
    expect(await csv("lang-son-competitiveness")).toContain(",PCI_RANK,RANK_GAIN,VN-09,2022,21,RANK_PLACES,0,0,A,");
    const json = JSON.parse(await readFile(join(datasetsDir(), "lang-son-investment", "1.0.0", "data.json"), "utf8"));
    expect(json[1]).toMatchObject({ indicator: "INVESTMENT_NEW_PROJECTS_CAPITAL", value: "976780000000", unit: "VND", unit_mult: 9, decimals: 2 });

    const before = await snapshotTree(datasetsDir());
    expect(await runOk()).toContain("nothing to release");
    expect(await snapshotTree(datasetsDir())).toEqual(before);
    const v = capture();
    expect(await verify(v.io(project.root)), v.text()).toBe(0);
  });

  it("refuses to publish a figure that differs from its quote, naming row, quote and both numbers, writing nothing", async () => {
    project = await copyProject();
    await project.replace(OBS, ',"6.698,21",triệu đồng', ',"6.698,12",triệu đồng');
    const c = capture();
    expect(await run(c.io(project.root))).toBe(1);
    const text = c.text();
    expect(text).toMatch(/row 24, value_text: value_text 6\.698,12 is not a number the quote states; the quote "số tiền xử lý vi phạm hành chính 6\.698,21 triệu đồng" states 6\.698,21/);
    expect(text).toContain("Nothing was published");
    expect(await readdir(datasetsDir()).catch(() => [])).toEqual([]);
  });
});

describe("corrections and versions", () => {
  it("a correction cuts 1.0.1 with changelog, diff and vintages; 1.0.0 stays byte for byte; verify passes", async () => {
    project = await copyProject();
    await runOk();
    const v100 = await snapshotTree(join(datasetsDir(), "lang-son-market-control", "1.0.0"));
    await project.write(
      CORRECTIONS,
      `${CORRECTION_HEADER}MARKET_CONTROL_ADMIN_PENALTY_AMOUNT,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,6698210000,"6.698,12",triệu đồng,"The provincial steering committee's final report gives 6.698,12 million.",,,"Báo cáo số 99/BC-BCĐ389, 2023-04-20",Nguyễn Văn A,2023-05-02\n`,
    );
    const c = capture();
    expect(await check(c.io(project.root))).toBe(0);
    expect(c.text()).toContain("lang-son-market-control: 1.0.0 → 1.0.1 (patch: 1 figure(s) corrected)");
    expect(await runOk()).toContain("lang-son-market-control 1.0.1 (patch)");

    const dir = join(datasetsDir(), "lang-son-market-control");
    expect(await snapshotTree(join(dir, "1.0.0"))).toEqual(v100);
    expect(await readFile(join(dir, "1.0.1", "data.csv"), "utf8")).toContain(",MARKET_CONTROL_ADMIN_PENALTY_AMOUNT,LEVEL,VN-09,2023-Q1,6698120000,VND,6,2,A,");
    const changelog = await readFile(join(dir, "CHANGELOG.md"), "utf8");
    expect(changelog.indexOf("## 1.0.1")).toBeLessThan(changelog.indexOf("## 1.0.0"));
    expect(changelog).toContain("MARKET_CONTROL_ADMIN_PENALTY_AMOUNT LEVEL VN-09 2023-Q1: 6.698,21 × 10^6 VND → 6.698,12 × 10^6 VND. Corrected 2023-05-02 by Nguyễn Văn A");
    expect(changelog).toContain("Evidence: Báo cáo số 99/BC-BCĐ389, 2023-04-20");
    const diff = JSON.parse(await readFile(join(dir, "1.0.1", "diff.json"), "utf8"));
    expect(diff).toMatchObject({ from: "1.0.0", to: "1.0.1", change: "patch", changed: [{ columns: ["value", "note"], before: { value: "6698210000" }, after: { value: "6698120000" } }] });
    const vintages = await readFile(join(dir, "vintages.csv"), "utf8");
    expect(vintages).toContain("MARKET_CONTROL_ADMIN_PENALTY_AMOUNT,LEVEL,VN-09,2023-Q1,6698210000,VND,6,2,A,lang-son-2023-q1,1.0.0,1.0.0\n");
    expect(vintages).toContain("MARKET_CONTROL_ADMIN_PENALTY_AMOUNT,LEVEL,VN-09,2023-Q1,6698120000,VND,6,2,A,lang-son-2023-q1,1.0.1,1.0.1\n");
    expect(vintages).toContain("MARKET_CONTROL_CASES_HANDLED,LEVEL,VN-09,2023-Q1,820,CASES,0,0,A,lang-son-2023-q1,1.0.0,1.0.1\n");
    expect(JSON.parse(await readFile(join(dir, "latest.json"), "utf8"))).toMatchObject({ version: "1.0.1", path: "1.0.1/" });
    const v = capture();
    expect(await verify(v.io(project.root)), v.text()).toBe(0);
  });

  it("a stale correction fails loudly, naming it", async () => {
    project = await copyProject();
    await project.write(CORRECTIONS, `${CORRECTION_HEADER}TRADE_EXPORT,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,310000000,305,triệu USD,Typo.,,,Báo cáo số 1,A,2023-05-02\n`);
    const c = capture();
    expect(await check(c.io(project.root))).toBe(1);
    expect(c.text()).toContain("correction-stale");
    expect(c.text()).toContain("row 2, replaces: the correction of TRADE_EXPORT 2023-Q1 expects to replace 310000000, but the figure is now 300000000");
  });

  it("an added figure gives 1.1.0 and a unit change gives 2.0.0", async () => {
    project = await copyProject();
    await runOk();
    await project.addSource("lang-son-2023-h1", "Sáu tháng đầu năm 2023, xử phạt vi phạm hành chính 1.402 vụ.\n", { published: "2023-07", reference_period: "2023-S1" });
    await project.write(OBS, `${await project.read(OBS)}MARKET_CONTROL_ADMIN_PENALTY_CASES,LEVEL,VN-09,6 tháng đầu năm 2023,1.402,vụ,,lang-son-2023-h1,xử phạt vi phạm hành chính 1.402 vụ\n`);
    expect(await runOk()).toContain("lang-son-market-control 1.1.0 (minor)");
    expect(await readFile(join(datasetsDir(), "lang-son-market-control", "1.1.0", "data.csv"), "utf8")).toContain(",MARKET_CONTROL_ADMIN_PENALTY_CASES,LEVEL,VN-09,2023-S1,1402,CASES,0,0,A,lang-son-2023-h1,");

    const pipeline = JSON.parse(await project.read(`${PIPELINE}/pipeline.json`));
    const pgi = pipeline.datasets.flatMap((d: { indicators: { code: string; unit: string }[] }) => d.indicators).find((i: { code: string }) => i.code === "PGI_RANK");
    pgi.unit = "PROVINCES";
    await project.write(`${PIPELINE}/pipeline.json`, JSON.stringify(pipeline, null, 2));
    await project.replace(OBS, "PGI_RANK,LEVEL,VN-09,năm 2022,2,thứ", "PGI_RANK,LEVEL,VN-09,năm 2022,2,tỉnh");
    const out = await runOk();
    expect(out).toContain("lang-son-competitiveness 2.0.0 (major)");
    const diff = JSON.parse(await readFile(join(datasetsDir(), "lang-son-competitiveness", "2.0.0", "diff.json"), "utf8"));
    expect(diff.reasons).toEqual(["1 figure(s) changed unit", "indicator unit changed: PGI_RANK", "metadata corrected"]);
  });

  it("verify names a published file whose bytes changed, and an existing version is never written over", async () => {
    project = await copyProject();
    await runOk();
    const version = join(datasetsDir(), "lang-son-trade", "1.0.0");
    const published = await snapshotTree(version);
    await expect(writeFolderAtomic(version, new Map([["data.csv", "overwritten\n"]]))).rejects.toBeInstanceOf(VersionExistsError);
    expect(await snapshotTree(version)).toEqual(published);

    const file = join(version, "data.csv");
    const bytes = await readFile(file);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 1, bytes.length - 2);
    await writeFile(file, bytes);
    const v = capture();
    expect(await verify(v.io(project.root))).toBe(1);
    expect(v.text()).toContain("verify-checksum-mismatch");
    expect(v.text()).toContain("datasets/lang-son-trade/1.0.0/data.csv does not match its SHA256SUMS: a published file was modified");
  });

  it("verify names an index file that differs from what the versions give (vintages.csv, compared by hash) or is missing", async () => {
    project = await copyProject();
    await runOk();
    const vintages = join(datasetsDir(), "lang-son-trade", "vintages.csv");
    await writeFile(vintages, (await readFile(vintages, "utf8")).replace("1.0.0", "9.9.9"));
    await rm(join(datasetsDir(), "lang-son-tourism", "latest.json"));
    const v = capture();
    expect(await verify(v.io(project.root))).toBe(1);
    expect(v.text()).toContain("datasets/lang-son-trade/vintages.csv differs from what the version folders give");
    expect(v.text()).toContain("datasets/lang-son-tourism/latest.json is missing");
  });

  it("an official figure takes precedence over the estimate for the same key; both stay in the vintages", async () => {
    project = await copyProject();
    await runOk();
    await project.addSource(
      "lang-son-2023-q1-official",
      "Quý I/2023, tổng kim ngạch xuất nhập khẩu qua địa bàn đạt 642,5 triệu USD, trong đó xuất khẩu 301 triệu USD, nhập khẩu 341,5 triệu USD.\n",
      { published: "2023-06", data_level: "official" },
    );
    const official = (indicator: string, value: string, quote: string) =>
      `${indicator},LEVEL,VN-09,quý I/2023,"${value}",triệu USD,,lang-son-2023-q1-official,"${quote}"\n`;
    await project.write(
      OBS,
      (await project.read(OBS)) +
        official("TRADE_TOTAL", "642,5", "tổng kim ngạch xuất nhập khẩu qua địa bàn đạt 642,5 triệu USD") +
        official("TRADE_EXPORT", "301", "xuất khẩu 301 triệu USD") +
        official("TRADE_IMPORT", "341,5", "nhập khẩu 341,5 triệu USD"),
    );
    expect(await runOk()).toContain("lang-son-trade 1.0.1 (patch)");
    const csv = await readFile(join(datasetsDir(), "lang-son-trade", "1.0.1", "data.csv"), "utf8");
    expect(csv).toContain(",TRADE_TOTAL,LEVEL,VN-09,2023-Q1,642500000,USD,6,1,A,lang-son-2023-q1-official,");
    expect(csv).not.toContain(",TRADE_TOTAL,LEVEL,VN-09,2023-Q1,640000000,");
    const vintages = await readFile(join(datasetsDir(), "lang-son-trade", "vintages.csv"), "utf8");
    expect(vintages).toContain("TRADE_TOTAL,LEVEL,VN-09,2023-Q1,640000000,USD,6,0,E,lang-son-2023-q1,1.0.0,1.0.0\n");
    expect(vintages).toContain("TRADE_TOTAL,LEVEL,VN-09,2023-Q1,642500000,USD,6,1,A,lang-son-2023-q1-official,1.0.1,1.0.1\n");
  });

  it("the pull-request summary shows each changed figure, its rules and the next version", async () => {
    project = await copyProject();
    await runOk();
    await project.write(
      CORRECTIONS,
      `${CORRECTION_HEADER}TRADE_IMPORT,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,340000000,345,triệu USD,A recount.,,,"Báo cáo số 12/BC-SCT, 2023-04-25",Trần Thị B,2023-05-03\n`,
    );
    const c = capture();
    expect(await check(c.io(project.root), "md")).toBe(1);
    expect(c.text()).toContain("`totals-mismatch` (trade-total)");
    await project.write(
      CORRECTIONS,
      `${CORRECTION_HEADER}TOURISM_REVENUE,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,1055000000000,"1.056",tỷ đồng,A recount.,,,"Báo cáo số 12/BC-SVHTTDL, 2023-04-25",Trần Thị B,2023-05-03\n`,
    );
    const ok = capture();
    expect(await check(ok.io(project.root), "md")).toBe(0);
    const md = ok.text();
    expect(md).toContain("| lang-son-tourism | 1.0.0 | 1.0.1 | patch | 1 figure(s) corrected |");
    expect(md).toContain("| lang-son-trade | 1.0.0 | (no release) | none |  |");
    expect(md).toMatch(/\| TOURISM_REVENUE LEVEL VN-09 2023-Q1 \| 1\.055 × 10\^9 VND \| 1\.056 × 10\^9 VND \| — \| Corrected 2023-05-03 by Trần Thị B: A recount\./);
  });

  it("a version published by an older file format is never rewritten: the new format is a new PATCH version", async () => {
    project = await copyProject();
    await runOk();
    // As if 1.0.0 had been published before datapackage.json gained a field: its bytes and sums differ.
    const dir = join(datasetsDir(), "lang-son-investment", "1.0.0");
    const older = (await readFile(join(dir, "datapackage.json"), "utf8")).replace(/\n {2}"keywords": \[[^\]]*\],/, "");
    await writeFile(join(dir, "datapackage.json"), older);
    const sums = await readFile(join(dir, "SHA256SUMS"), "utf8");
    const { createHash } = await import("node:crypto");
    await writeFile(join(dir, "SHA256SUMS"), sums.replace(/^[0-9a-f]{64}(?= {2}datapackage\.json$)/m, createHash("sha256").update(older).digest("hex")));
    const before = await snapshotTree(dir);

    const out = await runOk();
    expect(out).toContain("lang-son-investment 1.0.1 (patch)");
    expect(out).not.toContain("lang-son-trade 1.0.1");
    expect(await snapshotTree(dir)).toEqual(before);
    const changelog = await readFile(join(datasetsDir(), "lang-son-investment", "1.0.1", "changelog.md"), "utf8");
    expect(changelog).toContain("- files of 1.0.0 now render differently and are republished: datapackage.json");
    expect(await runOk()).toContain("nothing to release");
  });
});

