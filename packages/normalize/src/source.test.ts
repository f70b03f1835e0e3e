import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MAGNITUDE_WORDS, UNIT_NOUNS } from "@langson-open-data/schemas";
import type { Result } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { normalizeText, parseComparison, parseFigure, parsePeriod } from "./index.js";
import type { ParsedComparison, ParsedFigure, ParsedPeriod } from "./index.js";

// The Q1/2023 report, as kept in the project's pipeline, or else in the shared sources folder.
const CANDIDATES = ["../../../pipelines/lang-son/sources/lang-son-2023-q1.vi.txt", "../../../../shared/sources/lang-son-2023-q1.vi.txt"];
const SHA256 = "272ad293e17cff81565ddb7786ed9860ab07cbe308a335af46a52ec494261faf";
const sourcePath = CANDIDATES.map((p) => fileURLToPath(new URL(p, import.meta.url))).find((p) => existsSync(p));
if (!sourcePath) console.warn(`source.test.ts: skipping the source walk, no snapshot at ${CANDIDATES.join(" or ")}`);

const NUM = String.raw`\d+(?:\.\d{3})*(?:,\d+)?`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const UNIT = UNIT_NOUNS.flatMap((n) => [n.words, ...MAGNITUDE_WORDS.map((m) => `${m.word} ${n.words}`)])
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");

const REFERENCE_YEAR = 2023;
const show = {
  figure: (f: ParsedFigure) => `${f.value.toString()} ${f.unit} ×10^${f.unitMult} (${f.decimals} dp)`,
  comparison: (c: ParsedComparison) => `${c.measure} ${c.value.toString()} (${c.decimals} dp)${c.basis ? ` of ${c.basis}` : ""}`,
  period: (p: ParsedPeriod) => `${p.timePeriod} (${p.kind})`,
};
const shown = <T>(r: Result<T>, f: (v: T) => string): string => (r.ok ? f(r.value) : `${r.error.code}: ${r.error.message}`);

/** Every figure, comparison and period expression of the text, in order, each parsed and shown. */
function walk(text: string): [string, string][] {
  let rest = normalizeText(text);
  const found: { at: number; text: string; shown: string }[] = [];
  // Each pass takes its matches out of the text, so that "31,96%" in "tăng 31,96%" is not read twice.
  const pass = (pattern: string, parse: (m: RegExpExecArray) => string) => {
    for (const m of rest.matchAll(new RegExp(pattern, "giu"))) {
      found.push({ at: m.index, text: m[0], shown: parse(m) });
      rest = rest.slice(0, m.index) + "#".repeat(m[0].length) + rest.slice(m.index + m[0].length);
    }
  };
  pass(String.raw`(?:tăng|giảm|đạt|bằng) ${NUM} ?%(?: (?:so(?: với)? cùng kỳ(?: \d{4})?|kế hoạch|dự toán(?: (?:trung ương|tỉnh) giao)?))?`, (m) =>
    shown(parseComparison(m[0]), show.comparison),
  );
  pass(String.raw`(?:tính đến )?(?:ngày \d{1,2}/\d{1,2}(?:/\d{4})?|quý [IV]+(?:/\d{4})?|tháng \d{1,2}(?:/\d{4})?|năm \d{4}|\d{1,2} tháng(?: đầu năm)?)`, (m) =>
    shown(parsePeriod(m[0], { year: REFERENCE_YEAR }), show.period),
  );
  pass(String.raw`(thứ) (\d+)`, (m) => shown(parseFigure(m[2] ?? "", m[1] ?? ""), show.figure));
  pass(String.raw`(điểm) tổng hợp đạt (${NUM})`, (m) => shown(parseFigure(m[2] ?? "", m[1] ?? ""), show.figure));
  pass(String.raw`(?<![\p{L}\p{N}.,#-])(${NUM}) ?(${UNIT})(?![\p{L}\p{N}])`, (m) => shown(parseFigure(m[1] ?? "", m[2] ?? ""), show.figure));
  return found.sort((a, b) => a.at - b.at).map((f) => [f.text, f.shown]);
}

const Y = "YOY_GROWTH";
const P = "PCT_OF_PLAN";
// Every expression of the Q1/2023 report, in the order it prints them, with what it must parse to.
const EXPECTED: [string, string][] = [
  ["quý I/2023", "2023-Q1 (quarter)"],
  ["quý I/2023", "2023-Q1 (quarter)"],
  ["640 triệu USD", "640000000 USD ×10^6 (0 dp)"],
  ["tăng 31,96% so cùng kỳ 2022", `${Y} 31.96 (2 dp)`],
  ["30 triệu USD", "30000000 USD ×10^6 (0 dp)"],
  ["tăng 20%", `${Y} 20 (0 dp)`],
  ["1.689,3 tỷ đồng", "1689300000000 VND ×10^9 (1 dp)"],
  ["đạt 20,6% dự toán", `${P} 20.6 (1 dp) of budget-estimate`],
  // trade
  ["quý I", "2023-Q1 (quarter)"],
  ["ngày 8/1/2023", "2023-01-08 (day)"],
  ["5 cửa khẩu", "5 BORDER_GATES ×10^0 (0 dp)"],
  ["640 triệu USD", "640000000 USD ×10^6 (0 dp)"],
  ["đạt 16,84% kế hoạch", `${P} 16.84 (2 dp) of plan`],
  ["tăng 31,96% so cùng kỳ 2022", `${Y} 31.96 (2 dp)`],
  ["300 triệu USD", "300000000 USD ×10^6 (0 dp)"],
  ["đạt 23,08% kế hoạch", `${P} 23.08 (2 dp) of plan`],
  ["tăng 85,71%", `${Y} 85.71 (2 dp)`],
  ["340 triệu USD", "340000000 USD ×10^6 (0 dp)"],
  ["đạt 13,6% kế hoạch", `${P} 13.6 (1 dp) of plan`],
  ["30 triệu USD", "30000000 USD ×10^6 (0 dp)"],
  ["đạt 19,48% kế hoạch", `${P} 19.48 (2 dp) of plan`],
  ["tăng 20%", `${Y} 20 (0 dp)`],
  ["tháng 3", "2023-03 (month)"],
  // tourism
  ["1.350,053 nghìn lượt khách du lịch", "1350053 VISITS ×10^3 (3 dp)"],
  ["đạt 35,9% kế hoạch", `${P} 35.9 (1 dp) of plan`],
  ["tăng 78,6% so cùng kỳ 2022", `${Y} 78.6 (1 dp)`],
  ["1.055 tỷ đồng", "1055000000000 VND ×10^9 (0 dp)"],
  ["đạt 37% kế hoạch", `${P} 37 (0 dp) of plan`],
  ["tăng 281% so cùng kỳ", `${Y} 281 (0 dp)`],
  ["năm 2023", "2023 (year)"],
  // anti-smuggling enforcement
  ["quý I", "2023-Q1 (quarter)"],
  ["820 vụ", "820 CASES ×10^0 (0 dp)"],
  ["tăng 41,6% so cùng kỳ 2022", `${Y} 41.6 (1 dp)`],
  ["675 vụ", "675 CASES ×10^0 (0 dp)"],
  ["tăng 77,17%", `${Y} 77.17 (2 dp)`],
  ["6.698,21 triệu đồng", "6698210000 VND ×10^6 (2 dp)"],
  ["giảm 3,43%", `${Y} -3.43 (2 dp)`],
  ["91 vụ", "91 CASES ×10^0 (0 dp)"],
  ["tăng 40%", `${Y} 40 (0 dp)`],
  // enterprises and cooperatives
  ["Tính đến ngày 27/3", "2023-03-27 (day)"],
  ["122 doanh nghiệp", "122 ENTERPRISES ×10^0 (0 dp)"],
  ["đạt 24,4% kế hoạch", `${P} 24.4 (1 dp) of plan`],
  ["522 tỷ đồng", "522000000000 VND ×10^9 (0 dp)"],
  ["82 doanh nghiệp", "82 ENTERPRISES ×10^0 (0 dp)"],
  ["tăng 11,5%", `${Y} 11.5 (1 dp)`],
  ["3.790 doanh nghiệp", "3790 ENTERPRISES ×10^0 (0 dp)"],
  ["38.785 tỷ đồng", "38785000000000 VND ×10^9 (0 dp)"],
  ["728 chi nhánh, văn phòng đại diện", "728 BRANCHES ×10^0 (0 dp)"],
  ["10 hợp tác xã", "10 COOPERATIVES ×10^0 (0 dp)"],
  ["15,8 tỷ đồng", "15800000000 VND ×10^9 (1 dp)"],
  ["470 hợp tác xã", "470 COOPERATIVES ×10^0 (0 dp)"],
  ["1.045 tỷ đồng", "1045000000000 VND ×10^9 (0 dp)"],
  ["2 liên hiệp hợp tác xã", "2 COOPERATIVE_UNIONS ×10^0 (0 dp)"],
  ["năm 2023", "2023 (year)"],
  // investment
  ["quý I", "2023-Q1 (quarter)"],
  ["3 dự án", "3 PROJECTS ×10^0 (0 dp)"],
  ["976,78 tỷ đồng", "976780000000 VND ×10^9 (2 dp)"],
  ["5 dự án", "5 PROJECTS ×10^0 (0 dp)"],
  ["53,46 tỷ đồng", "53460000000 VND ×10^9 (2 dp)"],
  // state budget revenue
  ["quý I", "2023-Q1 (quarter)"],
  ["1.689,3 tỷ đồng", "1689300000000 VND ×10^9 (1 dp)"],
  ["đạt 20,6% dự toán", `${P} 20.6 (1 dp) of budget-estimate`],
  ["638 tỷ đồng", "638000000000 VND ×10^9 (0 dp)"],
  ["đạt 29% dự toán", `${P} 29 (0 dp) of budget-estimate`],
  ["tăng 8,46%", `${Y} 8.46 (2 dp)`],
  ["1.050 tỷ đồng", "1050000000000 VND ×10^9 (0 dp)"],
  ["đạt 17,5% dự toán", `${P} 17.5 (1 dp) of budget-estimate`],
  // digital transformation
  ["100%", "100 PERCENT ×10^0 (0 dp)"],
  ["228.608 tài khoản", "228608 ACCOUNTS ×10^0 (0 dp)"],
  ["thứ 4", "4 RANK ×10^0 (0 dp)"],
  ["20.962 sản phẩm", "20962 PRODUCTS ×10^0 (0 dp)"],
  ["thứ 2", "2 RANK ×10^0 (0 dp)"],
  ["48.735 giao dịch", "48735 TRANSACTIONS ×10^0 (0 dp)"],
  ["thứ 4", "4 RANK ×10^0 (0 dp)"],
  ["năm 2030", "2030 (year)"],
  ["100%", "100 PERCENT ×10^0 (0 dp)"],
  // competitiveness (PCI 2022, announced 11/4/2023)
  ["Ngày 11/4/2023", "2023-04-11 (day)"],
  ["năm 2022", "2022 (year)"],
  ["điểm tổng hợp đạt 67,88", "67.88 POINTS ×10^0 (2 dp)"],
  ["thứ 15", "15 RANK ×10^0 (0 dp)"],
  ["63 tỉnh, thành phố", "63 PROVINCES ×10^0 (0 dp)"],
  ["21 bậc", "21 RANK_PLACES ×10^0 (0 dp)"],
  ["thứ 5", "5 RANK ×10^0 (0 dp)"],
  ["14 tỉnh", "14 PROVINCES ×10^0 (0 dp)"],
  ["thứ 2", "2 RANK ×10^0 (0 dp)"],
];

describe("the Q1/2023 report", () => {
  it.skipIf(!sourcePath)("parses every figure, percentage and period it prints to the right value", () => {
    const text = readFileSync(sourcePath ?? "", "utf8");
    expect(createHash("sha256").update(text).digest("hex"), "the snapshot changed: re-read it and update EXPECTED").toBe(SHA256);
    expect(walk(text)).toEqual(EXPECTED);
  });
});
