import { formatNumber, parsePeriod } from "@langson-open-data/normalize";
import { Decimal, MAGNITUDE_WORDS, UNIT_NOUNS } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extract, htmlToText, periodWords } from "../src/index.js";
import type { Extraction } from "../src/index.js";

/** What must hold for every extraction: each number is in its quote, each quote in the text, at the offset it was read. */
function holds(result: Extraction): void {
  for (const c of result.candidates) {
    expect(c.quote).toContain(c.value_text);
    expect(result.text.slice(c.offset, c.offset + c.value_text.length)).toBe(c.value_text);
    expect(result.text.indexOf(c.quote)).toBeGreaterThanOrEqual(0);
    expect(c.value).toMatch(/^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?$/);
  }
}

// Pieces of report prose, so that generated text reaches the interesting paths, not only "no digits here".
const number = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 3 }))
  .map(([coef, decimals]) => formatNumber(Decimal.of(coef, -decimals), decimals));
const word = fc.constantFrom(
  "tăng", "giảm", "đạt", "bằng", "chiếm", "vượt", "ước đạt", "ước thực hiện", "sơ bộ", "so với cùng kỳ", "so cùng kỳ năm 2022", "so với tháng trước",
  "kế hoạch", "dự toán", "dự toán Trung ương giao", "dự toán tỉnh giao", "lũy kế", "tính đến ngày 27/3", "từ đầu năm", "tháng 7", "7 tháng đầu năm",
  "quý II", "6 tháng", "9 tháng", "cả năm", "năm 2023", "Trong đó,", "xếp thứ", "đứng thứ", "điểm tổng hợp đạt", "Nghị quyết số 25/NQ-CP",
  "Kế hoạch số 247/KH-UBND", "giai đoạn 2021 - 2025", "Đề án 06", "phiên bản 2.0", "Hình 1.", "2/", "Covid-19", "kim ngạch xuất nhập khẩu",
  "thu nội địa", "doanh nghiệp", "(", ")", ",", ";", ".", ":", "/", "%", " % ", "\n", "\n\n", "điểm phần trăm", "<p>", "&nbsp;",
);
const unit = fc.constantFrom(...UNIT_NOUNS.map((n) => n.words), ...MAGNITUDE_WORDS.map((m) => `${m.word} đồng`), "tấn", "ha");
const comparison = fc
  .tuple(fc.constantFrom("tăng", "giảm", "đạt", "bằng", "chiếm", "ước tăng", "(đạt", "giảm còn"), number, fc.constantFrom("%", " %"), fc.constantFrom("", "so với cùng kỳ", "so cùng kỳ 2022", "kế hoạch", "dự toán", "dự toán Trung ương giao", "dự toán tỉnh giao", "so với tháng trước", "so với quý II", "so với đầu năm", "so với kỳ gốc", ")"))
  .map(([verb, n, pct, basis]) => `${verb} ${n}${pct} ${basis}`);
const figure = fc.tuple(number, unit).map(([n, u]) => `${n} ${u}`);
const rank = fc.tuple(fc.constantFrom("xếp thứ", "đứng thứ", "tăng", "giảm"), fc.integer({ min: 1, max: 99 }), fc.constantFrom("/63 tỉnh, thành phố", " bậc", " toàn quốc", "/14 tỉnh")).map(([w, n, t]) => `${w} ${n}${t}`);
const prose = fc
  .array(fc.oneof(number, word, unit, comparison, figure, rank), { maxLength: 60 })
  .map((parts) => `Tình hình kinh tế - xã hội quý I/2023\n\n${parts.join(" ")}`);

describe("the extractor on any text", () => {
  it("never throws, and every candidate's value_text is in its quote (arbitrary Unicode)", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => holds(extract(s))), { numRuns: 120 });
  });

  it("never throws, and every candidate's value_text is in its quote (report-like prose)", () => {
    fc.assert(fc.property(prose, (s) => holds(extract(s))), { numRuns: 120 });
  });

  it("reads HTML without throwing, whatever the markup", () => {
    const html = fc.array(fc.oneof(fc.constantFrom("<p>", "</p>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "&#417;", "&#x110000;", "&bogus;", "<td>", "</td>"), prose, fc.string()), { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(html, (s) => {
        expect(typeof htmlToText(s)).toBe("string");
        holds(extract(s, { html: true }));
      }),
      { numRuns: 60 },
    );
  });
});

describe("periodWords", () => {
  const timePeriod = fc.oneof(
    fc.integer({ min: 1900, max: 2100 }).map(String),
    fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.constantFrom("-S1", "-S2", "-Q1", "-Q2", "-Q3", "-Q4")).map(([y, s]) => `${y}${s}`),
    fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, "0")}`),
    fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 2, max: 11 }).filter((m) => m !== 3 && m !== 6)).map(([y, m]) => `${y}-01/${y}-${String(m).padStart(2, "0")}`),
    fc.date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  );

  it("writes words the normalizer reads back to the same period", () => {
    fc.assert(
      fc.property(timePeriod, (tp) => {
        const words = periodWords(tp);
        expect(words).toBeDefined();
        const back = parsePeriod(words ?? "");
        expect(back.ok && back.value.timePeriod).toBe(tp);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses what is not a TIME_PERIOD", () => {
    expect(periodWords("2023-13")).toBeUndefined();
    expect(periodWords("Q1 2023")).toBeUndefined();
  });
});
