import { type Issue, truncate } from "@langson-open-data/schemas";

/** A figure as printed, with its quote, where it was read from. */
export interface QuotedFigure {
  readonly file: string;
  readonly row: number;
  readonly source: string;
  readonly valueText: string;
  readonly unitText: string;
  readonly quote: string;
}

/** Vietnamese number tokens: 1.689,3 · 640 · 0,07 · 15/63 splits into 15 and 63. */
const NUMBER_TOKEN = /\d+(?:[.,]\d+)*/g;

/** The numbers a quote states, as printed. */
export function numbersIn(quote: string): string[] {
  return quote.match(NUMBER_TOKEN) ?? [];
}

/** The snapshot searched last, and where its last quote was found. */
let lastText: string | undefined;
let lastAt = 0;

/**
 * Whether `quote` occurs in `text`: the same answer as `text.includes(quote)`, searched outward from
 * where the previous quote of the same snapshot stood. Rows come in the order of their report, so
 * the next quote is usually just after the last one; a search from the start would scan the whole
 * report before it for every row (a national snapshot bundles dozens of reports).
 */
function occursIn(text: string, quote: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastAt = 0;
  }
  // Every start at or after lastAt, then every start at or before it: together, every start.
  let at = text.indexOf(quote, lastAt);
  if (at < 0) at = text.lastIndexOf(quote, lastAt);
  if (at < 0) return false;
  lastAt = at;
  return true;
}

/**
 * The quote check: the quote occurs verbatim in its source snapshot (both NFC), the printed number is
 * a whole number token of the quote, and the unit words stand in the quote. A figure typed wrong
 * ("6.698,12" for "6.698,21") fails here with both numbers named.
 */
export function checkQuote(f: QuotedFigure, snapshotText: string | undefined): Issue[] {
  const where = { file: f.file, row: f.row, column: "quote" };
  if (snapshotText === undefined) {
    return [
      {
        code: "source-unknown",
        severity: "error",
        message: `source "${f.source}" is not in sources.json (or its snapshot could not be read)`,
        location: { ...where, column: "source" },
        found: f.source,
      },
    ];
  }
  const quote = f.quote.normalize("NFC");
  if (!occursIn(snapshotText, quote)) {
    return [
      {
        code: "quote-not-in-source",
        severity: "error",
        message: `the quote does not occur verbatim in source ${f.source}: "${truncate(quote, 120)}"`,
        location: where,
        expected: "a verbatim span of the source snapshot",
        found: truncate(quote, 120),
      },
    ];
  }
  const issues: Issue[] = [];
  const numbers = numbersIn(quote);
  if (!numbers.includes(f.valueText)) {
    issues.push({
      code: "quote-number-mismatch",
      severity: "error",
      message: `value_text ${f.valueText} is not a number the quote states; the quote "${truncate(quote, 120)}" states ${numbers.length ? numbers.join(", ") : "no number"}`,
      location: { ...where, column: "value_text" },
      expected: numbers.length ? `one of ${numbers.join(", ")}` : "a number stated in the quote",
      found: f.valueText,
    });
  }
  if (!quote.toLowerCase().includes(f.unitText.normalize("NFC").toLowerCase())) {
    issues.push({
      code: "quote-unit-mismatch",
      severity: "error",
      message: `unit_text "${f.unitText}" does not stand in the quote "${truncate(quote, 120)}"`,
      location: { ...where, column: "unit_text" },
      expected: "unit words as the quote prints them",
      found: f.unitText,
    });
  }
  return issues;
}
