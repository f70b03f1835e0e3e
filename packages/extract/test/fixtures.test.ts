import { describe, expect, it } from "vitest";
import { extract, scoreCandidates } from "../src/index.js";
import type { Candidate, ScoredRow } from "../src/index.js";
import { fixture, langSon, read, readCsv, report } from "./_helpers.js";

// Reports written in the style of the provincial statistics office, each with the candidates a
// careful reader expects, written by hand from the text (test/fixtures/*.expected.csv).
const FIXTURES = [
  { name: "tháng 7 và 7 tháng đầu năm 2023", report: "thang-7-2023.vi.txt", expected: "thang-7-2023.expected.csv", period: "2023-01/2023-07" },
  { name: "quý II và 6 tháng đầu năm 2023", report: "quy-2-6-thang-2023.vi.txt", expected: "quy-2-6-thang-2023.expected.csv", period: "2023-S1" },
  { name: "9 tháng năm 2023 (text)", report: "9-thang-2023.vi.txt", expected: "9-thang-2023.expected.csv", period: "2023-01/2023-09" },
  { name: "9 tháng năm 2023 (HTML)", report: "9-thang-2023.vi.html", expected: "9-thang-2023.expected.csv", period: "2023-01/2023-09" },
] as const;

const { indicators, referenceYear } = langSon();
const run = (file: string) => extract(read(fixture(file)), { indicators, referenceYear });

describe.each(FIXTURES)("report $name", ({ name, report: file, expected: expectedFile, period }) => {
  const result = run(file);
  const expected = readCsv(fixture(expectedFile)) as unknown as ScoredRow[];
  const score = scoreCandidates(result.candidates, expected);

  it("finds the expected figures: recall and precision by (value, unit, measure)", () => {
    const agreement = report(name, score);
    expect(score.recall).toBe(1);
    expect(score.precision).toBe(1);
    expect(agreement.period).toBe(1);
    expect(agreement.status).toBe(1);
    expect(agreement.indicator).toBe(1);
  });

  it("falls back to the heading's period", () => {
    expect(result.heading.timePeriod).toBe(period);
  });

  it("quotes verbatim: every value_text is in its quote, every quote in the text", () => {
    for (const c of result.candidates) {
      expect(c.quote).toContain(c.value_text);
      expect(result.text).toContain(c.quote);
    }
  });

  it("writes rows the normalizer reads back the same (codelist measures)", () => {
    const differs = result.candidates.filter((c) => /differs/.test(c.paste_check));
    expect(differs.map((c) => `${c.value_text} ${c.measure}: ${c.paste_check}`)).toEqual([]);
  });
});

describe("the HTML and text versions of the 9-month report", () => {
  const key = (c: Candidate) => [c.measure, c.value, c.unit, c.time_period, c.obs_status, c.indicator, c.value_text, c.unit_text, c.period_text, c.status_text].join("|");
  it("give the same candidates", () => {
    expect(run("9-thang-2023.vi.html").candidates.map(key)).toEqual(run("9-thang-2023.vi.txt").candidates.map(key));
  });
});

describe("the distractors in the reports", () => {
  it.each([
    ["thang-7-2023.vi.txt", [["document-number", "247/KH-UBND"], ["plan-period", "2022 - 2025"], ["name-number", "Đề án 06"], ["name-number", "phiên bản 2.0"], ["name-number", "Ảnh 2"], ["caption-number", "5."], ["percentage-points", "giảm 2,1 điểm phần trăm"], ["unit-unknown", "652.300 hồ sơ cấp"]]],
    ["quy-2-6-thang-2023.vi.txt", [["document-number", "25/NQ-CP"], ["date", "20/02/2023"], ["plan-period", "2021 - 2025"], ["name-number", "Hình 3"], ["unit-unknown", "35.210 ha"]]],
    ["9-thang-2023.vi.html", [["document-number", "12/CT-UBND"], ["date", "06/10/2023"], ["plan-period", "2021 – 2025"], ["name-number", "Hình 1"], ["name-number", "Bảng 2"], ["name-number", "phiên bản 2.0"]]],
  ])("%s: each is named for what it is", (file, expected) => {
    const skipped = run(file).skipped.map((s) => [s.code, s.text]);
    for (const pair of expected) expect(skipped).toContainEqual(pair);
  });
});
