/**
 * Generates a large synthetic pipeline in the project's real input format, deterministically: the
 * same --rows, --seed and --error-rate give the same bytes.
 *
 *   npm run bench:data -- --rows 1000000 [--seed langson] [--error-rate 0.001] [--out DIR]
 *
 * What it writes (default DIR bench/out/pipeline-<rows>/, gitignored):
 * - pipeline.json: one dataset per domain, every indicator once per provincial unit, the rules
 *   (trade total = export + import, trade growth, budget total ≥ domestic + trade, enterprises
 *   active = domestic + FDI), valid against schemas/json/pipeline.schema.json;
 * - sources/: one text snapshot per report (a unit's monthly socio-economic report, ~40–90 figures)
 *   and sources.json with the sha256 of each;
 * - observations.csv: every figure as its report prints it ("1.689,3", "tỷ đồng", "tháng 3/2023",
 *   "ước đạt"), with its quote, a verbatim span of its own report; rows grouped by source;
 * - planted.json: the errors planted on purpose (default 0.1 % of rows) and the findings each must
 *   cause, so that a test can check that the pipeline finds exactly them.
 *
 * Two limits of the current data contract shape the data (see bench/README.md):
 * - the area codelist holds only VN-09, so the 63 provincial units cannot be ref_area values: each
 *   unit gets its own indicator codes (TRADE_EXPORT_VN01 …) and ref_area stays VN-09;
 * - sources.json holds at most 1000 sources, so past ~80 000 rows one snapshot bundles a quarter,
 *   a half-year, a year or several units' years of monthly reports (still one snapshot per bundle,
 *   rows grouped by it, quotes verbatim from their own report inside it).
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { INPUT_OBSERVATION_COLUMNS } from "@langson-open-data/schemas";
import sourcesSchema from "@langson-open-data/schemas/sources.schema.json" with { type: "json" };
import { Prng } from "./_prng.js";
import { PROVINCES, type Province, areaSuffix } from "./_provinces.js";

export const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
/** The newest year generated; the data runs back from it as far as --rows needs. */
export const LAST_YEAR = 2024;
/** sources.json's own cap (maxItems), read from the committed schema so that lifting it is picked up. */
export const MAX_SOURCES: number = (sourcesSchema as { properties: { sources: { maxItems: number } } }).properties.sources.maxItems;

// ---------------------------------------------------------------------------------------------
// What a report states

type DatasetKey = "trade" | "tourism" | "public-finance" | "enterprises" | "market-control" | "investment" | "digital-transformation";

/** A flow indicator: a monthly figure and its running total from January ("lũy kế"). */
interface FlowSpec {
  readonly base: string;
  readonly dataset: DatasetKey;
  /** Sentence subject, as a report writes it. */
  readonly vi: string;
  readonly en: string;
  readonly unitWords: string;
  readonly unit: string;
  /** Decimals printed, in the printed unit. */
  readonly decimals: number;
  /** Mean monthly figure, in the printed unit, for a unit of size 1. */
  readonly mean: number;
  /** The basis of its "% kế hoạch" figure, when reports state one. */
  readonly plan?: "kế hoạch năm" | "dự toán năm";
  /** Decimals of its growth and plan percentages. */
  readonly pctDecimals: number;
  /** A total of these flows (same unit and decimals). */
  readonly parts?: readonly string[];
  /** Share of the total the report leaves unitemized (a partly itemized rule). */
  readonly unitemized?: number;
}

const FLOWS: readonly FlowSpec[] = [
  { base: "TRADE_TOTAL", dataset: "trade", vi: "Tổng kim ngạch xuất nhập khẩu qua địa bàn", en: "Total import-export turnover", unitWords: "triệu USD", unit: "USD", decimals: 1, mean: 0, plan: "kế hoạch năm", pctDecimals: 2, parts: ["TRADE_EXPORT", "TRADE_IMPORT"] },
  { base: "TRADE_EXPORT", dataset: "trade", vi: "Kim ngạch xuất khẩu", en: "Exports", unitWords: "triệu USD", unit: "USD", decimals: 1, mean: 40, plan: "kế hoạch năm", pctDecimals: 2 },
  { base: "TRADE_IMPORT", dataset: "trade", vi: "Kim ngạch nhập khẩu", en: "Imports", unitWords: "triệu USD", unit: "USD", decimals: 1, mean: 45, plan: "kế hoạch năm", pctDecimals: 2 },
  { base: "TRADE_LOCAL_EXPORT", dataset: "trade", vi: "Kim ngạch xuất khẩu hàng địa phương", en: "Exports of local goods", unitWords: "triệu USD", unit: "USD", decimals: 1, mean: 8, plan: "kế hoạch năm", pctDecimals: 1 },
  { base: "TOURISM_VISITS", dataset: "tourism", vi: "Số lượt khách du lịch", en: "Tourist visits", unitWords: "nghìn lượt", unit: "VISITS", decimals: 1, mean: 80, plan: "kế hoạch năm", pctDecimals: 1 },
  { base: "TOURISM_VISITS_INTL", dataset: "tourism", vi: "Số lượt khách quốc tế", en: "International tourist visits", unitWords: "nghìn lượt", unit: "VISITS", decimals: 1, mean: 6, plan: "kế hoạch năm", pctDecimals: 1 },
  { base: "TOURISM_REVENUE", dataset: "tourism", vi: "Doanh thu từ du lịch", en: "Tourism revenue", unitWords: "tỷ đồng", unit: "VND", decimals: 1, mean: 120, plan: "kế hoạch năm", pctDecimals: 1 },
  { base: "BUDGET_REVENUE_TOTAL", dataset: "public-finance", vi: "Tổng thu ngân sách nhà nước trên địa bàn", en: "Total state budget revenue", unitWords: "tỷ đồng", unit: "VND", decimals: 1, mean: 0, plan: "dự toán năm", pctDecimals: 1, parts: ["BUDGET_REVENUE_DOMESTIC", "BUDGET_REVENUE_TRADE"], unitemized: 0.04 },
  { base: "BUDGET_REVENUE_DOMESTIC", dataset: "public-finance", vi: "Thu nội địa", en: "Domestic revenue", unitWords: "tỷ đồng", unit: "VND", decimals: 1, mean: 150, plan: "dự toán năm", pctDecimals: 1 },
  { base: "BUDGET_REVENUE_TRADE", dataset: "public-finance", vi: "Thu từ hoạt động xuất nhập khẩu", en: "Revenue from import-export activity", unitWords: "tỷ đồng", unit: "VND", decimals: 1, mean: 90, plan: "dự toán năm", pctDecimals: 1 },
  { base: "ENTERPRISES_NEW", dataset: "enterprises", vi: "Số doanh nghiệp thành lập mới", en: "New enterprises", unitWords: "doanh nghiệp", unit: "ENTERPRISES", decimals: 0, mean: 40, plan: "kế hoạch năm", pctDecimals: 1 },
  { base: "ENTERPRISES_NEW_CAPITAL", dataset: "enterprises", vi: "Vốn đăng ký của doanh nghiệp thành lập mới", en: "Registered capital of new enterprises", unitWords: "tỷ đồng", unit: "VND", decimals: 1, mean: 300, pctDecimals: 1 },
  { base: "MARKET_CONTROL_CASES", dataset: "market-control", vi: "Số vụ buôn lậu, gian lận thương mại được kiểm tra, xử lý", en: "Smuggling and trade-fraud cases handled", unitWords: "vụ", unit: "CASES", decimals: 0, mean: 60, pctDecimals: 1 },
  { base: "MARKET_CONTROL_PENALTY_AMOUNT", dataset: "market-control", vi: "Số tiền xử lý vi phạm hành chính", en: "Administrative penalties collected", unitWords: "triệu đồng", unit: "VND", decimals: 2, mean: 900, pctDecimals: 2 },
  { base: "MARKET_CONTROL_PROSECUTED", dataset: "market-control", vi: "Số vụ khởi tố", en: "Cases prosecuted", unitWords: "vụ", unit: "CASES", decimals: 0, mean: 6, pctDecimals: 1 },
  { base: "INVESTMENT_PUBLIC_DISBURSED", dataset: "investment", vi: "Giải ngân vốn đầu tư công", en: "Public investment disbursed", unitWords: "tỷ đồng", unit: "VND", decimals: 1, mean: 200, plan: "kế hoạch năm", pctDecimals: 1 },
  { base: "INVESTMENT_FDI_REGISTERED", dataset: "investment", vi: "Vốn đầu tư trực tiếp nước ngoài đăng ký", en: "Registered foreign direct investment", unitWords: "triệu USD", unit: "USD", decimals: 1, mean: 20, pctDecimals: 1 },
];
/** Flows whose values are drawn; totals are added up from them afterwards. */
const DRAWN = FLOWS.filter((f) => !f.parts);
const TOTALS = FLOWS.filter((f) => f.parts);

const STOCKS = [
  { base: "ENTERPRISES_ACTIVE", vi: "Số doanh nghiệp đang hoạt động", en: "Active enterprises" },
  { base: "ENTERPRISES_ACTIVE_DOMESTIC", vi: "Số doanh nghiệp trong nước đang hoạt động", en: "Active domestic enterprises" },
  { base: "ENTERPRISES_ACTIVE_FDI", vi: "Số doanh nghiệp có vốn đầu tư nước ngoài đang hoạt động", en: "Active foreign-invested enterprises" },
] as const;
const SHARE = { base: "DIGITAL_ONLINE_RECORDS_SHARE", vi: "Tỷ lệ hồ sơ trực tuyến toàn trình", en: "Share of applications handled fully online" } as const;

const DATASETS: readonly { key: DatasetKey; vi: string; en: string; provider: { vi: string; en: string } }[] = [
  { key: "trade", vi: "Xuất nhập khẩu", en: "Trade", provider: { vi: "Sở Công Thương", en: "Department of Industry and Trade" } },
  { key: "tourism", vi: "Du lịch", en: "Tourism", provider: { vi: "Sở Văn hóa, Thể thao và Du lịch", en: "Department of Culture, Sports and Tourism" } },
  { key: "public-finance", vi: "Thu ngân sách nhà nước", en: "State budget revenue", provider: { vi: "Sở Tài chính", en: "Department of Finance" } },
  { key: "enterprises", vi: "Doanh nghiệp", en: "Enterprises", provider: { vi: "Sở Kế hoạch và Đầu tư", en: "Department of Planning and Investment" } },
  { key: "market-control", vi: "Chống buôn lậu, gian lận thương mại", en: "Anti-smuggling enforcement", provider: { vi: "Ban Chỉ đạo 389", en: "Steering Committee 389" } },
  { key: "investment", vi: "Đầu tư", en: "Investment", provider: { vi: "Sở Kế hoạch và Đầu tư", en: "Department of Planning and Investment" } },
  { key: "digital-transformation", vi: "Chuyển đổi số", en: "Digital transformation", provider: { vi: "Sở Thông tin và Truyền thông", en: "Department of Information and Communications" } },
];

const PLANNED = FLOWS.filter((f) => f.plan).length;
/** Figures in one unit's monthly report: January has no running total yet. */
export const ROWS_IN_REPORT = { january: FLOWS.length * 2 + STOCKS.length + 1, later: FLOWS.length * 4 + PLANNED + STOCKS.length + 1 } as const;
const rowsInReport = (month: number) => (month === 1 ? ROWS_IN_REPORT.january : ROWS_IN_REPORT.later);
const REPORTS_PER_YEAR = PROVINCES.length * 12;

/** Status words as reports print them, with the status_text a transcriber records. */
const STATUSES = [
  { words: "ước đạt", text: "ước đạt", level: "estimated", weight: 70 },
  { words: "ước thực hiện", text: "ước thực hiện", level: "estimated", weight: 15 },
  { words: "sơ bộ đạt", text: "sơ bộ", level: "preliminary", weight: 10 },
  { words: "đạt", text: "", level: "official", weight: 5 },
] as const;

/** Wrong unit words a transcriber types: unknown to the codelist and absent from the quote. */
const UNIT_TYPOS: Readonly<Record<string, string>> = {
  "triệu USD": "triệu UDS",
  "tỷ đồng": "tỷ đông",
  "nghìn lượt": "nghìn lươt",
  "triệu đồng": "triệu đông",
};

// ---------------------------------------------------------------------------------------------
// Planted errors

/** Kinds of planted error, each chosen so that it causes a known set of findings and nothing else. */
export const PLANT_KINDS = ["unit-word-unknown", "stock-total-mismatch", "share-value-typo", "quote-typo"] as const;
export type PlantKind = (typeof PLANT_KINDS)[number];

/** A finding a planted error must cause: by row, or for rule findings by rule and period. */
export interface ExpectedIssue {
  readonly code: string;
  readonly row?: number;
  readonly column?: string;
  readonly rule?: string;
  readonly indicator?: string;
  readonly period?: string;
}

export interface PlantedError {
  readonly kind: PlantKind;
  /** Row of observations.csv (the header is row 1). */
  readonly row: number;
  readonly source: string;
  readonly indicator: string;
  readonly measure: string;
  readonly what: string;
  readonly expected: readonly ExpectedIssue[];
}

export interface GenerateOptions {
  readonly rows: number;
  readonly seed?: string;
  /** Share of rows with a planted error (default 0.001); 0 for clean data that publishes. */
  readonly errorRate?: number;
  /** The pipeline folder to write; emptied first when it holds an earlier generated pipeline. */
  readonly out: string;
}

export interface GenerateSummary {
  readonly generator: string;
  readonly rows: number;
  readonly seed: string;
  readonly error_rate: number;
  readonly pipeline: string;
  readonly years: readonly [number, number];
  readonly units: number;
  readonly indicators: number;
  readonly rules: number;
  /** Monthly unit reports written (in snapshots) and those whose every figure is in the CSV. */
  readonly reports: number;
  readonly sources: number;
  /** Monthly reports per snapshot (1 when sources.json's cap allows one snapshot per report). */
  readonly reports_per_snapshot: number;
  readonly csv_bytes: number;
  readonly planted: readonly PlantedError[];
}

// ---------------------------------------------------------------------------------------------
// Numbers as a Vietnamese report prints them

/** An integer count of 10^-decimals, printed the Vietnamese way: 16893, 1 → "1.689,3". */
export function formatVi(minor: number, decimals: number): string {
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  const int = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+$)/g, ".");
  return `${neg ? "-" : ""}${int}${decimals ? `,${digits.slice(digits.length - decimals)}` : ""}`;
}

/** Percentage change now/prev − 1, rounded half up to `decimals`, exactly (bigint). */
function growth(now: number, prev: number, decimals: number): { verb: "tăng" | "giảm"; text: string } {
  const num = BigInt(now - prev) * 10n ** BigInt(decimals + 2);
  const den = BigInt(prev);
  const abs = num < 0n ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return { verb: num < 0n && q > 0n ? "giảm" : "tăng", text: formatVi(Number(q), decimals) };
}

/** level ÷ plan × 100, rounded half up to `decimals`, exactly. */
function percentOf(level: number, plan: number, decimals: number): string {
  const num = BigInt(level) * 10n ** BigInt(decimals + 2);
  const den = BigInt(plan);
  return formatVi(Number((2n * num + den) / (2n * den)), decimals);
}

const CSV_SPECIAL = /[",\r\n]|^\s|\s$/;
const csvCell = (s: string) => (CSV_SPECIAL.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

// ---------------------------------------------------------------------------------------------
// The simulated truth of one unit

interface UnitYear {
  /** Flow values per month (index 0 = January), in 10^-decimals of the printed unit. */
  readonly flows: Map<string, number[]>;
  /** Annual plan of each planned flow, same units. */
  readonly plans: Map<string, number>;
  /** End-of-month stocks. */
  readonly domestic: number[];
  readonly fdi: number[];
  /** Tenths of a percent. */
  readonly share: number[];
}

interface UnitState {
  readonly province: Province;
  readonly size: number;
  readonly level: Map<string, number>;
  domestic: number;
  fdi: number;
  share: number;
  /** The year before, for growth rates; the first year's is drawn but not published. */
  previous: UnitYear | undefined;
  current: UnitYear | undefined;
}

const SEASON = [0.82, 0.78, 1.0, 0.97, 1.0, 1.02, 1.01, 1.03, 1.02, 1.05, 1.08, 1.22];

function newUnit(province: Province, rng: Prng): UnitState {
  const size = Math.min(8, Math.max(0.15, Math.exp(rng.normal() * 0.7)));
  const level = new Map<string, number>();
  for (const f of DRAWN) level.set(f.base, f.mean * size * rng.between(0.7, 1.3));
  return {
    province,
    size,
    level,
    domestic: Math.round(900 * size * rng.between(0.8, 1.2)),
    fdi: Math.round(45 * size * rng.between(0.5, 1.5)),
    share: rng.int(80, 400),
    previous: undefined,
    current: undefined,
  };
}

function nextYear(unit: UnitState, rng: Prng): UnitYear {
  const flows = new Map<string, number[]>();
  const plans = new Map<string, number>();
  for (const f of DRAWN) {
    const level = unit.level.get(f.base)! * (1 + rng.between(-0.04, 0.16));
    unit.level.set(f.base, level);
    const scale = 10 ** f.decimals;
    flows.set(
      f.base,
      SEASON.map((s) => Math.max(1, Math.round(level * s * rng.between(0.85, 1.15) * scale))),
    );
    if (f.plan) plans.set(f.base, Math.max(1, Math.round(level * 12 * scale * rng.between(0.95, 1.3))));
  }
  for (const t of TOTALS) {
    const parts = t.parts!.map((p) => flows.get(p)!);
    const other = t.unitemized ?? 0;
    flows.set(
      t.base,
      SEASON.map((_, m) => {
        const sum = parts.reduce((a, p) => a + p[m]!, 0);
        return sum + (other ? Math.round(sum * other * rng.between(0.5, 1.5)) : 0);
      }),
    );
    const planSum = t.parts!.reduce((a, p) => a + plans.get(p)!, 0);
    plans.set(t.base, planSum + (other ? Math.round(planSum * other) : 0));
  }
  const domestic: number[] = [];
  const fdi: number[] = [];
  const share: number[] = [];
  for (let m = 0; m < 12; m++) {
    unit.domestic += Math.max(5, Math.round(rng.between(5, 40) * unit.size));
    unit.fdi += rng.int(0, Math.max(1, Math.round(2 * unit.size)));
    unit.share = Math.min(999, Math.max(50, unit.share + rng.int(-15, 30)));
    domestic.push(unit.domestic);
    fdi.push(unit.fdi);
    share.push(unit.share);
  }
  return { flows, plans, domestic, fdi, share };
}

// ---------------------------------------------------------------------------------------------
// One monthly report: its text and the rows that transcribe it

interface Row {
  readonly indicator: string;
  readonly measure: string;
  readonly period_text: string;
  value_text: string;
  unit_text: string;
  readonly status_text: string;
  quote: string;
  /** What a planted error may target. */
  readonly role: "month-level" | "stock-total" | "share" | "other";
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Period words of a running total from January to `m`. */
function runningPeriod(m: number, y: number): string {
  if (m === 3) return `quý I/${y}`;
  if (m === 6) return `6 tháng đầu năm ${y}`;
  if (m === 9) return `9 tháng năm ${y}`;
  if (m === 12) return `cả năm ${y}`;
  return `${m} tháng đầu năm ${y}`;
}

function buildReport(
  unit: UnitState,
  year: UnitYear,
  y: number,
  m: number,
  status: (typeof STATUSES)[number],
  plant: { kind: PlantKind; rng: Prng } | undefined,
): { text: string; rows: Row[]; plantedNote?: string } {
  const sfx = areaSuffix(unit.province);
  const code = (base: string) => `${base}_${sfx}`;
  const prev = unit.previous!;
  const rows: Row[] = [];
  const lines: string[] = [];
  const st = status.words;
  const monthWords = `tháng ${m}/${y}`;
  let currentSection: DatasetKey | undefined;
  for (const f of FLOWS) {
    if (f.dataset !== currentSection) {
      currentSection = f.dataset;
      const d = DATASETS.find((x) => x.key === f.dataset)!;
      lines.push("", `${d.vi.toUpperCase()}`);
    }
    const months = year.flows.get(f.base)!;
    const before = prev.flows.get(f.base)!;
    const v = months[m - 1]!;
    const g = growth(v, before[m - 1]!, f.pctDecimals);
    const monthPart = `${f.vi} ${monthWords} ${st} ${formatVi(v, f.decimals)} ${f.unitWords}`;
    const growthPart = `${g.verb} ${g.text}% so cùng kỳ`;
    let sentence = `${monthPart}, ${growthPart}`;
    rows.push({ indicator: code(f.base), measure: "LEVEL", period_text: monthWords, value_text: formatVi(v, f.decimals), unit_text: f.unitWords, status_text: status.text, quote: monthPart, role: "month-level" });
    rows.push({ indicator: code(f.base), measure: "YOY_GROWTH", period_text: monthWords, value_text: g.text, unit_text: "%", status_text: status.text, quote: `${monthPart}, ${growthPart}`, role: "other" });
    if (m >= 2) {
      const sum = (xs: number[]) => xs.slice(0, m).reduce((a, b) => a + b, 0);
      const ytd = sum(months);
      const g2 = growth(ytd, sum(before), f.pctDecimals);
      const words = runningPeriod(m, y);
      const ytdPart = `lũy kế ${words} ${st} ${formatVi(ytd, f.decimals)} ${f.unitWords}`;
      const ytdGrowth = `${g2.verb} ${g2.text}% so cùng kỳ`;
      sentence += `; ${ytdPart}, ${ytdGrowth}`;
      rows.push({ indicator: code(f.base), measure: "LEVEL", period_text: words, value_text: formatVi(ytd, f.decimals), unit_text: f.unitWords, status_text: status.text, quote: ytdPart, role: "other" });
      rows.push({ indicator: code(f.base), measure: "YOY_GROWTH", period_text: words, value_text: g2.text, unit_text: "%", status_text: status.text, quote: `${ytdPart}, ${ytdGrowth}`, role: "other" });
      if (f.plan) {
        const pct = percentOf(ytd, year.plans.get(f.base)!, f.pctDecimals);
        const planPart = `đạt ${pct}% ${f.plan}`;
        sentence += `, ${planPart}`;
        // The pipeline reads a percentage from the first "tăng/giảm/đạt X%" of its quote: where the growth
        // rate prints the same number, the plan's quote starts at its own phrase.
        const quote = g2.text === pct ? planPart : `${ytdPart}, ${ytdGrowth}, ${planPart}`;
        rows.push({ indicator: code(f.base), measure: "PCT_OF_PLAN", period_text: words, value_text: pct, unit_text: "%", status_text: status.text, quote, role: "other" });
      }
    }
    lines.push(`- ${sentence}.`);
  }

  // Stocks on the last day of the month, and the share of online applications.
  const day = lastDay(y, m);
  const dom = year.domestic[m - 1]!;
  const fdi = year.fdi[m - 1]!;
  let total = dom + fdi;
  let plantedNote: string | undefined;
  if (plant?.kind === "stock-total-mismatch") {
    // The report itself prints a total that does not add up; it stays at or above last month's total,
    // so that only the totals rule notices.
    const earlier = m === 1 ? -Infinity : year.domestic[m - 2]! + year.fdi[m - 2]!;
    const room = Number.isFinite(earlier) ? total - earlier - 1 : 9;
    const delta = plant.rng.int(2, Math.max(2, room));
    plantedNote = `the report prints ${formatVi(total - delta, 0)} active enterprises where its parts add up to ${formatVi(total, 0)}`;
    total -= delta;
  }
  const dayWords = `ngày ${day}/${m}/${y}`;
  const stockQuotes = [`trên địa bàn có ${formatVi(total, 0)} doanh nghiệp đang hoạt động`, `${formatVi(dom, 0)} doanh nghiệp trong nước`, `${formatVi(fdi, 0)} doanh nghiệp có vốn đầu tư nước ngoài`];
  lines.push("", "DOANH NGHIỆP ĐANG HOẠT ĐỘNG", `- Tính đến ${dayWords}, ${stockQuotes[0]}, gồm ${stockQuotes[1]} và ${stockQuotes[2]}.`);
  [total, dom, fdi].forEach((value, i) =>
    rows.push({ indicator: code(STOCKS[i]!.base), measure: "LEVEL", period_text: dayWords, value_text: formatVi(value, 0), unit_text: "doanh nghiệp", status_text: "", quote: stockQuotes[i]!, role: i === 0 ? "stock-total" : "other" }),
  );
  const share = year.share[m - 1]!;
  const shareQuote = `${SHARE.vi} ${monthWords} đạt ${formatVi(share, 1)}%`;
  lines.push("", "CHUYỂN ĐỔI SỐ", `- ${shareQuote}.`);
  rows.push({ indicator: code(SHARE.base), measure: "LEVEL", period_text: monthWords, value_text: formatVi(share, 1), unit_text: "%", status_text: "", quote: shareQuote, role: "share" });

  const header = [`BÁO CÁO TÌNH HÌNH KINH TẾ - XÃ HỘI THÁNG ${m}/${y}`, `${capitalize(unit.province.vi)} (đơn vị báo cáo ${unit.province.code}; mã chỉ tiêu mang hậu tố ${sfx})`];
  return { text: [...header, ...lines, ""].join("\n"), rows, ...(plantedNote ? { plantedNote } : {}) };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Applies a planted error to one row of a report (the stock total is planted in the text itself). */
function plantInRows(kind: PlantKind, rows: Row[], rng: Prng): { row: Row; what: string } {
  const pickRole = (role: Row["role"], ok: (r: Row) => boolean = () => true) => {
    const candidates = rows.filter((r) => r.role === role && ok(r));
    return rng.pick(candidates);
  };
  switch (kind) {
    case "unit-word-unknown": {
      const row = pickRole("month-level", (r) => r.unit_text in UNIT_TYPOS);
      const was = row.unit_text;
      row.unit_text = UNIT_TYPOS[was]!;
      return { row, what: `unit words "${was}" typed as "${row.unit_text}"` };
    }
    case "share-value-typo": {
      const row = pickRole("share");
      const was = row.value_text;
      const last = Number(was.at(-1));
      row.value_text = `${was.slice(0, -1)}${(last + 3) % 10}`;
      return { row, what: `value ${was} typed as ${row.value_text}` };
    }
    case "quote-typo": {
      const row = pickRole("month-level");
      const was = row.quote;
      const i = [...was].findIndex((c) => c.normalize("NFD").length > 1);
      const chars = [...was];
      chars[i] = chars[i]!.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      row.quote = chars.join("");
      return { row, what: `quote retyped without one diacritic: "${row.quote}"` };
    }
    case "stock-total-mismatch":
      return { row: rows.find((r) => r.role === "stock-total")!, what: "" };
  }
}

function expectedIssues(kind: PlantKind, row: number, r: Row, ruleOf: (base: string) => string, period: string): ExpectedIssue[] {
  switch (kind) {
    case "unit-word-unknown":
      return [
        { code: "quote-unit-mismatch", row, column: "unit_text" },
        { code: "unit-unknown", row, column: "unit_text" },
      ];
    case "share-value-typo":
      return [{ code: "quote-number-mismatch", row, column: "value_text" }];
    case "quote-typo":
      return [{ code: "quote-not-in-source", row, column: "quote" }];
    case "stock-total-mismatch":
      return [{ code: "totals-mismatch", rule: ruleOf("ENTERPRISES_ACTIVE"), indicator: r.indicator, period }];
  }
}

// ---------------------------------------------------------------------------------------------
// Layout: how many reports, years and snapshots

interface Layout {
  readonly years: number;
  readonly firstYear: number;
  /** Index of the report holding the last CSV row, and whether all its rows fit. */
  readonly lastReport: number;
  readonly lastReportComplete: boolean;
  /** Monthly reports per snapshot: 1, 3, 6, 12, or 12·k (k units' years). */
  readonly perSnapshot: number;
  /** Reports generated: up to the end of the snapshot holding the last row. */
  readonly generated: number;
}

export function layout(rows: number, maxSources = MAX_SOURCES): Layout {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`--rows must be a positive integer, got ${rows}`);
  let r = 0;
  let total = 0;
  for (;; r++) {
    total += rowsInReport((r % 12) + 1);
    if (total >= rows) break;
  }
  const lastReport = r;
  const years = Math.floor(lastReport / REPORTS_PER_YEAR) + 1;
  const unitYears = Math.floor(lastReport / 12) + 1;
  const lastMonths = (lastReport % 12) + 1;
  const snapshots = (per: number): number => {
    if (per <= 12) return (unitYears - 1) * (12 / per) + Math.ceil(lastMonths / per);
    const k = per / 12;
    const fullYears = years - 1;
    const unitsLastYear = unitYears - fullYears * PROVINCES.length;
    return fullYears * Math.ceil(PROVINCES.length / k) + Math.ceil(unitsLastYear / k);
  };
  const options = [1, 3, 6, 12, ...Array.from({ length: PROVINCES.length - 1 }, (_, i) => 12 * (i + 2))];
  const perSnapshot = options.find((p) => snapshots(p) <= maxSources);
  if (perSnapshot === undefined) throw new RangeError(`${rows} rows need more than ${maxSources} sources even with one snapshot per year`);
  let generated: number;
  if (perSnapshot <= 12) generated = lastReport - (lastReport % perSnapshot) + perSnapshot;
  else {
    const yearStart = (years - 1) * REPORTS_PER_YEAR;
    const unitInYear = Math.floor((lastReport - yearStart) / 12);
    const k = perSnapshot / 12;
    generated = yearStart + Math.min(PROVINCES.length, (Math.floor(unitInYear / k) + 1) * k) * 12;
  }
  return { years, firstYear: LAST_YEAR - years + 1, lastReport, lastReportComplete: total === rows, perSnapshot, generated };
}

// ---------------------------------------------------------------------------------------------
// pipeline.json

function pipelineJson(id: string, rows: number, firstYear: number): { json: object; indicators: number; rules: number; ruleOf: (unit: Province, base: string) => string } {
  const ruleOf = (p: Province, base: string) => `${base.toLowerCase().replaceAll("_", "-")}.${areaSuffix(p).toLowerCase()}`;
  const attribution = {
    vi: "Dữ liệu tổng hợp do bench/generate.ts sinh ra để đo hiệu năng; không phải số liệu thật.",
    en: "Synthetic data made by bench/generate.ts for benchmarking; not real figures.",
  };
  const datasets = DATASETS.map((d) => {
    const indicators: object[] = [];
    for (const p of PROVINCES) {
      const sfx = areaSuffix(p);
      const unitNote = (en: boolean) => (en ? `${p.en}; the indicator code suffix ${sfx} stands in for ref_area ${p.code}` : `${p.vi}; hậu tố ${sfx} thay cho ref_area ${p.code}`);
      for (const f of FLOWS.filter((x) => x.dataset === d.key)) {
        indicators.push({
          code: `${f.base}_${sfx}`,
          name: { vi: `${f.vi} — ${p.vi}`, en: `${f.en} — ${p.en}` },
          definition: {
            vi: `Chỉ tiêu thời kỳ (dòng), đơn vị ${f.unitWords}, theo báo cáo tháng của ${unitNote(false)}.${f.parts ? ` Bằng tổng của ${f.parts.join(" và ")}${f.unitemized ? " cộng phần nguồn không tách riêng" : ""}.` : ""}`,
            en: `A flow over the period, printed in ${f.unitWords}, from the monthly reports of ${unitNote(true)}.${f.parts ? ` Equals ${f.parts.join(" plus ")}${f.unitemized ? " plus a part the source leaves unitemized" : ""}.` : ""}`,
          },
          unit: f.unit,
          nature: "flow",
        });
      }
      if (d.key === "enterprises") {
        for (const s of STOCKS) {
          indicators.push({
            code: `${s.base}_${sfx}`,
            name: { vi: `${s.vi} — ${p.vi}`, en: `${s.en} — ${p.en}` },
            definition: { vi: `Số đếm tại ngày cuối tháng (tồn), đơn vị doanh nghiệp; ${unitNote(false)}.`, en: `A stock counted on the last day of each month, in enterprises; ${unitNote(true)}.` },
            unit: "ENTERPRISES",
            nature: "stock",
          });
        }
      }
      if (d.key === "digital-transformation") {
        indicators.push({
          code: `${SHARE.base}_${sfx}`,
          name: { vi: `${SHARE.vi} — ${p.vi}`, en: `${SHARE.en} — ${p.en}` },
          definition: { vi: `Tỷ lệ trong tháng, đơn vị phần trăm; ${unitNote(false)}.`, en: `A share for the month, in percent; ${unitNote(true)}.` },
          unit: "PERCENT",
          nature: "share",
        });
      }
    }
    return {
      id: `bench-${d.key}`,
      title: { vi: `${d.vi} (dữ liệu đo hiệu năng)`, en: `${d.en} (benchmark data)` },
      description: {
        vi: `Dữ liệu tổng hợp cho 63 đơn vị cấp tỉnh, từng tháng từ năm ${firstYear} đến năm ${LAST_YEAR} (${rows} dòng đầu vào của cả pipeline), do bench/generate.ts sinh ra để đo tốc độ và bộ nhớ của pipeline. Không phải số liệu thật.`,
        en: `Synthetic figures for 63 provincial units, monthly from ${firstYear} to ${LAST_YEAR} (${rows} input rows in the whole pipeline), generated by bench/generate.ts to measure the pipeline's speed and memory. Not real figures.`,
      },
      domain: d.key,
      keywords: { vi: [d.vi, "dữ liệu tổng hợp", "đo hiệu năng"], en: [d.en, "synthetic data", "benchmark"] },
      publisher: { vi: "Dự án dữ liệu mở Lạng Sơn (bench)", en: "Lạng Sơn open-data project (bench)" },
      provider: d.provider,
      spatial: ["VN-09"],
      frequency: "monthly",
      license: { id: "CC-BY-4.0", title: "Creative Commons Attribution 4.0 International", url: "https://creativecommons.org/licenses/by/4.0/", attribution },
      indicators,
    };
  });
  const rules: object[] = [];
  for (const p of PROVINCES) {
    const c = (base: string) => `${base}_${areaSuffix(p)}`;
    rules.push(
      { id: ruleOf(p, "TRADE_TOTAL"), type: "totals", total: c("TRADE_TOTAL"), components: [c("TRADE_EXPORT"), c("TRADE_IMPORT")], itemized: "full", plans: true, description: "Trade total = exports + imports, and so do their implied annual plans." },
      { id: ruleOf(p, "TRADE_GROWTH"), type: "growth", total: c("TRADE_TOTAL"), components: [c("TRADE_EXPORT"), c("TRADE_IMPORT")], itemized: "full", description: "The year-earlier levels implied by each growth rate add up too." },
      { id: ruleOf(p, "BUDGET_REVENUE_TOTAL"), type: "totals", total: c("BUDGET_REVENUE_TOTAL"), components: [c("BUDGET_REVENUE_DOMESTIC"), c("BUDGET_REVENUE_TRADE")], itemized: "partial", plans: true, description: "Budget total ≥ domestic + trade revenue; the source leaves the rest unitemized." },
      { id: ruleOf(p, "ENTERPRISES_ACTIVE"), type: "totals", total: c("ENTERPRISES_ACTIVE"), components: [c("ENTERPRISES_ACTIVE_DOMESTIC"), c("ENTERPRISES_ACTIVE_FDI")], itemized: "full", plans: false, description: "Active enterprises = domestic + foreign-invested." },
    );
  }
  const json = {
    id,
    title: { vi: `Dữ liệu tổng hợp đo hiệu năng (${rows} dòng)`, en: `Synthetic benchmark pipeline (${rows} rows)` },
    reference_year: LAST_YEAR,
    datasets,
    rules,
  };
  const indicators = datasets.reduce((n, d) => n + d.indicators.length, 0);
  return { json, indicators, rules: rules.length, ruleOf };
}

// ---------------------------------------------------------------------------------------------
// The generator

/** Floyd's sampling: `n` distinct integers of [0, range), ascending. */
function sample(n: number, range: number, rng: Prng): number[] {
  const chosen = new Set<number>();
  for (let j = range - n; j < range; j++) {
    const t = rng.int(0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

function prepareOut(out: string): void {
  if (existsSync(out)) {
    const names = readdirSync(out);
    if (names.length && !names.includes("planted.json")) {
      throw new Error(`${out} exists and is not a generated pipeline (no planted.json); refusing to empty it`);
    }
    rmSync(out, { recursive: true, force: true });
  }
  mkdirSync(join(out, "sources"), { recursive: true });
}

export async function generate(options: GenerateOptions): Promise<GenerateSummary> {
  const seed = options.seed ?? "langson";
  const errorRate = options.errorRate ?? 0.001;
  const rows = options.rows;
  const out = resolve(options.out);
  const plan = layout(rows);
  const pipelineId = `bench-${rows}`;
  prepareOut(out);

  const { json, indicators, rules, ruleOf } = pipelineJson(pipelineId, rows, plan.firstYear);
  writeFileSync(join(out, "pipeline.json"), `${JSON.stringify(json, null, 2)}\n`);

  const rng = new Prng(`${seed}|data`);
  const plantRng = new Prng(`${seed}|plants|${errorRate}`);
  const fullReports = plan.lastReportComplete ? plan.lastReport + 1 : plan.lastReport;
  const plantCount = errorRate > 0 ? Math.min(fullReports, Math.max(PLANT_KINDS.length, Math.round(rows * errorRate))) : 0;
  const plantAt = new Map<number, PlantKind>(sample(plantCount, fullReports, plantRng).map((r, i) => [r, PLANT_KINDS[i % PLANT_KINDS.length]!]));
  const planted: PlantedError[] = [];

  const units = PROVINCES.map((p) => newUnit(p, rng));
  const statusWeights = STATUSES.reduce((a, s) => a + s.weight, 0);
  const pickStatus = () => {
    let x = rng.next() * statusWeights;
    for (const s of STATUSES) if ((x -= s.weight) < 0) return s;
    return STATUSES[0];
  };

  const csvPath = join(out, "observations.csv");
  const fd = openSync(csvPath, "w");
  let buffer: string[] = [];
  let buffered = 0;
  let csvBytes = 0;
  const flush = () => {
    if (!buffered) return;
    const chunk = Buffer.from(buffer.join(""), "utf8");
    writeSync(fd, chunk);
    csvBytes += chunk.length;
    buffer = [];
    buffered = 0;
  };
  const write = (line: string) => {
    buffer.push(line);
    buffered += line.length;
    if (buffered > 1 << 20) flush();
  };
  // Rows are written in this column order below; fail loudly if the contract's order ever changes.
  const COLUMNS = "indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote";
  if (INPUT_OBSERVATION_COLUMNS.join(",") !== COLUMNS) throw new Error(`observations.csv columns changed to ${INPUT_OBSERVATION_COLUMNS.join(",")}; update bench/generate.ts`);
  write(`${COLUMNS}\n`);

  const sources: object[] = [];
  let bundle: { id: string; path: string; texts: string[]; levels: Set<string>; y: number; months: [number, number]; units: Province[] } | undefined;
  const closeBundle = () => {
    if (!bundle) return;
    const b = bundle;
    const [from, to] = b.months;
    const unitsText = b.units.length === 1 ? b.units[0]!.vi : `${b.units.length} đơn vị cấp tỉnh ${b.units[0]!.code} – ${b.units.at(-1)!.code}`;
    const periodVi = from === to ? `tháng ${from}/${b.y}` : to - from === 2 ? `quý ${["I", "II", "III", "IV"][(from - 1) / 3]}/${b.y}` : to - from === 5 ? `6 tháng ${from === 1 ? "đầu" : "cuối"} năm ${b.y}` : `năm ${b.y}`;
    const head = [
      "DỮ LIỆU TỔNG HỢP ĐỂ ĐO HIỆU NĂNG — KHÔNG PHẢI SỐ LIỆU THẬT",
      `(Synthetic benchmark text made by bench/generate.ts --rows ${rows} --seed ${seed}; not a real report.)`,
      `Tập báo cáo tình hình kinh tế - xã hội ${periodVi} — ${unitsText}`,
      "",
    ].join("\n");
    const text = `${head}\n${b.texts.join("\n")}`;
    const bytes = Buffer.from(text, "utf8");
    writeFileSync(join(out, "sources", b.path), bytes);
    const publishedMonth = to === 12 ? `${b.y + 1}-01` : `${b.y}-${String(to + 1).padStart(2, "0")}`;
    const referencePeriod = from === to ? `${b.y}-${String(from).padStart(2, "0")}` : to - from === 2 ? `${b.y}-Q${(from + 2) / 3}` : to - from === 5 ? `${b.y}-S${from === 1 ? 1 : 2}` : `${b.y}`;
    sources.push({
      id: b.id,
      path: b.path,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      title: `Báo cáo tình hình kinh tế - xã hội ${periodVi} — ${unitsText} (dữ liệu tổng hợp)`,
      publisher: "Synthetic benchmark data (bench/generate.ts), not a real publisher",
      author: "",
      language: "vi",
      published: publishedMonth,
      retrieved: `Generated by bench/generate.ts --rows ${rows} --seed ${seed}; synthetic text in the form of a monthly provincial report, not a real document.`,
      terms: "Synthetic data for benchmarking; free to use.",
      reference_period: referencePeriod,
      data_level: b.levels.has("estimated") ? "estimated" : b.levels.has("preliminary") ? "preliminary" : "official",
      media_type: "text/plain; charset=utf-8",
    });
    bundle = undefined;
  };

  let emitted = 0;
  let csvRow = 1;
  const per = plan.perSnapshot;
  for (let r = 0; r < plan.generated; r++) {
    const yearIndex = Math.floor(r / REPORTS_PER_YEAR);
    const u = Math.floor((r % REPORTS_PER_YEAR) / 12);
    const m = (r % 12) + 1;
    const y = plan.firstYear + yearIndex;
    const unit = units[u]!;
    if (m === 1) {
      unit.previous ??= nextYear(unit, rng);
      unit.current = nextYear(unit, rng);
    }
    const year = unit.current!;
    const bundleId =
      per === 1 ? `bench-${areaSuffix(unit.province).toLowerCase()}-${y}-${String(m).padStart(2, "0")}`
      : per === 3 ? `bench-${areaSuffix(unit.province).toLowerCase()}-${y}-q${Math.floor((m - 1) / 3) + 1}`
      : per === 6 ? `bench-${areaSuffix(unit.province).toLowerCase()}-${y}-s${Math.floor((m - 1) / 6) + 1}`
      : per === 12 ? `bench-${areaSuffix(unit.province).toLowerCase()}-${y}`
      : `bench-${y}-g${String(Math.floor(u / (per / 12)) + 1).padStart(2, "0")}`;
    if (bundle && bundle.id !== bundleId) closeBundle();
    bundle ??= { id: bundleId, path: `${bundleId}.vi.txt`, texts: [], levels: new Set(), y, months: [m, m], units: [] };

    const status = pickStatus();
    const kind = plantAt.get(r);
    const report = buildReport(unit, year, y, m, status, kind ? { kind, rng: plantRng } : undefined);
    bundle.texts.push(report.text);
    bundle.levels.add(status.level);
    bundle.months[1] = Math.max(bundle.months[1], m);
    bundle.months[0] = Math.min(bundle.months[0], m);
    if (!bundle.units.includes(unit.province)) bundle.units.push(unit.province);

    if (kind) {
      const { row, what } = plantInRows(kind, report.rows, plantRng);
      const rowNumber = csvRow + 1 + report.rows.indexOf(row);
      const period = row.period_text.replace(/^ngày (\d+)\/(\d+)\/(\d+)$/, (_, d: string, mo: string, yy: string) => `${yy}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`);
      planted.push({
        kind,
        row: rowNumber,
        source: bundleId,
        indicator: row.indicator,
        measure: row.measure,
        what: kind === "stock-total-mismatch" ? report.plantedNote! : what,
        expected: expectedIssues(kind, rowNumber, row, (base) => ruleOf(unit.province, base), period),
      });
    }
    for (const row of report.rows) {
      if (emitted === rows) break;
      write(`${[row.indicator, row.measure, "VN-09", row.period_text, row.value_text, row.unit_text, row.status_text, bundleId, row.quote].map(csvCell).join(",")}\n`);
      emitted++;
      csvRow++;
    }
    if (m === 12) unit.previous = year;
  }
  closeBundle();
  flush();
  closeSync(fd);
  writeFileSync(join(out, "sources", "sources.json"), `${JSON.stringify({ sources }, null, 2)}\n`);

  const summary: GenerateSummary = {
    generator: "bench/generate.ts",
    rows: emitted,
    seed,
    error_rate: errorRate,
    pipeline: pipelineId,
    years: [plan.firstYear, plan.firstYear + plan.years - 1],
    units: PROVINCES.length,
    indicators,
    rules,
    reports: plan.generated,
    sources: sources.length,
    reports_per_snapshot: per,
    csv_bytes: csvBytes,
    planted,
  };
  writeFileSync(join(out, "planted.json"), `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}

// ---------------------------------------------------------------------------------------------
// Command line

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string", default: "1000000" },
      seed: { type: "string", default: "langson" },
      "error-rate": { type: "string", default: "0.001" },
      out: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    process.stdout.write("usage: npm run bench:data -- [--rows 1000000] [--seed langson] [--error-rate 0.001] [--out bench/out/pipeline-<rows>]\n");
    return 0;
  }
  const rows = Number(values.rows);
  const errorRate = Number(values["error-rate"]);
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`--rows must be a positive integer, got ${values.rows}`);
  if (!(errorRate >= 0 && errorRate < 0.1)) throw new RangeError(`--error-rate must be in [0, 0.1), got ${values["error-rate"]}`);
  const out = values.out ?? join(BENCH_DIR, "out", `pipeline-${rows}`);
  const started = performance.now();
  const s = await generate({ rows, seed: values.seed!, errorRate, out });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `${out}: ${s.rows} rows (${(s.csv_bytes / 1e6).toFixed(1)} MB), years ${s.years[0]}–${s.years[1]}, ${s.units} units, ${s.indicators} indicators, ${s.rules} rules, ` +
      `${s.reports} reports in ${s.sources} snapshots (${s.reports_per_snapshot} per snapshot), ${s.planted.length} planted errors; ${seconds.toFixed(1)} s\n`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`bench:data: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
