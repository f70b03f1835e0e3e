import { normalizeObservation, normalizeText, parseStatus } from "@langson-open-data/normalize";
import type { ParsedPeriod } from "@langson-open-data/normalize";
import { MEASURE_CODES, TIME_PERIOD_PATTERN, unitDef } from "@langson-open-data/schemas";
import type { InputObservation, ObsStatus, UnitCode } from "@langson-open-data/schemas";
import { scan } from "./_scan.js";
import type { Basis, CandidateMeasure, Item, PeriodSpan, SkippedNumber, StatusSpan } from "./_scan.js";
import { fold } from "./_text.js";
import type { Span } from "./_text.js";
import { htmlToText, looksLikeHtml } from "./html.js";
import { INDICATOR_SYNONYMS, IndicatorMatcher } from "./indicators.js";
import type { IndicatorEntry } from "./indicators.js";
import { monthsReached, periodTextFor, periodWords, resolvePeriod } from "./period.js";

/**
 * One figure found in a report, ready for review. The first nine fields are the columns of a
 * pipeline's observations.csv, in its order; the rest say what the extractor made of them.
 */
export interface Candidate {
  /** Suggested indicator code from the registry; "" when no name or synonym matched. */
  readonly indicator: string;
  readonly measure: CandidateMeasure;
  readonly ref_area: string;
  /** Period words the normalizer reads: "quý I/2023", "7 tháng đầu năm 2023", "tính đến ngày 27/3/2023". */
  readonly period_text: string;
  /** The number exactly as printed: "1.689,3". Always occurs in `quote`. */
  readonly value_text: string;
  /** The unit words as printed ("tỷ đồng", "%", "thứ"). */
  readonly unit_text: string;
  /** Status words as printed ("ước đạt", "ước thực hiện", "sơ bộ"), or "". */
  readonly status_text: string;
  readonly source: string;
  /** A verbatim span of the (NFC, HTML-reduced) text that states the figure. */
  readonly quote: string;
  /** Canonical base-unit decimal, as the pipeline's normalizeObservation would give it. */
  readonly value: string;
  readonly unit: UnitCode;
  readonly unit_mult: number;
  readonly decimals: number;
  readonly time_period: string;
  readonly obs_status: ObsStatus;
  /** What a comparison is against: "plan", "budget-estimate-central", "same-period-ratio", … ("" for levels). */
  readonly basis: Basis;
  /** The phrase naming what is measured: "Tổng kim ngạch xuất nhập khẩu qua địa bàn". */
  readonly context: string;
  /**
   * Space-separated problems that stop the row from pasting cleanly: "indicator-missing",
   * "measure-not-in-codelist", or a normalizer code when normalizeObservation reads the row
   * differently (or not at all). "" when the row pastes as is.
   */
  readonly paste_check: string;
  /** Offset of the number in the NFC text, and its 1-based line. */
  readonly offset: number;
  readonly line: number;
}

/** The report heading and the period and status a figure falls back to. */
export interface ReportHeading {
  readonly text: string;
  readonly line: number;
  readonly year: number | undefined;
  /** Fallback period words ("quý I/2023"), from `--period` when given, else the heading's last period. */
  readonly periodText: string;
  readonly timePeriod: string;
  readonly statusText: string;
}

export interface Extraction {
  /** The text the quotes and offsets refer to: HTML reduced, then NFC-normalized. */
  readonly text: string;
  readonly heading: ReportHeading;
  readonly candidates: readonly Candidate[];
  /** Numbers that are not candidates, each with its reason: dates, document numbers, unknown units, duplicates … */
  readonly skipped: readonly SkippedNumber[];
}

export interface ExtractOptions {
  /** Fallback TIME_PERIOD for figures whose text names none, instead of the heading's ("2023-Q2"). */
  readonly period?: string;
  /** Indicators to suggest from (see indicatorRegistry); none: indicator stays "". */
  readonly indicators?: readonly IndicatorEntry[];
  readonly synonyms?: Readonly<Record<string, readonly string[]>>;
  /** Year for period words without one when neither the heading nor `period` gives it (pipeline.json's reference_year). */
  readonly referenceYear?: number;
  /** Source id for the source column; default "". */
  readonly source?: string;
  /** Default "VN-09" (Lạng Sơn). */
  readonly refArea?: string;
  /** Treat the input as HTML; default: sniff it. */
  readonly html?: boolean;
}

/** Thrown when an internal guarantee breaks (a quote that does not hold its number): a bug, never bad input. */
export class ExtractInvariantError extends Error {
  override readonly name = "ExtractInvariantError";
}

interface Resolved {
  parent?: Item;
  levelParent?: Item;
  inheritFrom?: Item;
  quoteStart: number;
  quoteEnd: number;
  context: string;
  match: string;
  periodText: string;
  timePeriod: string;
  periodKind?: ParsedPeriod["kind"];
  statusText: string;
  indicator?: IndicatorEntry;
}

const FLOW_WORDS = /(?:thành lập mới|cấp mới|đăng ký mới|giải ngân|khởi tố|xử lý|thu hút|đón|doanh thu|xuất khẩu|nhập khẩu|thu ngân sách|thu nội địa|chi ngân sách|tiêu thụ|sản xuất|trở lại)/u;
const QUOTE_LEAD = /^(?:[\s,;:.()\-–—…"“”'’]+|(?:trong đó|theo đó|cụ thể|đồng thời|bên cạnh đó|ngoài ra|do đó|vì vậy|và|với)(?![\p{L}\p{N}]))/iu;
const CONTEXT_LEAD = /^(?:[\s,;:.()\-–—…"“”'’]+|(?:trong đó|theo đó|cụ thể|riêng|đồng thời|bên cạnh đó|ngoài ra|tính chung|tính riêng|bình quân|lũy kế|luỹ kế|cộng dồn|dự kiến|trong|và|với|có|hiện có|còn|do|đến nay|hiện nay|tính đến|đến)(?![\p{L}\p{N}]))/iu;
const CONTEXT_TRAIL = /(?:[\s,;:.()\-–—…"“”'’]+|(?<![\p{L}\p{N}])(?:đạt được|đạt|là|có|hiện có|ở mức|mức|khoảng|gần|hơn|trên|với|thực hiện|tính|được|chỉ|và|(?:tăng|giảm)\s+(?:lên|xuống|còn)))$/iu;
const SENTENCE_INHERITS = /^[\s"“(]*(?:trong đó|riêng|cụ thể)(?![\p{L}\p{N}])/iu;
const ABBREVIATION = /(?:^|\s)(?:TP|Tp|TX|Tx|ThS|TS|PGS|GS|Q|P|St|Mr|Ms|Dr)$/u;

/**
 * Finds every figure of a Vietnamese socio-economic report (plain text or HTML) and returns them as
 * candidate rows for a pipeline's observations.csv. Pure: no I/O, never throws on any input text.
 *
 * @example
 * const { candidates } = extract("Kinh tế - xã hội quý I/2023\n\nXuất khẩu ước đạt 300 triệu USD, tăng 85,71% so cùng kỳ.");
 * // [{ measure: "LEVEL", value: "300000000", unit: "USD", time_period: "2023-Q1", obs_status: "E", … },
 * //  { measure: "YOY_GROWTH", value: "85.71", unit: "PERCENT", … }]
 */
export function extract(input: string, options: ExtractOptions = {}): Extraction {
  const reduced = options.html ?? looksLikeHtml(input) ? htmlToText(input) : input;
  const text = normalizeText(reduced);
  const blocks = splitBlocks(text);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  const { items, periods, statuses, skipped: scanSkipped } = scan(text, blocks);
  const heading = findHeading(text, periods, statuses, options, lineOf);
  const year = heading.year;
  const skipped: SkippedNumber[] = [...scanSkipped];
  const matcher = new IndicatorMatcher(options.indicators ?? [], options.synonyms ?? INDICATOR_SYNONYMS);
  const resolved = new Map<Item, Resolved>();
  const get = (item: Item): Resolved => {
    const r = resolved.get(item);
    if (!r) throw new ExtractInvariantError("an item was used before it was resolved");
    return r;
  };

  for (const block of blocks) {
    const sentences = splitSentences(text, block);
    const blockItems = items.filter((i) => i.numStart >= block.start && i.numStart < block.end);
    let lastOfPreviousSentence: Item | undefined;
    for (const sentence of sentences) {
      const sentenceItems = blockItems.filter((i) => i.numStart >= sentence.start && i.numStart < sentence.end);
      let prev: Item | undefined;
      let lastLevel: Item | undefined;
      for (const item of sentenceItems) {
        const r: Resolved = { quoteStart: item.start, quoteEnd: item.end, context: "", match: "", periodText: "", timePeriod: "", statusText: "" };
        const gapFrom = prev ? Math.max(prev.end, prev.rightEnd) : sentence.start;
        if (item.rankOf) r.parent = item.rankOf;
        else if (item.dependent && prev && attaches(text.slice(gapFrom, item.start))) r.parent = (resolved.get(prev)?.parent ?? prev);
        if (!item.dependent) r.levelParent = lastLevel;

        if (r.parent) {
          const root = get(r.parent);
          r.quoteStart = root.quoteStart;
          r.context = root.context;
          r.match = root.match;
        } else {
          const left = leftSpan(text, sentence, Math.max(gapFrom, clauseStart(text, sentence, item.start)), item.start);
          r.quoteStart = left.start;
          const own = cleanContext(text, left.start, item.start, periods, statuses);
          const inherit = own === "" && (item.dependent || (unitKind(item.unit) !== "count" && item.rightText === "")) ? (item.dependent ? prev ?? lastLevel : lastLevel) : undefined;
          if (inherit) {
            r.inheritFrom = inherit;
            r.context = get(inherit).context;
          } else {
            r.context = [own, item.rightText].filter((s) => s !== "").join(" … ");
          }
        }
        r.quoteEnd = quoteEnd(text, r.quoteStart, Math.max(item.end, item.dependent ? item.end : item.rightEnd), block.end);
        if (!r.parent) r.match = fold(text.slice(r.quoteStart, r.quoteEnd));

        // Period and status: a figure's own clause, else the nearest before it in its paragraph, else the heading.
        if (r.parent) {
          const root = get(r.parent);
          Object.assign(r, { periodText: root.periodText, timePeriod: root.timePeriod, periodKind: root.periodKind, statusText: root.statusText });
        } else {
          const p = nearestPeriod(periods, block, item.numStart);
          const period = p ? periodOf(p, year, heading) : undefined;
          r.periodText = period?.text ?? heading.periodText;
          r.timePeriod = period?.parsed?.timePeriod ?? (period ? "" : heading.timePeriod);
          r.periodKind = period ? period.parsed?.kind : resolvePeriod(heading.periodText, year)?.kind;
          const s = nearestStatus(statuses, sentence, item.numStart);
          if (s) r.statusText = s.text;
          else if (SENTENCE_INHERITS.test(text.slice(sentence.start, sentence.end)) && lastOfPreviousSentence) r.statusText = get(lastOfPreviousSentence).statusText;
          else r.statusText = heading.statusText;
        }

        r.indicator = suggest(item, r, matcher, resolved, text.slice(block.start, item.numStart));
        if (r.periodKind === "day" && !r.parent) {
          const nature = r.indicator?.nature ?? (FLOW_WORDS.test(fold(r.context)) ? "flow" : "stock");
          if (nature === "flow" && /^\d{4}-\d{2}-\d{2}$/.test(r.timePeriod)) r.timePeriod = `${r.timePeriod.slice(0, 4)}-01-01/${r.timePeriod}`;
        }
        resolved.set(item, r);
        prev = item;
        if (!item.dependent) lastLevel = item;
      }
      lastOfPreviousSentence = sentenceItems.at(-1) ?? lastOfPreviousSentence;
    }
  }

  const candidates: Candidate[] = [];
  // A restatement (the lead paragraph's summary, say) is the same figure in another paragraph.
  const seen = new Map<string, number>();
  const blockIndex = (pos: number) => blocks.findIndex((b) => b.start <= pos && pos < b.end);
  const refArea = options.refArea ?? "VN-09";
  for (const item of items) {
    if (item.kind !== "figure" || item.unit === "") continue;
    const r = resolved.get(item);
    if (!r) continue;
    const candidate = toCandidate(text, item, r, { refArea, source: options.source ?? "", year, line: lineOf(item.numStart) });
    const key = [candidate.indicator || fold(candidate.context), candidate.measure, candidate.value, candidate.unit, candidate.time_period].join("|");
    const firstBlock = seen.get(key);
    if (firstBlock !== undefined && firstBlock !== blockIndex(item.numStart)) {
      skipped.push({ code: "duplicate", text: candidate.quote, offset: item.numStart, message: `the report states ${candidate.value_text} ${candidate.unit_text} (${candidate.measure}) again; the first statement is kept` });
      continue;
    }
    if (firstBlock === undefined) seen.set(key, blockIndex(item.numStart));
    candidates.push(candidate);
  }
  skipped.sort((a, b) => a.offset - b.offset);
  return { text, heading, candidates, skipped };
}

/** Blocks of text separated by blank lines: the paragraphs. */
function splitBlocks(text: string): Span[] {
  const blocks: Span[] = [];
  let start = 0;
  for (const m of text.matchAll(/\n[ \t\r]*\n\s*/g)) {
    if (m.index > start) blocks.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) blocks.push({ start, end: text.length });
  return blocks;
}

/** Sentences of a block: they end at ".", "!", "?" or "…" before a capital, a digit or the end of the block. */
function splitSentences(text: string, block: Span): Span[] {
  const out: Span[] = [];
  let start = block.start;
  const body = text.slice(block.start, block.end);
  for (const m of body.matchAll(/[.!?…]+(?=\s+["“(]?[\p{Lu}\p{N}]|\s*$)/gu)) {
    const end = block.start + m.index + m[0].length;
    if (ABBREVIATION.test(text.slice(Math.max(block.start, end - m[0].length - 4), end - m[0].length))) continue;
    out.push({ start, end });
    start = end;
  }
  if (start < block.end) out.push({ start, end: block.end });
  return out;
}

/** Start of the clause holding a position: after the last ";" or ":" of its sentence before it. */
function clauseStart(text: string, sentence: Span, pos: number): number {
  for (let i = pos - 1; i >= sentence.start; i--) {
    const c = text[i];
    if (c === ";" || (c === ":" && !/\d/.test(text[i - 1] ?? "") )) return i + 1;
  }
  return sentence.start;
}

/** A comparison belongs to the figure before it when only punctuation and "và" separate them, or it opens a parenthesis. */
function attaches(gap: string): boolean {
  if (/[;:]/.test(gap)) return false;
  if (/\(\s*$/.test(gap)) return true;
  return gap.replace(/[\s,()]+/g, " ").replace(/(?<![\p{L}])(?:và|đồng thời)(?![\p{L}])/giu, " ").trim() === "";
}

/**
 * Where a figure's own words start: the comma-separated segments before it, from the nearest back,
 * as long as they hold at most 16 words (syllables) together (always at least one), without leading connectors.
 */
function leftSpan(text: string, sentence: Span, from: number, to: number): Span {
  let start = to;
  let words = 0;
  const left = text.slice(from, to);
  const cuts = [0, ...[...left.matchAll(/,\s+/g)].map((m) => m.index + m[0].length)];
  for (let k = cuts.length - 1; k >= 0; k--) {
    const cut = cuts[k] ?? 0;
    const segmentWords = left.slice(cut, start - from).split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    if (start !== to && words + segmentWords > 16) break;
    words += segmentWords;
    start = from + cut;
  }
  start = Math.max(start, sentence.start);
  for (let m = QUOTE_LEAD.exec(text.slice(start, to)); m && m[0].length > 0; m = QUOTE_LEAD.exec(text.slice(start, to))) start += m[0].length;
  return { start, end: to };
}

/** The words naming what is measured: the figure's own words without periods, status words, connectors and verbs. */
function cleanContext(text: string, start: number, end: number, periods: readonly PeriodSpan[], statuses: readonly StatusSpan[]): string {
  let s = "";
  let at = start;
  const cuts = [...periods, ...statuses].filter((p) => p.start >= start && p.end <= end).sort((a, b) => a.start - b.start);
  for (const cut of cuts) {
    if (cut.start < at) continue;
    s += `${text.slice(at, cut.start)} `;
    at = cut.end;
  }
  s += text.slice(at, end);
  s = s.replace(/\s+/g, " ");
  for (;;) {
    const before = s;
    s = s.replace(CONTEXT_LEAD, "").replace(CONTEXT_TRAIL, "");
    if (s === before) break;
  }
  return s.trim();
}

/** Where a quote ends: after the figure, with a closing parenthesis it opened, without trailing punctuation. */
function quoteEnd(text: string, start: number, end: number, limit: number): number {
  let e = end;
  while (e > start && /[\s,;:(]/.test(text[e - 1] ?? "")) e--;
  const quote = text.slice(start, e);
  const open = (quote.match(/\(/g) ?? []).length - (quote.match(/\)/g) ?? []).length;
  const close = /^\s*\)/.exec(text.slice(e, limit));
  if (open > 0 && close) e += close[0].length;
  return e;
}

const unitKind = (unit: UnitCode | "") => (unit === "" ? undefined : unitDef(unit)?.kind);

function nearestPeriod(periods: readonly PeriodSpan[], block: Span, pos: number): PeriodSpan | undefined {
  let best: PeriodSpan | undefined;
  for (const p of periods) if (!p.basis && p.start >= block.start && p.end <= pos && (!best || p.start > best.start)) best = p;
  return best;
}

function nearestStatus(statuses: readonly StatusSpan[], sentence: Span, pos: number): StatusSpan | undefined {
  let best: StatusSpan | undefined;
  for (const s of statuses) if (s.start >= sentence.start && s.end <= pos && (!best || s.start > best.start)) best = s;
  return best;
}

/** Period words of a phrase: "từ đầu năm" becomes the months the report's period reaches. */
function periodOf(p: PeriodSpan, year: number | undefined, heading: ReportHeading): { text: string; parsed: ParsedPeriod | undefined } {
  if (p.kind === "ytd") {
    const months = monthsReached(heading.timePeriod);
    if (months === undefined || year === undefined) return { text: heading.periodText, parsed: resolvePeriod(heading.periodText, year) };
    const text = `${months} tháng đầu năm ${year}`;
    return { text, parsed: resolvePeriod(text, year) };
  }
  const text = periodTextFor(p.text, year);
  return { text, parsed: resolvePeriod(text, year) };
}

function findHeading(text: string, periods: readonly PeriodSpan[], statuses: readonly StatusSpan[], options: ExtractOptions, lineOf: (pos: number) => number): ReportHeading {
  const lines: Span[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) if (m[0].trim() !== "") lines.push({ start: m.index, end: m.index + m[0].length });
  const candidates = lines.slice(0, 12);
  const dated = candidates.find((l) => /(?<!\d)(?:19|20)\d{2}(?!\d)/.test(text.slice(l.start, l.end)) && periods.some((p) => !p.basis && p.kind === "period" && p.start >= l.start && p.end <= l.end));
  const line = dated ?? candidates[0] ?? { start: 0, end: 0 };
  const headingText = text.slice(line.start, line.end).trim();
  const printedYear = dated ? Number(/(?<!\d)((?:19|20)\d{2})(?!\d)/.exec(headingText)?.[1]) : undefined;
  const forced = options.period !== undefined && TIME_PERIOD_PATTERN.test(options.period) ? options.period : undefined;
  const year = printedYear ?? (forced ? Number(forced.slice(0, 4)) : options.referenceYear);
  let periodText = "";
  let timePeriod = "";
  if (forced) {
    periodText = periodWords(forced) ?? "";
    timePeriod = forced;
  } else if (dated) {
    const own = periods.filter((p) => !p.basis && p.kind === "period" && p.start >= line.start && p.end <= line.end).sort((a, b) => a.start - b.start);
    for (const p of own) {
      const words = periodTextFor(p.text, year);
      const parsed = resolvePeriod(words, year);
      if (parsed) [periodText, timePeriod] = [words, parsed.timePeriod];
    }
  }
  const status = statuses.find((s) => s.start >= line.start && s.end <= line.end);
  return { text: headingText, line: lineOf(line.start), year, periodText, timePeriod, statusText: status?.text ?? "" };
}

/** Suggests an indicator: the parent's for a comparison; derived capital and rank indicators; else names and synonyms. */
function suggest(item: Item, r: Resolved, matcher: IndicatorMatcher, resolved: ReadonlyMap<Item, Resolved>, paragraphBefore: string): IndicatorEntry | undefined {
  if (item.unit === "") return undefined;
  if (r.parent) return resolved.get(r.parent)?.indicator;
  const source = r.inheritFrom ? resolved.get(r.inheritFrom) : undefined;
  if (item.dependent) return source ? source.indicator : matcher.match({ unit: item.unit, own: r.match, anyUnit: true });
  const parent = r.levelParent ? resolved.get(r.levelParent)?.indicator : undefined;
  if (parent) {
    const derived =
      unitKind(item.unit) === "currency" && /(?:^|\s)vốn(?:\s|$)/u.test(fold(r.context)) ? matcher.get(`${parent.code}_CAPITAL`) : item.unit === "RANK" ? matcher.get(`${parent.code}_RANK`) : undefined;
    if (derived && derived.unit === item.unit) return derived;
  }
  if (source?.indicator && source.indicator.unit === item.unit) return source.indicator;
  const rankOrScore = item.unit === "RANK" || item.unit === "POINTS";
  return matcher.match({
    unit: item.unit,
    own: r.match,
    ...(source ? { parent: source.match } : {}),
    ...(rankOrScore ? { paragraph: fold(paragraphBefore) } : {}),
  });
}

function toCandidate(text: string, item: Item, r: Resolved, ctx: { refArea: string; source: string; year: number | undefined; line: number }): Candidate {
  const quote = text.slice(r.quoteStart, r.quoteEnd);
  // The extractor never invents: the number it reports is in the quote, at the place it read it.
  if (!(r.quoteStart <= item.numStart && item.numEnd <= r.quoteEnd) || text.slice(item.numStart, item.numEnd) !== item.valueText || !quote.includes(item.valueText)) {
    throw new ExtractInvariantError(`quote "${quote.slice(0, 80)}" does not hold "${item.valueText}" read at offset ${item.numStart}`);
  }
  if (item.unit === "") throw new ExtractInvariantError("an anchor became a candidate");
  const statusText = r.statusText.replace(/\s+/g, " ");
  const base = {
    indicator: r.indicator?.code ?? "",
    measure: item.measure,
    ref_area: ctx.refArea,
    period_text: r.periodText,
    value_text: item.valueText,
    unit_text: item.unitText.replace(/\s+/g, " "),
    status_text: statusText,
    source: ctx.source,
    quote,
    value: item.value.toString(),
    unit: item.unit,
    unit_mult: item.unitMult,
    decimals: item.decimals,
    time_period: r.timePeriod,
    obs_status: parseStatus(statusText),
    basis: item.basis,
    context: r.context.slice(0, 200),
    offset: item.numStart,
    line: ctx.line,
  };
  return { ...base, paste_check: pasteCheck(base, r, ctx.year) };
}

/** Runs the row through the pipeline's own normalizer: does it read back to the same value, period and status? */
function pasteCheck(c: Omit<Candidate, "paste_check">, r: Resolved, year: number | undefined): string {
  const problems: string[] = [];
  if (c.indicator === "") problems.push("indicator-missing");
  if (c.period_text === "" || c.time_period === "") problems.push("period-missing");
  if (!(MEASURE_CODES as readonly string[]).includes(c.measure)) {
    problems.push("measure-not-in-codelist");
    return problems.join(" ");
  }
  const row = {
    indicator: c.indicator,
    measure: c.measure,
    ref_area: c.ref_area,
    period_text: c.period_text,
    value_text: c.value_text,
    unit_text: c.unit_text,
    status_text: c.status_text,
    source: c.source,
    quote: c.quote,
  } as InputObservation;
  const nature = r.indicator?.nature ?? (c.time_period.includes("/") && c.time_period.length > 15 ? "flow" : "stock");
  const read = normalizeObservation(row, { dataset: r.indicator?.dataset ?? "", nature, referenceYear: year ?? 0 });
  if (!read.ok) {
    if (!(problems.includes("period-missing") && read.error.code.startsWith("period-"))) problems.push(read.error.code);
  }
  else {
    if (read.value.value !== c.value) problems.push("value-differs");
    if (c.time_period !== "" && read.value.time_period !== c.time_period) problems.push("period-differs");
    if (read.value.obs_status !== c.obs_status) problems.push("status-differs");
  }
  return [...new Set(problems)].join(" ");
}
