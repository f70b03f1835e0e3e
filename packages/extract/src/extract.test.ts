import { describe, expect, it } from "vitest";
import { extract } from "./index.js";
import type { ExtractOptions } from "./index.js";

const HEADING = "Tình hình kinh tế - xã hội tháng 7 và 7 tháng đầu năm 2023\n\n";
const run = (body: string, options: ExtractOptions = {}) => extract(HEADING + body, options);
/** measure value unit time_period obs_status, one string per candidate. */
const rows = (body: string, options: ExtractOptions = {}) => run(body, options).candidates.map((c) => `${c.measure} ${c.value} ${c.unit} ${c.time_period} ${c.obs_status}`);
const skippedCodes = (body: string) => run(body).skipped.filter((s) => s.offset >= HEADING.length).map((s) => `${s.code}: ${s.text}`);

describe("comparison phrases", () => {
  it("reads growth on the same period, signed by its verb", () => {
    expect(rows("Xuất khẩu tháng 7 ước đạt 210,8 triệu USD, tăng 12,5% so với cùng kỳ năm trước; nhập khẩu 241,5 triệu USD, giảm 3,43% so cùng kỳ.")).toEqual([
      "LEVEL 210800000 USD 2023-07 E",
      "YOY_GROWTH 12.5 PERCENT 2023-07 E",
      "LEVEL 241500000 USD 2023-07 E",
      "YOY_GROWTH -3.43 PERCENT 2023-07 E",
    ]);
  });

  it("takes a bare 'tăng X%' as growth on the same period, the reports' convention", () => {
    expect(run("Khởi tố 91 vụ (tăng 40%).").candidates.map((c) => [c.measure, c.value, c.basis])).toEqual([
      ["LEVEL", "91", ""],
      ["YOY_GROWTH", "40", "same-period"],
    ]);
  });

  it("reads 'bằng X% so với cùng kỳ' as a ratio: 100 means unchanged", () => {
    const found = run("Thu từ hoạt động xuất nhập khẩu 2.517,1 tỷ đồng, bằng 84,6% so với cùng kỳ; thu khác 12 tỷ đồng, bằng 105,3% so với cùng kỳ năm trước.").candidates;
    expect(found.filter((c) => c.measure === "YOY_GROWTH").map((c) => [c.value_text, c.value, c.basis])).toEqual([
      ["84,6", "-15.4", "same-period-ratio"],
      ["105,3", "5.3", "same-period-ratio"],
    ]);
  });

  it("reads percentages of plan and of budget estimates, keeping central and provincial estimates apart", () => {
    const found = run(
      "Tổng kim ngạch xuất nhập khẩu đạt 2.580,4 triệu USD, đạt 67,9% kế hoạch. Tổng thu ngân sách nhà nước đạt 4.125,3 tỷ đồng, đạt 54,3% dự toán Trung ương giao, đạt 50,9% dự toán tỉnh giao; thu nội địa 1.608,2 tỷ đồng, đạt 29% dự toán; chi ngân sách đạt 48,6% dự toán HĐND tỉnh giao.",
    ).candidates.filter((c) => c.unit === "PERCENT");
    expect(found.map((c) => [c.measure, c.value, c.basis])).toEqual([
      ["PCT_OF_PLAN", "67.9", "plan"],
      ["PCT_OF_BUDGET_CENTRAL", "54.3", "budget-estimate-central"],
      ["PCT_OF_BUDGET_PROVINCIAL", "50.9", "budget-estimate-provincial"],
      ["PCT_OF_PLAN", "29", "budget-estimate"],
      ["PCT_OF_BUDGET_PROVINCIAL", "48.6", "budget-estimate-provincial"],
    ]);
  });

  it("names other bases as other measures: month, quarter, start of the year, share of a total", () => {
    expect(
      rows("Chỉ số IIP tháng 7 tăng 2,14% so với tháng trước. Quý II, kim ngạch tăng 41,3% so với quý trước. Dư nợ tín dụng tính đến ngày 31/7/2023 tăng 4,2% so với đầu năm, nợ xấu chiếm 1,09% tổng dư nợ."),
    ).toEqual([
      "MOM_GROWTH 2.14 PERCENT 2023-07 A",
      "QOQ_GROWTH 41.3 PERCENT 2023-Q2 A",
      "GROWTH_SINCE_YEAR_START 4.2 PERCENT 2023-07-31 A",
      "SHARE_OF_TOTAL 1.09 PERCENT 2023-07-31 A",
    ]);
  });

  it("reads 'giảm còn X%' and 'đạt X%' without a basis as the level itself", () => {
    expect(rows("Tỷ lệ hộ nghèo giảm còn 12,5%; tỷ lệ hồ sơ trực tuyến toàn trình đạt 45,6%.").map((r) => r.split(" ").slice(0, 3).join(" "))).toEqual([
      "LEVEL 12.5 PERCENT",
      "LEVEL 45.6 PERCENT",
    ]);
  });

  it("reads absolute changes and rank gains, signed", () => {
    expect(rows("Số doanh nghiệp giải thể giảm 12 doanh nghiệp so với cùng kỳ. Tỉnh xếp thứ 22/63 tỉnh, thành phố, giảm 3 bậc so với năm 2021.").map((r) => r.split(" ").slice(0, 3).join(" "))).toEqual([
      "YOY_CHANGE -12 ENTERPRISES",
      "LEVEL 22 RANK",
      "RANK_TOTAL 63 PROVINCES",
      "RANK_GAIN -3 RANK_PLACES",
    ]);
  });

  it("takes the amount of an increase with no basis as a level ('số vốn tăng 53,46 tỷ đồng')", () => {
    expect(rows("Điều chỉnh 5 dự án, số vốn tăng 53,46 tỷ đồng.").map((r) => r.split(" ").slice(0, 2).join(" "))).toEqual(["LEVEL 5", "LEVEL 53460000000"]);
  });

  it("reads a score printed before its number and ranks printed after 'xếp/đứng thứ'", () => {
    expect(run("Với điểm tổng hợp đạt 67,88, tỉnh xếp thứ 15/63 tỉnh, thành phố; 228.608 tài khoản (đứng thứ 4 toàn quốc).").candidates.map((c) => [c.measure, c.value, c.unit, c.unit_text])).toEqual([
      ["LEVEL", "67.88", "POINTS", "điểm"],
      ["LEVEL", "15", "RANK", "thứ"],
      ["RANK_TOTAL", "63", "PROVINCES", "tỉnh, thành phố"],
      ["LEVEL", "228608", "ACCOUNTS", "tài khoản"],
      ["LEVEL", "4", "RANK", "thứ"],
    ]);
  });
});

describe("periods", () => {
  it("reads month, months from January, quarter, half and whole year from the figure's own clause", () => {
    expect(
      rows(
        "Tháng 7, xuất khẩu đạt 210 triệu USD; 7 tháng đầu năm đạt 1.500 triệu USD; quý II đạt 600 triệu USD; 6 tháng đạt 1.300 triệu USD; 9 tháng năm 2022 đạt 1.800 triệu USD; ước cả năm đạt 3.000 triệu USD.",
      ).map((r) => r.split(" ")[3]),
    ).toEqual(["2023-07", "2023-01/2023-07", "2023-Q2", "2023-S1", "2022-01/2022-09", "2023"]);
  });

  it("takes 'lũy kế từ đầu năm' up to the heading's month", () => {
    const [c] = run("Lũy kế từ đầu năm, thu ngân sách nhà nước đạt 4.125,3 tỷ đồng.").candidates;
    expect([c?.period_text, c?.time_period]).toEqual(["7 tháng đầu năm 2023", "2023-01/2023-07"]);
  });

  it("reads 'tính đến ngày …' as a stock on that day, or a flow counted from 1 January", () => {
    expect(rows("Tính đến ngày 31/7/2023, dư nợ tín dụng đạt 38.650 tỷ đồng. Tính đến ngày 31/7, có 298 doanh nghiệp đăng ký thành lập mới.").map((r) => r.split(" ")[3])).toEqual([
      "2023-07-31",
      "2023-01-01/2023-07-31",
    ]);
    expect(run("Tính đến ngày 31/7, có 298 doanh nghiệp đăng ký thành lập mới.").candidates[0]?.period_text).toBe("tính đến ngày 31/7/2023");
  });

  it("carries a period to later sentences of its paragraph, not to the next paragraph", () => {
    expect(rows("Tháng 7, doanh thu du lịch đạt 198,5 tỷ đồng. Lượt khách đạt 285.400 lượt khách.\n\nThu nội địa đạt 1.608,2 tỷ đồng.").map((r) => r.split(" ")[3])).toEqual([
      "2023-07",
      "2023-07",
      "2023-01/2023-07",
    ]);
  });

  it("ignores the periods a figure is compared with", () => {
    expect(rows("Xuất khẩu tăng 5% so với cùng kỳ năm 2022, đạt 60% kế hoạch năm 2023; thu nội địa đạt 10 tỷ đồng.").map((r) => r.split(" ")[3])).toEqual([
      "2023-01/2023-07",
      "2023-01/2023-07",
      "2023-01/2023-07",
    ]);
  });

  it("falls back to the heading's last period, or to --period", () => {
    const [heading] = run("Thu nội địa đạt 1.608,2 tỷ đồng.").candidates;
    expect([heading?.period_text, heading?.time_period]).toEqual(["7 tháng đầu năm 2023", "2023-01/2023-07"]);
    const [forced] = extract("Thu nội địa đạt 1.608,2 tỷ đồng.", { period: "2023-Q2" }).candidates;
    expect([forced?.period_text, forced?.time_period]).toEqual(["quý II/2023", "2023-Q2"]);
  });

  it("leaves the period empty, and says so, when nothing gives a year", () => {
    const [c] = extract("Quý II, xuất khẩu đạt 600 triệu USD.").candidates;
    expect([c?.period_text, c?.time_period, c?.paste_check]).toEqual(["quý II", "", "indicator-missing period-missing"]);
  });
});

describe("status", () => {
  it("reads ước and sơ bộ from the clause, else from earlier in the sentence", () => {
    const found = run("Xuất khẩu ước đạt 300 triệu USD, nhập khẩu 340 triệu USD. Thu nội địa sơ bộ đạt 638 tỷ đồng. Khởi tố 91 vụ.").candidates;
    expect(found.map((c) => [c.status_text, c.obs_status])).toEqual([
      ["ước đạt", "E"],
      ["ước đạt", "E"],
      ["sơ bộ", "P"],
      ["", "A"],
    ]);
  });

  it("gives the components after 'Trong đó' the status of the total before them", () => {
    expect(rows("Tổng kim ngạch ước đạt 640 triệu USD. Trong đó, xuất khẩu 300 triệu USD.").map((r) => r.split(" ")[4])).toEqual(["E", "E"]);
  });

  it("does not read 'ước' inside 'hiệp ước' or 'quy ước' as an estimate", () => {
    expect(rows("Theo hiệp ước thương mại, xuất khẩu đạt 5 triệu USD.").map((r) => r.split(" ")[4])).toEqual(["A"]);
  });
});

describe("what is not a figure", () => {
  it.each([
    ["Thực hiện Nghị quyết số 25/NQ-CP ngày 20/02/2023 của Chính phủ.", ["document-number: 25/NQ-CP", "date: 20/02/2023"]],
    ["Theo Kế hoạch số 247/KH-UBND của UBND tỉnh.", ["document-number: 247/KH-UBND"]],
    ["Quyết định 1234/QĐ-UBND phê duyệt đề án.", ["document-number: 1234/QĐ-UBND"]],
    ["Kế hoạch phát triển giai đoạn 2021 - 2025, tầm nhìn đến năm 2030.", ["plan-period: 2021 - 2025", "period: năm 2030"]],
    ["Triển khai Đề án 06 của Chính phủ và Chương trình 135.", ["name-number: Đề án 06", "name-number: Chương trình 135"]],
    ["Cổng dịch vụ công được nâng cấp lên phiên bản 2.0, hướng tới Công nghiệp 4.0.", ["name-number: phiên bản 2.0", "name-number: Công nghiệp 4.0"]],
    ["Hình 1. Tốc độ tăng trưởng GRDP", ["name-number: Hình 1"]],
    ["Bảng 2: Một số chỉ tiêu chủ yếu", ["name-number: Bảng 2"]],
    ["1. Sản xuất công nghiệp", ["caption-number: 1."]],
    ["2/ Chủ tịch UBND tỉnh nhận giải thưởng", ["caption-number: 2/"]],
    ["Ngày 11/4/2023, VCCI công bố chỉ số PCI năm 2022.", ["date: 11/4/2023", "period: năm 2022"]],
    ["Phòng chống dịch Covid-19 và cúm A/H5N1.", []],
    ["Sản lượng lương thực đạt 150.000 tấn.", ["unit-unknown: 150.000 tấn"]],
    ["Xây dựng 3 điểm du lịch cộng đồng.", ["unit-ambiguous: 3 điểm du lịch"]],
    ["Tỷ lệ hồ sơ trực tuyến tăng 7,2 điểm phần trăm.", ["percentage-points: tăng 7,2 điểm phần trăm"]],
    ["Kim ngạch vượt 5% kế hoạch.", ["comparison-exceeds: vượt 5% kế hoạch"]],
    ["CPI tăng 3,2% so với kỳ gốc 2019.", ["comparison-unknown-basis: tăng 3,2% so với kỳ gốc 2019", "year: 2019"]],
  ])("%s", (body, codes) => {
    expect(run(body).candidates).toEqual([]);
    expect(skippedCodes(body)).toEqual(codes);
  });

  it("still reads the percentage after a figure in an unknown unit, with that figure as its context", () => {
    const [c] = run("Sản lượng lương thực đạt 150.000 tấn, tăng 2,5% so với cùng kỳ.").candidates;
    expect([c?.measure, c?.value, c?.context]).toEqual(["YOY_GROWTH", "2.5", "Sản lượng lương thực … tấn"]);
  });
});

describe("quotes and restatements", () => {
  it("quotes a comparison together with the figure it belongs to", () => {
    const found = run("Tổng kim ngạch xuất nhập khẩu ước đạt 640 triệu USD (đạt 16,84% kế hoạch, tăng 31,96% so cùng kỳ 2022). Xuất khẩu 300 triệu USD.").candidates;
    expect(found.map((c) => c.quote)).toEqual([
      "Tổng kim ngạch xuất nhập khẩu ước đạt 640 triệu USD",
      "Tổng kim ngạch xuất nhập khẩu ước đạt 640 triệu USD (đạt 16,84% kế hoạch",
      "Tổng kim ngạch xuất nhập khẩu ước đạt 640 triệu USD (đạt 16,84% kế hoạch, tăng 31,96% so cùng kỳ 2022)",
      "Xuất khẩu 300 triệu USD",
    ]);
  });

  it("keeps a figure restated in a later paragraph once, and says so", () => {
    const result = run("Kim ngạch xuất nhập khẩu ước đạt 640 triệu USD.\n\nChi tiết: kim ngạch xuất nhập khẩu ước đạt 640 triệu USD (đạt 16,84% kế hoạch).");
    expect(result.candidates.map((c) => c.measure)).toEqual(["LEVEL", "PCT_OF_PLAN"]);
    expect(result.skipped.filter((s) => s.code === "duplicate")).toHaveLength(1);
  });

  it("keeps equal figures stated side by side in one paragraph", () => {
    expect(rows("Tỉnh có 2 cửa khẩu quốc tế, 2 cửa khẩu chính.")).toHaveLength(2);
  });

  it("quotes the NFC text even when the input is decomposed (NFD) or has odd spaces", () => {
    const [c] = extract("Quý I/2023\n\nXuất khẩu đạt 1\u00A0689,3 tỷ đồng".normalize("NFD")).candidates;
    expect([c?.value_text, c?.quote, c?.value]).toEqual(["1 689,3", "Xuất khẩu đạt 1 689,3 tỷ đồng", "1689300000000"]);
  });
});
