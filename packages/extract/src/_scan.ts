import { parseComparison, parseFigure, parseNumber, parseUnitWords } from "@langson-open-data/normalize";
import type { ParsedUnit } from "@langson-open-data/normalize";
import { Decimal, MAGNITUDE_WORDS, unitDef } from "@langson-open-data/schemas";
import type { UnitCode } from "@langson-open-data/schemas";
import { L, R, overlaps, re } from "./_text.js";
import type { Span } from "./_text.js";
import { BASIS_BEFORE, PERIOD_PHRASES, parseText, resolvePeriod } from "./period.js";

/**
 * The measures a candidate can have. The first five are in the measures codelist; the others name
 * what the text says when it is something else, and are not in the codelist yet (a row with one of
 * them fails validation until the codelist gains it: a decision for a reviewer, not for the extractor).
 */
export const CANDIDATE_MEASURES = [
  "LEVEL",
  "PCT_OF_PLAN",
  "YOY_GROWTH",
  "RANK_TOTAL",
  "RANK_GAIN",
  "PCT_OF_BUDGET_CENTRAL",
  "PCT_OF_BUDGET_PROVINCIAL",
  "MOM_GROWTH",
  "QOQ_GROWTH",
  "GROWTH_SINCE_YEAR_START",
  "SHARE_OF_TOTAL",
  "YOY_CHANGE",
  "MOM_CHANGE",
  "QOQ_CHANGE",
  "CHANGE_SINCE_YEAR_START",
] as const;
export type CandidateMeasure = (typeof CANDIDATE_MEASURES)[number];

/**
 * What a comparison is measured against. "-ratio" marks a ratio printed as "bằng/đạt X% so với …":
 * the value is then X − 100, as the normalizer reads it (100% means unchanged).
 */
export type Basis =
  | ""
  | "plan"
  | "budget-estimate"
  | "budget-estimate-central"
  | "budget-estimate-provincial"
  | "same-period"
  | "same-period-ratio"
  | "previous-month"
  | "previous-month-ratio"
  | "previous-quarter"
  | "previous-quarter-ratio"
  | "year-start"
  | "year-start-ratio"
  | "total";

/** Why a number in the text is not a candidate: it is a date, a document number, has no known unit, … */
export interface SkippedNumber {
  /** Stable kebab-case reason: "date", "year", "document-number", "unit-unknown", "percentage-points", … */
  readonly code: string;
  /** The number and a few words around it, as printed. */
  readonly text: string;
  readonly offset: number;
  readonly message: string;
}

/** A masked span: words that hold digits but are not figures. */
interface Mask extends Span {
  readonly kind: string;
}

/** A period phrase in the text. `basis` when it names what a figure is compared with ("so với cùng kỳ năm 2022"). */
export interface PeriodSpan extends Span {
  readonly text: string;
  readonly kind: "day" | "period" | "ytd";
  readonly basis: boolean;
}

export interface StatusSpan extends Span {
  readonly text: string;
}

/** A number the extractor read, with its unit and measure; an "anchor" is one without a known unit (context for what follows). */
export interface Item {
  readonly kind: "figure" | "anchor";
  /** Where its own words start: the verb of a comparison, the "/" of a rank total, else the number. */
  readonly start: number;
  readonly numStart: number;
  readonly numEnd: number;
  /** End of its unit words, or of the basis words of a comparison. */
  readonly end: number;
  /** The noun phrase after it ("doanh nghiệp đăng ký thành lập mới") and where that ends. */
  readonly rightText: string;
  readonly rightEnd: number;
  readonly valueText: string;
  readonly unitText: string;
  readonly measure: CandidateMeasure;
  readonly basis: Basis;
  readonly value: Decimal;
  readonly unit: UnitCode | "";
  readonly unitMult: number;
  readonly decimals: number;
  /** A comparison, share or rank total: it belongs to the figure before it when nothing comes between. */
  readonly dependent: boolean;
  readonly rankOf?: Item;
  readonly skip?: { readonly code: string; readonly message: string };
}

export interface Scan {
  readonly items: readonly Item[];
  readonly periods: readonly PeriodSpan[];
  readonly statuses: readonly StatusSpan[];
  readonly skipped: readonly SkippedNumber[];
}

const MAGNITUDE = new RegExp(`^(?:${MAGNITUDE_WORDS.map((m) => m.word).join("|")})\\s+`, "iu");

// Masks, in the order they claim text: a later pattern never takes text an earlier one holds.
const DATE_WORDS = String.raw`${L}ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?${R}`;
const DATES = [
  String.raw`${L}\d{1,2}\s*\/\s*\d{1,2}\s*\/\s*\d{2,4}${R}`,
  String.raw`${L}\d{1,2}\s*[-.]\s*\d{1,2}\s*[-.]\s*\d{4}${R}`,
  String.raw`${L}(?:0?[1-9]|[12]\d|3[01])\s*\/\s*(?:0?[1-9]|1[0-2])(?![\p{L}\p{N}]|\s*\/)`,
];
// Document numbers are upper-case codes: "25/NQ-CP", "247/KH-UBND", "06/2023/NĐ-CP".
const DOCUMENT_NUMBER = new RegExp(String.raw`${L}\d+(?:\/\d{2,4})?\/[\p{Lu}][\p{Lu}\p{N}]+(?:[-–.\/][\p{Lu}\p{N}]+)*`, "gu");
const NAMED_NUMBER = String.raw`${L}(?:nghị\s+quyết|quyết\s+định|kế\s+hoạch|chỉ\s+thị|công\s+văn|thông\s+tư|nghị\s+định|kết\s+luận|thông\s+báo|văn\s+bản|tờ\s+trình|đề\s+án|chương\s+trình|dự\s+án|luật|điều|khoản|mục|phụ\s+lục|bảng|biểu\s+đồ|biểu|hình|ảnh|sơ\s+đồ|ban\s+chỉ\s+đạo|phiên\s+bản|version|quốc\s+lộ|tỉnh\s+lộ|đường\s+tỉnh|đường\s+huyện|km|tổ|chương|phần|lô|khu|cụm|số\s+nhà|điện\s+thoại|hotline|fax|mã\s+số|ký\s+hiệu|covid|sars-cov|công\s+nghiệp)(?:\s*[-–:]\s*|\s+)(?:số\s+)?\d(?:[\p{L}\p{N}\/\-]|\.(?=[\p{L}\p{N}]))*`;
// "1. Sản xuất công nghiệp", "2/ Chủ tịch UBND tỉnh …", "II. THƯƠNG MẠI", "a) …": section and caption numbers.
const CAPTION_NUMBER = /^[ \t]*(?:\d{1,2}(?:\.\d{1,2})*|[IVXLC]{1,6}|[a-zđ])[ \t]*[/.)](?=[ \t])/gmu;
const PLAN_RANGE = String.raw`${L}\d{4}\s*[-–—]\s*\d{4}${R}`;
const YEAR = String.raw`${L}(?:19|20)\d{2}${R}`;

const STATUS = re(String.raw`${L}(?<!(?:hiệp|quy|công|giao|điều|mơ|ao|nguyện|khế|cam|thề|hẹn)\s)(?:ước(?:\s+(?:đạt|thực\s+hiện|tính|khoảng))?|sơ\s+bộ)${R}`);

const RANK = re(String.raw`${L}(?:xếp|đứng)(?:\s+(?:ở|tại))?(?:\s+vị\s+trí)?\s+(thứ|hạng)\s+(\d{1,3})(?:\s*\/\s*(\d{1,3}))?(?![\p{L}\p{N}]|[.,]\d)`, "giud");
const SCORE = re(String.raw`${L}(điểm)(?:\s+(?:tổng\s+hợp|số|trung\s+bình|bình\s+quân))?\s+(?:đạt|là)(?:\s+được)?\s+(\d+(?:,\d+)?)(?![\p{L}\p{N}]|[.,]\d|\s*%|\s+điểm)`, "giud");

// Digits grouped by "." (or by spaces: editors put NBSPs there, and normalizeText makes them spaces), "," before decimals.
const NUMBER = /(?<![\p{L}\p{N}_/\-−])(?<!\d[.,])(?:\d{1,3}(?: \d{3})+(?:,\d+)?(?![\p{N}]|[.,]\d)|\d+(?:[.,]\d+)*)/gu;
const VERB = new RegExp(
  String.raw`(?:${L}ước(?:\s+tính)?\s+)?${L}(tăng|giảm|đạt|bằng|chiếm|vượt)(?:\s+(lên|xuống|còn|thêm|khoảng|gần|hơn|trên|được|ở\s+mức|mức))?\s+$`,
  "iu",
);

type BasisKind = "none" | "unknown" | "same-period" | "previous-month" | "previous-quarter" | "year-start" | "plan" | "budget-estimate" | "budget-estimate-central" | "budget-estimate-provincial";
const BASES: readonly [BasisKind, RegExp][] = [
  ["same-period", new RegExp(String.raw`^\s*(?:so\s+(?:với\s+)?)?cùng\s+kỳ(?:\s+năm\s+trước|\s+năm\s+\d{4}|\s+\d{4})?${R}`, "iu")],
  ["previous-month", new RegExp(String.raw`^\s*so\s+(?:với\s+)?tháng\s+(?:trước|liền\s+kề|\d{1,2}(?:\s*\/\s*\d{4})?)${R}`, "iu")],
  ["previous-quarter", new RegExp(String.raw`^\s*so\s+(?:với\s+)?quý\s+(?:trước|liền\s+kề|IV|III|II|I|[1-4])(?:\s*\/\s*\d{4})?${R}`, "iu")],
  ["year-start", new RegExp(String.raw`^\s*so\s+(?:với\s+)?(?:đầu\s+năm|cuối\s+năm\s+(?:trước|\d{4})|(?:ngày\s+)?31\s*\/\s*12(?:\s*\/\s*\d{4})?)${R}`, "iu")],
  ["plan", new RegExp(String.raw`^\s*(?:so\s+(?:với\s+)?)?(?:kế\s+hoạch|KH)(?:\s+năm)?(?:\s+\d{4})?${R}`, "iu")],
  ["budget-estimate", new RegExp(String.raw`^\s*(?:so\s+(?:với\s+)?)?dự\s+toán(?:\s+năm)?(?:\s+\d{4})?(?:\s+(trung\s+ương|TW|HĐND\s+tỉnh|UBND\s+tỉnh|tỉnh|địa\s+phương)\s+giao)?${R}`, "iu")],
  // "so 2021", "so với năm 2022": the same period of an earlier year.
  ["same-period", new RegExp(String.raw`^\s*so\s+(?:với\s+)?(?:năm\s+)?\d{4}${R}`, "iu")],
  ["unknown", /^\s*so\s+(?:với\s+)?[^,;.()]*/iu],
];

/** What the words after a percentage compare it with, and how long those words are. */
function readBasis(after: string): { kind: BasisKind; length: number } {
  for (const [kind, pattern] of BASES) {
    const m = pattern.exec(after);
    if (!m) continue;
    if (kind === "budget-estimate") {
      const giver = m[1]?.toLowerCase().replace(/\s+/g, " ");
      if (giver === undefined) return { kind, length: m[0].length };
      return { kind: giver === "trung ương" || giver === "tw" ? "budget-estimate-central" : "budget-estimate-provincial", length: m[0].length };
    }
    return { kind, length: m[0].length };
  }
  return { kind: "none", length: 0 };
}

// Words that end the noun phrase after a figure.
const STOP_WORDS = new Set(["tăng", "giảm", "đạt", "bằng", "chiếm", "so", "với", "và", "trong", "ước", "vượt", "là", "có", "xếp", "đứng", "còn"]);
// After "lượt", "điểm", "tỉnh", "thứ", "hạng" a noun makes them part of another phrase ("3 điểm du lịch", "12 lượt hồ sơ").
const AMBIGUOUS_NOUNS = new Set(["lượt", "điểm", "tỉnh", "thứ", "hạng"]);
const AMBIGUOUS_OK_NEXT = new Set([...STOP_WORDS, "của", "trên", "toàn", "năm", "so", "khách"]);

/** Words after a position up to punctuation, a stop word, a digit or a line break: at most `max` of them. */
function followWords(text: string, from: number, limit: number, max = 12): { text: string; end: number } {
  const W = /[ \t]*([^\s,;:()[\]…]+)/y;
  W.lastIndex = from;
  let end = from;
  const words: string[] = [];
  while (words.length < max) {
    const m = W.exec(text);
    if (!m || W.lastIndex > limit) break;
    let word = m[1] ?? "";
    const sentenceEnd = /[.!?]+$/.exec(word);
    if (sentenceEnd) word = word.slice(0, -sentenceEnd[0].length);
    if (word === "" || /\d/.test(word) || STOP_WORDS.has(word.toLowerCase())) break;
    words.push(word);
    end = W.lastIndex - (sentenceEnd?.[0].length ?? 0);
    if (sentenceEnd) break;
  }
  return { text: words.join(" "), end };
}

interface UnitRead {
  readonly unitText: string;
  readonly end: number;
  readonly parsed: ParsedUnit;
}

/** The longest run of words right after a number that the normalizer reads as unit words. */
function readUnit(text: string, from: number, limit: number): UnitRead | undefined {
  const pct = /^[ \t]?%/.exec(text.slice(from, from + 2));
  if (pct) {
    const parsed = parseUnitWords("%");
    return parsed.ok ? { unitText: "%", end: from + pct[0].length, parsed: parsed.value } : undefined;
  }
  const W = /[ \t]+(\S+)/y;
  W.lastIndex = from;
  const words: { start: number; end: number }[] = [];
  while (words.length < 7) {
    const m = W.exec(text);
    if (!m || W.lastIndex > limit) break;
    const word = m[1] ?? "";
    if (/\d/.test(word) || word.startsWith("(")) break;
    words.push({ start: W.lastIndex - word.length, end: W.lastIndex });
    if (/[;:()]/.test(word) || /[.!?…]$/.test(word)) break;
  }
  const first = words[0];
  if (!first) return undefined;
  for (let k = words.length; k >= 1; k--) {
    const raw = text.slice(first.start, words[k - 1]?.end ?? first.end);
    const unitText = raw.replace(/[\s,.;:!?…)"”'’]+$/u, "");
    if (unitText === "" || /[()]/.test(unitText)) continue;
    const parsed = parseUnitWords(unitText);
    if (parsed.ok) return { unitText, end: first.start + unitText.length, parsed: parsed.value };
  }
  return undefined;
}

const lower = (s: string | undefined) => (s ?? "").toLowerCase().replace(/\s+/g, " ");

/** Scans the whole (normalized) text: masks, period and status phrases, and every number with what it measures. */
export function scan(text: string, blocks: readonly Span[]): Scan {
  const masks: Mask[] = [];
  const periods: PeriodSpan[] = [];
  const items: Item[] = [];
  const skipped: SkippedNumber[] = [];
  const claimed: Span[] = [];
  const free = (s: Span) => !masks.some((m) => overlaps(m, s)) && !claimed.some((c) => overlaps(c, s));
  const blockOf = (pos: number) => blocks.find((b) => b.start <= pos && pos < b.end) ?? { start: pos, end: pos };
  const mask = (source: string | RegExp, kind: string, keep?: (m: RegExpExecArray) => boolean) => {
    const pattern = typeof source === "string" ? re(source) : source;
    for (const m of text.matchAll(pattern)) {
      const span = { start: m.index, end: m.index + m[0].length, kind };
      if (span.end > span.start && free(span) && (keep?.(m) ?? true)) masks.push(span);
    }
  };
  const skip = (start: number, end: number, code: string, message: string) =>
    skipped.push({ code, text: text.slice(start, Math.min(text.length, end)).replace(/\s+/g, " ").trim(), offset: start, message });

  // Ranks and scores first: "xếp thứ 15/63" would otherwise read as a date, "điểm tổng hợp đạt 67,88" has no unit after it.
  for (const m of text.matchAll(RANK)) {
    const block = blockOf(m.index);
    const [word, nAt, mAt] = [m.indices?.[1], m.indices?.[2], m.indices?.[3]];
    if (!word || !nAt) continue;
    const unitText = text.slice(word[0], word[1]);
    const rank = parseFigure(text.slice(nAt[0], nAt[1]), unitText);
    if (!rank.ok) continue;
    let end = nAt[1];
    let total: Item | undefined;
    if (mAt) {
      const unit = readUnit(text, mAt[1], block.end);
      const totalFigure = unit ? parseFigure(text.slice(mAt[0], mAt[1]), unit.unitText) : undefined;
      if (unit && totalFigure?.ok) {
        end = unit.end;
        total = {
          kind: "figure", start: nAt[1], numStart: mAt[0], numEnd: mAt[1], end, rightText: "", rightEnd: end,
          valueText: text.slice(mAt[0], mAt[1]), unitText: unit.unitText, measure: "RANK_TOTAL", basis: "",
          value: totalFigure.value.value, unit: totalFigure.value.unit, unitMult: totalFigure.value.unitMult, decimals: totalFigure.value.decimals, dependent: true,
        };
      } else {
        end = mAt[1];
        skip(mAt[0], mAt[1] + 20, "rank-total-unit-unknown", `the rank total ${text.slice(mAt[0], mAt[1])} is not followed by unit words the normalizer knows ("tỉnh, thành phố", "tỉnh", …)`);
      }
    }
    const right = followWords(text, end, block.end);
    const rankItem: Item = {
      kind: "figure", start: nAt[0], numStart: nAt[0], numEnd: nAt[1], end, rightText: right.text, rightEnd: right.end,
      valueText: text.slice(nAt[0], nAt[1]), unitText, measure: "LEVEL", basis: "",
      value: rank.value.value, unit: rank.value.unit, unitMult: rank.value.unitMult, decimals: rank.value.decimals, dependent: false,
    };
    items.push(rankItem);
    claimed.push({ start: m.index, end: m.index + m[0].length });
    if (total) items.push({ ...total, rankOf: rankItem, end: total.end, rightEnd: Math.max(total.end, right.end) });
  }
  for (const m of text.matchAll(SCORE)) {
    const [word, nAt] = [m.indices?.[1], m.indices?.[2]];
    if (!word || !nAt || !free({ start: nAt[0], end: nAt[1] })) continue;
    const unitText = text.slice(word[0], word[1]);
    const score = parseFigure(text.slice(nAt[0], nAt[1]), unitText);
    if (!score.ok) continue;
    items.push({
      kind: "figure", start: nAt[0], numStart: nAt[0], numEnd: nAt[1], end: nAt[1], rightText: "", rightEnd: nAt[1],
      valueText: text.slice(nAt[0], nAt[1]), unitText, measure: "LEVEL", basis: "",
      value: score.value.value, unit: score.value.unit, unitMult: score.value.unitMult, decimals: score.value.decimals, dependent: false,
    });
    claimed.push({ start: nAt[0], end: nAt[1] });
  }

  // Periods are masks too, but remembered: a figure takes its period from the nearest one before it.
  const period = (source: string, kind: PeriodSpan["kind"]) => {
    for (const m of text.matchAll(re(source))) {
      const span = { start: m.index, end: m.index + m[0].length };
      if (!free(span)) continue;
      const block = blockOf(m.index);
      const before = text.slice(Math.max(block.start, m.index - 30), m.index);
      // A phrase the normalizer cannot read ("15 tháng") is a duration, not a period.
      if (kind !== "ytd" && !resolvePeriod(parseText(m[0]), 2000)) {
        masks.push({ ...span, kind: "duration" });
        continue;
      }
      masks.push({ ...span, kind: "period" });
      periods.push({ ...span, text: m[0], kind, basis: kind !== "day" && BASIS_BEFORE.test(before) });
    }
  };
  const day = PERIOD_PHRASES.find((p) => p.kind === "day");
  if (day) period(day.source, "day");
  mask(DATE_WORDS, "date");
  for (const p of PERIOD_PHRASES) if (p.kind !== "day") period(p.source, p.kind);
  for (const d of DATES) mask(d, "date");
  mask(DOCUMENT_NUMBER, "document-number");
  mask(NAMED_NUMBER, "name-number");
  mask(CAPTION_NUMBER, "caption-number");
  mask(PLAN_RANGE, "plan-period");
  mask(YEAR, "year");

  const statuses: StatusSpan[] = [...text.matchAll(STATUS)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));

  const reported = new Set<Mask>();
  const tokens = [...text.matchAll(NUMBER)].flatMap((m) => {
    const tok = { start: m.index, end: m.index + m[0].length };
    // "tháng 7 200 tỷ đồng" is not "7 200": a space-grouped number that runs into a mask is read digit group by digit group.
    if (!m[0].includes(" ") || free(tok)) return [tok];
    return [...m[0].matchAll(/\d+(?:,\d+)?/g)].map((g) => ({ start: m.index + g.index, end: m.index + g.index + g[0].length }));
  });
  for (const tok of tokens) {
    const valueText = text.slice(tok.start, tok.end);
    const held = masks.find((k) => overlaps(k, tok));
    if (held) {
      if (!reported.has(held)) skip(held.start, held.end, held.kind, `"${text.slice(held.start, held.end)}" is a ${held.kind.replace(/-/g, " ")}, not a figure`);
      reported.add(held);
      continue;
    }
    if (claimed.some((c) => overlaps(c, tok))) continue;
    const block = blockOf(tok.start);
    const next = text.slice(tok.end, tok.end + 3);
    if (/^\p{L}/u.test(next) || /^\s*\/\s*\d/.test(next)) {
      skip(tok.start, tok.end + 8, "not-a-figure", `"${valueText}" is part of a code, name or fraction, not a figure`);
      continue;
    }
    const number = parseNumber(valueText);
    if (!number.ok) {
      skip(tok.start, tok.end, number.error.code, number.error.message);
      continue;
    }
    const item = classify(text, tok, valueText, block, skip);
    if (item) items.push(item);
  }
  items.sort((a, b) => a.numStart - b.numStart);
  return { items, periods, statuses, skipped };
}

/** Reads the unit, verb and basis around one number and decides its measure and value. */
function classify(text: string, tok: Span, valueText: string, block: Span, skip: (start: number, end: number, code: string, message: string) => void): Item | undefined {
  const before = text.slice(Math.max(block.start, tok.start - 48), tok.start);
  const verbMatch = VERB.exec(before);
  const verb = lower(verbMatch?.[1]);
  const modifier = lower(verbMatch?.[2]);
  const verbStart = verbMatch ? tok.start - before.length + verbMatch.index : tok.start;
  const toLevel = modifier === "lên" || modifier === "xuống" || modifier === "còn";
  const unit = readUnit(text, tok.end, block.end);
  const base = { numStart: tok.start, numEnd: tok.end, valueText };

  if (!unit) {
    const right = followWords(text, tok.end, block.end, 3);
    skip(tok.start, right.end, "unit-unknown", `"${valueText}${right.text ? ` ${right.text}` : ""}" has no unit words the normalizer knows`);
    // Still an anchor: "9.850 lao động, đạt 70,4% kế hoạch" — the percentage belongs to it.
    return { ...base, kind: "anchor", start: tok.start, end: tok.end, rightText: right.text, rightEnd: right.end, unitText: "", measure: "LEVEL", basis: "", value: Decimal.ZERO, unit: "", unitMult: 0, decimals: 0, dependent: false, skip: { code: "unit-unknown", message: "" } };
  }
  const afterUnit = text.slice(unit.end, Math.min(block.end, unit.end + 120));

  if (unit.parsed.unit === "PERCENT") {
    const basis = readBasis(afterUnit);
    const end = unit.end + basis.length;
    const comparison = (measure: CandidateMeasure, basisName: Basis, phraseBasis: string | undefined, ratio: boolean): Item | undefined => {
      let value: Decimal;
      let decimals: number;
      if (phraseBasis !== undefined) {
        // The normalizer's own reading: sign from the verb, ratio to growth, plan bases.
        const parsed = parseComparison(`${verb} ${valueText}%${phraseBasis ? ` ${phraseBasis}` : ""}`);
        if (!parsed.ok) {
          skip(verbStart, end, parsed.error.code, parsed.error.message);
          return undefined;
        }
        value = parsed.value.value;
        decimals = parsed.value.decimals;
      } else {
        const n = parseNumber(valueText);
        if (!n.ok) return undefined;
        value = ratio ? n.value.value.sub(Decimal.fromInt(100)) : verb === "giảm" ? n.value.value.neg() : n.value.value;
        decimals = n.value.decimals;
      }
      return { ...base, kind: "figure", start: verbStart, end, rightText: "", rightEnd: end, unitText: unit.unitText, measure, basis: basisName, value, unit: "PERCENT", unitMult: 0, decimals, dependent: true };
    };
    if ((verb === "tăng" || verb === "giảm") && !toLevel) {
      switch (basis.kind) {
        case "none":
        case "same-period":
          return comparison("YOY_GROWTH", "same-period", "so cùng kỳ", false);
        case "previous-month":
          return comparison("MOM_GROWTH", "previous-month", undefined, false);
        case "previous-quarter":
          return comparison("QOQ_GROWTH", "previous-quarter", undefined, false);
        case "year-start":
          return comparison("GROWTH_SINCE_YEAR_START", "year-start", undefined, false);
        case "unknown":
          skip(verbStart, end, "comparison-unknown-basis", `"${text.slice(verbStart, end)}": the basis is none of cùng kỳ, tháng trước, quý trước, đầu năm, kế hoạch, dự toán`);
          return undefined;
        default:
          skip(verbStart, end, "comparison-unsupported", `"${text.slice(verbStart, end)}": growth against a plan is not a measure here`);
          return undefined;
      }
    }
    if (verb === "đạt" || verb === "bằng") {
      switch (basis.kind) {
        case "plan":
          return comparison("PCT_OF_PLAN", "plan", "kế hoạch", false);
        case "budget-estimate":
          return comparison("PCT_OF_PLAN", "budget-estimate", "dự toán", false);
        case "budget-estimate-central":
          return comparison("PCT_OF_BUDGET_CENTRAL", "budget-estimate-central", "dự toán trung ương giao", false);
        case "budget-estimate-provincial":
          return comparison("PCT_OF_BUDGET_PROVINCIAL", "budget-estimate-provincial", "dự toán tỉnh giao", false);
        case "same-period":
          return comparison("YOY_GROWTH", "same-period-ratio", "so cùng kỳ", true);
        case "previous-month":
          return comparison("MOM_GROWTH", "previous-month-ratio", undefined, true);
        case "previous-quarter":
          return comparison("QOQ_GROWTH", "previous-quarter-ratio", undefined, true);
        case "year-start":
          return comparison("GROWTH_SINCE_YEAR_START", "year-start-ratio", undefined, true);
        case "unknown":
          skip(verbStart, end, "comparison-unknown-basis", `"${text.slice(verbStart, end)}": the basis is none of cùng kỳ, tháng trước, quý trước, đầu năm, kế hoạch, dự toán`);
          return undefined;
        case "none":
          break; // "tỷ lệ … đạt 45,6%": the percentage is the level itself.
      }
    }
    if (verb === "chiếm") {
      const total = followWords(text, unit.end, block.end, 8);
      const n = parseNumber(valueText);
      if (!n.ok) return undefined;
      return { ...base, kind: "figure", start: verbStart, end: total.end, rightText: "", rightEnd: total.end, unitText: unit.unitText, measure: "SHARE_OF_TOTAL", basis: "total", value: n.value.value, unit: "PERCENT", unitMult: 0, decimals: n.value.decimals, dependent: true };
    }
    if (verb === "vượt") {
      skip(verbStart, end, "comparison-exceeds", `"${text.slice(verbStart, end)}": a margin over a plan; the percentage of plan would be derived, not stated`);
      return undefined;
    }
    const level = parseFigure(valueText, unit.unitText);
    if (!level.ok) return undefined;
    const right = followWords(text, unit.end, block.end);
    return { ...base, kind: "figure", start: tok.start, end: unit.end, rightText: right.text, rightEnd: right.end, unitText: unit.unitText, measure: "LEVEL", basis: "", value: level.value.value, unit: "PERCENT", unitMult: 0, decimals: level.value.decimals, dependent: false };
  }

  // Not a percentage: the unit words name what is counted or paid.
  const noun = unit.unitText.replace(MAGNITUDE, "");
  const nextWord = /^[ \t]+([\p{L}]+)/u.exec(afterUnit)?.[1]?.toLowerCase();
  const points = /^\s+phần\s+trăm/iu.exec(afterUnit);
  if (unit.parsed.unit === "POINTS" && points) {
    const end = unit.end + points[0].length;
    skip(verbStart, end, "percentage-points", `"${text.slice(tok.start, end)}" is a change in percentage points, not a figure in points`);
    return undefined;
  }
  if (AMBIGUOUS_NOUNS.has(lower(noun)) && nextWord !== undefined && !AMBIGUOUS_OK_NEXT.has(nextWord)) {
    const right = followWords(text, tok.end, block.end, 3);
    skip(tok.start, right.end, "unit-ambiguous", `"${valueText} ${right.text}": "${noun}" starts another noun phrase here, so it is not the unit`);
    return { ...base, kind: "anchor", start: tok.start, end: tok.end, rightText: right.text, rightEnd: right.end, unitText: "", measure: "LEVEL", basis: "", value: Decimal.ZERO, unit: "", unitMult: 0, decimals: 0, dependent: false, skip: { code: "unit-ambiguous", message: "" } };
  }
  const figure = parseFigure(valueText, unit.unitText);
  if (!figure.ok) {
    skip(tok.start, unit.end, figure.error.code, figure.error.message);
    return undefined;
  }
  const { value, unit: code, unitMult, decimals } = figure.value;
  if ((verb === "tăng" || verb === "giảm") && !toLevel) {
    const basis = readBasis(afterUnit);
    const end = unit.end + basis.length;
    const signed = verb === "giảm" ? value.neg() : value;
    const change = (measure: CandidateMeasure, basisName: Basis): Item => ({ ...base, kind: "figure", start: verbStart, end, rightText: "", rightEnd: end, unitText: unit.unitText, measure, basis: basisName, value: signed, unit: code, unitMult, decimals, dependent: true });
    if (code === "RANK_PLACES") return change("RANK_GAIN", "");
    switch (basis.kind) {
      case "same-period":
        return change("YOY_CHANGE", "same-period");
      case "previous-month":
        return change("MOM_CHANGE", "previous-month");
      case "previous-quarter":
        return change("QOQ_CHANGE", "previous-quarter");
      case "year-start":
        return change("CHANGE_SINCE_YEAR_START", "year-start");
      case "none":
        break; // "số vốn tăng 53,46 tỷ đồng": the amount of an increase is a level.
      default:
        skip(verbStart, end, "comparison-unknown-basis", `"${text.slice(verbStart, end)}": an absolute change against a basis that is not a measure here`);
        return undefined;
    }
  }
  const right = followWords(text, unit.end, block.end);
  const rightText = unitDef(code)?.kind === "count" ? [noun, right.text].filter(Boolean).join(" ") : right.text;
  return { ...base, kind: "figure", start: tok.start, end: unit.end, rightText, rightEnd: Math.max(unit.end, right.end), unitText: unit.unitText, measure: "LEVEL", basis: "", value, unit: code, unitMult, decimals, dependent: false };
}
