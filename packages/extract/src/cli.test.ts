import { describe, expect, it } from "vitest";
import { runCli } from "./index.js";
import type { CliIo } from "./index.js";

const REPORT = "Tình hình kinh tế - xã hội quý I/2023\n\nTổng thu ngân sách nhà nước ước thực hiện 1.689,3 tỷ đồng (đạt 20,6% dự toán).\n";
const PIPELINE = "/repo/pipelines/lang-son/pipeline.json";

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: CliIo = {
    cwd: "/repo",
    exists: (p) => p in files,
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: no such file, open '${p}'`);
      return text;
    },
    writeFile: (p, d) => {
      written[p] = d;
    },
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  };
  return { io, out: () => out.join(""), err: () => err.join(""), written };
}

describe("npm run extract", () => {
  it("writes CSV to stdout: the observations.csv columns first, then the resolved ones", async () => {
    const { io, out, err } = fakeIo({ "/repo/report.txt": REPORT });
    expect(await runCli(["report.txt", "--source", "lang-son-2023-q1"], io)).toBe(0);
    const [header, first] = out().split("\n");
    expect(header).toBe(
      "indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote,value,unit,unit_mult,decimals,time_period,obs_status,basis,context,paste_check,offset,line",
    );
    expect(first).toBe(
      `,LEVEL,VN-09,quý I/2023,"1.689,3",tỷ đồng,ước thực hiện,lang-son-2023-q1,"Tổng thu ngân sách nhà nước ước thực hiện 1.689,3 tỷ đồng",1689300000000,VND,9,1,2023-Q1,E,,Tổng thu ngân sách nhà nước,indicator-missing,${REPORT.indexOf("1.689,3")},3`,
    );
    expect(err()).toContain("2 candidates");
  });

  it("suggests indicators from --pipeline and prints only the pasteable columns with --columns input", async () => {
    const pipeline = JSON.stringify({
      id: "p", title: { vi: "p", en: "p" }, reference_year: 2023, rules: [],
      datasets: [{ id: "d", title: { vi: "d", en: "d" }, description: { vi: "d", en: "d" }, domain: "public-finance", keywords: { vi: ["a"], en: ["a"] },
        publisher: { vi: "x", en: "x" }, provider: { vi: "x", en: "x" }, spatial: ["VN-09"], frequency: "quarterly",
        license: { id: "CC-BY-4.0", title: "CC BY 4.0", url: "https://creativecommons.org/licenses/by/4.0/", attribution: { vi: "x", en: "x" } },
        indicators: [{ code: "BUDGET_REVENUE_TOTAL", name: { vi: "Tổng thu ngân sách nhà nước trên địa bàn", en: "x" }, definition: { vi: "x", en: "x" }, unit: "VND", nature: "flow" }] }],
    });
    const { io, out, err } = fakeIo({ "/repo/report.txt": REPORT, [PIPELINE]: pipeline });
    const code = await runCli(["report.txt", "--pipeline", "pipelines/lang-son", "--columns", "input"], io);
    expect([code, err().includes("cannot") ? err() : ""]).toEqual([0, ""]);
    expect(out().split("\n").slice(0, 3)).toEqual([
      "indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote",
      'BUDGET_REVENUE_TOTAL,LEVEL,VN-09,quý I/2023,"1.689,3",tỷ đồng,ước thực hiện,,"Tổng thu ngân sách nhà nước ước thực hiện 1.689,3 tỷ đồng"',
      'BUDGET_REVENUE_TOTAL,PCT_OF_PLAN,VN-09,quý I/2023,"20,6",%,ước thực hiện,,"Tổng thu ngân sách nhà nước ước thực hiện 1.689,3 tỷ đồng (đạt 20,6% dự toán)"',
    ]);
  });

  it("writes JSON to --out, with the heading and the numbers it left out", async () => {
    const { io, written } = fakeIo({ "/repo/report.html": `<h1>Quý I/2023</h1><p>Theo Kế hoạch số 247/KH-UBND, xuất khẩu đạt 300 triệu USD.</p>` });
    expect(await runCli(["report.html", "--format", "json", "--out", "out.json", "--period", "2023-Q1"], io)).toBe(0);
    const json = JSON.parse(written["/repo/out.json"] ?? "{}") as { heading: { timePeriod: string }; candidates: { value: string }[]; skipped: { code: string }[] };
    expect([json.heading.timePeriod, json.candidates.map((c) => c.value), json.skipped.map((s) => s.code)]).toEqual(["2023-Q1", ["300000000"], ["document-number"]]);
  });

  it("refuses bad options and unreadable files with exit code 2 and a message", async () => {
    const cases: [string[], string][] = [
      [[], "give one report file"],
      [["a.txt", "b.txt"], "one report file at a time"],
      [["report.txt", "--format", "xml"], "--format must be csv or json"],
      [["report.txt", "--period", "Q2/2023"], "is not a TIME_PERIOD"],
      [["missing.txt"], "cannot read missing.txt"],
      [["report.txt", "--pipeline", "nowhere"], "cannot read /repo/nowhere/pipeline.json"],
      [["report.txt", "--bogus"], "Unknown option"],
    ];
    for (const [argv, message] of cases) {
      const { io, err } = fakeIo({ "/repo/report.txt": REPORT });
      expect(await runCli(argv, io)).toBe(2);
      expect(err()).toContain(message);
    }
  });

  it("exits 1 when the report holds no figure", async () => {
    const { io } = fakeIo({ "/repo/empty.txt": "Không có số liệu." });
    expect(await runCli(["empty.txt"], io)).toBe(1);
  });
});
