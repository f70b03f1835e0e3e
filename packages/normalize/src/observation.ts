import type { Correction, InputObservation, Observation, ProblemDetail, Result } from "@langson-open-data/schemas";
import { Decimal, ok } from "@langson-open-data/schemas";
import { type ParsedComparison, parseComparison } from "./comparison.js";
import { memoize } from "./memo.js";
import { parsePeriod } from "./period.js";
import { parseStatus } from "./status.js";
import { parseFigure } from "./unit.js";

/** What normalizing one row needs to know beyond the row. */
export interface ObservationContext {
  readonly dataset: string;
  /** The indicator's nature from pipeline.json: a flow counted to a day is a range from 1 January. */
  readonly nature: string;
  /** Year for period words that omit it ("ngày 27/3", "quý I"). */
  readonly referenceYear: number;
}

/** A problem with the column it concerns, so the caller can name file, row and column. */
export interface RowProblem extends ProblemDetail {
  readonly column: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The phrase stating a number v: a verb, whitespace, v, "%", then words up to a comma, semicolon,
// parenthesis, "và" or the end. Built for any v, and compiled once per distinct v.
const phrasePattern = memoize(
  (valueText) => new RegExp(`(?:tăng|giảm|đạt|bằng)\\s+${escapeRegExp(valueText)}\\s*%[^,;)(]*?(?=\\s+và\\s|[,;)(]|$)`, "giu"),
);
// The same phrase for any plain number (digits, dots and commas), with the number captured. A plain
// number is preceded by whitespace and followed by optional whitespace and "%", so it is the whole
// run [\d.,]* there: this pattern matches where phrasePattern(v) does exactly when it captures v.
// Percentages are too many distinct numbers to compile a pattern for each (a tenth of the pipeline's
// time went into compiling one per row).
const PLAIN_NUMBER = /^\d[\d.,]*$/;
const ANY_PHRASE = /(?:tăng|giảm|đạt|bằng)\s+(\d[\d.,]*)\s*%[^,;)(]*?(?=\s+và\s|[,;)(]|$)/giu;

/** Every phrase of the quote (already NFC) that states valueText as a percentage, in order, as matchAll would find them. */
function phrasesOf(quote: string, valueText: string): string[] {
  if (!PLAIN_NUMBER.test(valueText)) return [...quote.matchAll(phrasePattern(valueText))].map((m) => m[0].trim());
  const phrases: string[] = [];
  ANY_PHRASE.lastIndex = 0;
  for (let m = ANY_PHRASE.exec(quote); m; m = ANY_PHRASE.exec(quote)) {
    if (m[1] === valueText) phrases.push(m[0].trim());
    // Where another number was stated, its phrase may hide the wanted one ("tăng 6% so với tăng 5%"):
    // search again from the next character, as phrasePattern(v) would.
    else ANY_PHRASE.lastIndex = m.index + 1;
  }
  return phrases;
}

/**
 * The comparison phrase that states a percentage in its quote: "tăng 31,96% so cùng kỳ 2022",
 * "giảm 3,43%", "đạt 16,84% kế hoạch". The sign of a growth rate lives in its verb, not its number.
 * Where the same number appears in two phrases ("đạt 20% kế hoạch, tăng 20%"), the one that states
 * the wanted measure is chosen.
 */
export function comparisonPhrase(quote: string, valueText: string, measure?: "YOY_GROWTH" | "PCT_OF_PLAN"): string | undefined {
  if (measure === undefined) return phrasesOf(quote.normalize("NFC"), valueText)[0];
  return findComparison(quote, valueText, measure)?.phrase;
}

/**
 * The phrase comparisonPhrase chooses for `measure`, with what parseComparison made of it: choosing
 * parsed it, and the callers need not parse it again (a second parse of every growth and plan
 * figure was 1.3 s of the rows thread's CPU at 1 M generated rows).
 */
function findComparison(quote: string, valueText: string, measure: "YOY_GROWTH" | "PCT_OF_PLAN"): { phrase: string; parsed: Result<ParsedComparison> } | undefined {
  let first: { phrase: string; parsed: Result<ParsedComparison> } | undefined;
  for (const phrase of phrasesOf(quote.normalize("NFC"), valueText)) {
    const parsed = parseComparison(phrase);
    if (parsed.ok && parsed.value.measure === measure) return { phrase, parsed };
    first ??= { phrase, parsed };
  }
  return first;
}

function withColumn(column: string, r: Result<unknown> & { ok: false }): { ok: false; error: RowProblem } {
  return { ok: false, error: { ...r.error, column } };
}

/**
 * Turns one row of observations.csv (the figure as printed) into a canonical observation: exact
 * base-unit decimal, unit code and printed multiplier, SDMX period and status.
 *
 * @example
 * normalizeObservation({ indicator: "TRADE_TOTAL", measure: "LEVEL", value_text: "640", unit_text: "triệu USD", … }, ctx)
 * // ok: { value: "640000000", unit: "USD", unit_mult: 6, decimals: 0, time_period: "2023-Q1", obs_status: "E", … }
 */
export function normalizeObservation(row: InputObservation, ctx: ObservationContext): { ok: true; value: Observation } | { ok: false; error: RowProblem } {
  const figure = parseFigure(row.value_text, row.unit_text);
  if (!figure.ok) return withColumn(figure.error.code.startsWith("unit") ? "unit_text" : "value_text", figure);
  let value = figure.value.value;

  const found = row.measure === "YOY_GROWTH" || row.measure === "PCT_OF_PLAN" ? findComparison(row.quote, row.value_text, row.measure) : undefined;
  // A growth rate's sign is in its verb ("giảm 3,43%"), so it needs its phrase; a % of plan is the number itself,
  // and where its quote does not state it the quote check reports the mismatch.
  if (row.measure === "YOY_GROWTH" || (row.measure === "PCT_OF_PLAN" && found)) {
    if (!found) {
      return {
        ok: false,
        error: {
          column: "quote",
          code: "comparison-not-in-quote",
          message: `a ${row.measure} figure is read from its comparison phrase, but the quote has no "tăng/giảm/đạt/bằng ${row.value_text}%"`,
          expected: row.measure === "YOY_GROWTH" ? `"tăng ${row.value_text}%" or "giảm ${row.value_text}%" in the quote` : `"đạt ${row.value_text}% kế hoạch" or "… dự toán" in the quote`,
          found: row.quote,
        },
      };
    }
    const { phrase, parsed: comparison } = found;
    if (!comparison.ok) return withColumn("quote", comparison);
    if (comparison.value.measure !== row.measure) {
      return {
        ok: false,
        error: {
          column: "measure",
          code: "measure-mismatch",
          message: `the row says ${row.measure} but its quote states "${phrase}", which is ${comparison.value.measure}`,
          expected: comparison.value.measure,
          found: row.measure,
        },
      };
    }
    value = comparison.value.value;
  } else if (row.measure === "RANK_GAIN") {
    const m = new RegExp(`(tăng|giảm)\\s+${escapeRegExp(row.value_text)}\\s+bậc`, "iu").exec(row.quote.normalize("NFC"));
    if (!m) {
      return {
        ok: false,
        error: { column: "quote", code: "comparison-not-in-quote", message: `a RANK_GAIN figure needs "tăng ${row.value_text} bậc" or "giảm ${row.value_text} bậc" in its quote`, found: row.quote },
      };
    }
    if (m[1]!.toLowerCase() === "giảm") value = value.neg();
  }

  const period = parsePeriod(row.period_text, { year: ctx.referenceYear });
  if (!period.ok) return withColumn("period_text", period);
  let timePeriod = period.value.timePeriod;
  if (period.value.kind === "day" && ctx.nature === "flow") timePeriod = `${timePeriod.slice(0, 4)}-01-01/${timePeriod}`;

  return ok({
    dataset: ctx.dataset,
    indicator: row.indicator,
    measure: row.measure,
    ref_area: row.ref_area,
    time_period: timePeriod,
    value: value.toString(),
    unit: figure.value.unit,
    unit_mult: figure.value.unitMult,
    decimals: figure.value.decimals,
    obs_status: parseStatus(row.status_text),
    source: row.source,
    origin: "stated",
    quote: row.quote,
    note: "",
  }) as { ok: true; value: Observation };
}

/** Key of a figure as a correction names it: indicator × measure × area × period × source. */
export const correctionKey = (o: Pick<Observation, "indicator" | "measure" | "ref_area" | "time_period" | "source">) =>
  `${o.indicator}|${o.measure}|${o.ref_area}|${o.time_period}|${o.source}`;

/**
 * Applies one correction to the figure it names. Fails loudly when the figure is gone, when the value
 * it replaces is no longer the current one (the source may already be fixed), or when it would change
 * the unit (a unit change is a new indicator, not a correction).
 */
export function applyCorrection(current: Observation | undefined, c: Correction): { ok: true; value: Observation } | { ok: false; error: RowProblem } {
  if (!current) {
    return {
      ok: false,
      error: {
        column: "indicator",
        code: "correction-target-missing",
        message: `the correction names ${c.indicator} ${c.measure} ${c.ref_area} ${c.time_period} from ${c.source}, which no row of observations.csv gives`,
        expected: "the key of a published figure",
        found: correctionKey(c),
      },
    };
  }
  if (!Decimal.parse(current.value).eq(Decimal.parse(c.replaces))) {
    return {
      ok: false,
      error: {
        column: "replaces",
        code: "correction-stale",
        message: `the correction of ${c.indicator} ${c.time_period} expects to replace ${c.replaces}, but the figure is now ${current.value}: the source may already be fixed, or another correction came first`,
        expected: c.replaces,
        found: current.value,
      },
    };
  }
  const figure = parseFigure(c.value_text, c.unit_text);
  if (!figure.ok) return withColumn(figure.error.code.startsWith("unit") ? "unit_text" : "value_text", figure);
  if (figure.value.unit !== current.unit) {
    return {
      ok: false,
      error: {
        column: "unit_text",
        code: "correction-changes-unit",
        message: `the correction would change ${c.indicator} from ${current.unit} to ${figure.value.unit}; a correction fixes a value, a unit change is a new indicator`,
        expected: current.unit,
        found: figure.value.unit,
      },
    };
  }
  let value = figure.value.value;
  // A corrected growth rate takes its sign from the evidence's own words ("giảm 3,34%"), as a stated one does.
  const found = current.measure === "YOY_GROWTH" && c.evidence_quote ? findComparison(c.evidence_quote, c.value_text, "YOY_GROWTH") : undefined;
  if (found?.parsed.ok && found.parsed.value.measure === "YOY_GROWTH") value = found.parsed.value.value;
  const evidence = c.evidence_source ? `source ${c.evidence_source}: "${c.evidence_quote}"` : c.evidence_reference;
  return ok({
    ...current,
    value: value.toString(),
    unit_mult: figure.value.unitMult,
    decimals: figure.value.decimals,
    quote: c.evidence_source ? c.evidence_quote : current.quote,
    note: `Corrected ${c.date} by ${c.contributor}: ${c.reason} Evidence: ${evidence}. Replaces ${c.replaces}.`,
  }) as { ok: true; value: Observation };
}
