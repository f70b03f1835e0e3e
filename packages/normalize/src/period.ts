import { TIME_PERIOD_PATTERN, fail, ok, truncate } from "@langson-open-data/schemas";
import type { Result } from "@langson-open-data/schemas";
import { memoize } from "./memo.js";
import { MAX_WORDS_LENGTH, foldWords } from "./text.js";

/** A reference period as an SDMX/ISO 8601 TIME_PERIOD, and what shape it has. */
export interface ParsedPeriod {
  /** "2023", "2023-S1", "2023-Q1", "2023-03", "2023-03-27", "2023-01/2023-07" or "2023-01-01/2023-07-31". */
  readonly timePeriod: string;
  readonly kind: "year" | "half" | "quarter" | "month" | "day" | "year-to-date";
}

const FORMS = `"quý I/2023", "tháng 3/2023", "6 tháng đầu năm 2023", "9 tháng", "năm 2022", "cả năm", "ngày 27/3", "ngày 11/4/2023"`;
const YEAR = String.raw`(?:\s*/\s*|(?: năm)? )(\d{4})`;
const QUARTERS: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };
// Words that only say "in" or "up to": the period is the same with or without them.
const PREFIX = /^(?:trong|tính (?:đến|tới)(?: hết)?|(?:đến|tới)(?: hết)?) /;
// "From the start of the year to a day": a flow counted from 1 January to that day.
const FROM_JANUARY = /^từ đầu năm (?:đến|tới)(?: hết)? /;

const pad = (n: number): string => String(n).padStart(2, "0");

/**
 * Parses Vietnamese period words into a TIME_PERIOD. Where the words give no year ("quý I",
 * "ngày 27/3", "6 tháng"), `context.year` (the pipeline's reference year) supplies it.
 * "N tháng (đầu năm)" counts months from January: 3 is a quarter, 6 a half, 12 the year, and any
 * other N a year-to-date range "YYYY-01/YYYY-MM".
 *
 * @example
 * parsePeriod("quý I/2023")                    // ok: { timePeriod: "2023-Q1", kind: "quarter" }
 * parsePeriod("7 tháng đầu năm", { year: 2023 }) // ok: { timePeriod: "2023-01/2023-07", kind: "year-to-date" }
 * parsePeriod("tính đến ngày 27/3", { year: 2023 }) // ok: { timePeriod: "2023-03-27", kind: "day" }
 * parsePeriod("từ đầu năm đến ngày 31/7/2023")   // ok: { timePeriod: "2023-01-01/2023-07-31", kind: "year-to-date" }
 * parsePeriod("quý I")                          // fail: code "period-missing-year"
 */
export function parsePeriod(text: string, context?: { readonly year?: number }): Result<ParsedPeriod> {
  // The reference year is part of the key: "quý I" means another period in another year.
  return periodMemo(`${context?.year ?? ""}|${text}`);
}

// A report repeats a handful of period words on every row. The key is "year|text" (year may be empty).
const periodMemo = memoize((key) => {
  const bar = key.indexOf("|");
  const year = key.slice(0, bar);
  return readPeriod(key.slice(bar + 1), year === "" ? undefined : Number(year));
});

function readPeriod(text: string, contextYear: number | undefined): Result<ParsedPeriod> {
  const found = truncate(text, 80);
  if (text.length > MAX_WORDS_LENGTH) return fail("period-too-long", `period text is ${text.length} characters, more than ${MAX_WORDS_LENGTH}`, FORMS, found);
  const folded = foldWords(text);
  const fromJanuary = FROM_JANUARY.test(folded);
  const s = folded.replace(FROM_JANUARY, "").replace(PREFIX, "");
  if (s === "") return fail("period-empty", `period text is empty; expected e.g. ${FORMS}`, FORMS, found);

  const year = (printed: string | undefined): Result<number> => {
    const y = printed === undefined ? contextYear : Number(printed);
    if (y === undefined) return fail("period-missing-year", `"${found}" gives no year and no reference year was passed; pass the pipeline's, e.g. parsePeriod("${s}", { year: 2023 })`, "a year in the text or context.year", found);
    if (!Number.isInteger(y) || y < 1000 || y > 9999) return fail("period-bad-year", `"${found}": year ${y} is not a four-digit year`, "e.g. 2023", String(y));
    return ok(y);
  };
  const period = (kind: ParsedPeriod["kind"], printedYear: string | undefined, rest: (y: number) => string): Result<ParsedPeriod> => {
    const y = year(printedYear);
    if (!y.ok) return y;
    const timePeriod = `${y.value}${rest(y.value)}`;
    // Guards this module against drifting from the contract.
    if (!TIME_PERIOD_PATTERN.test(timePeriod)) throw new Error(`parsePeriod built "${timePeriod}", which is not a TIME_PERIOD`);
    return ok({ timePeriod, kind });
  };
  const badMonth = (n: number) => fail("period-invalid-month", `"${found}": ${n} is not a month (1 to 12)`, "a month from 1 to 12", found);

  const quarter = new RegExp(`^quý (iv|iii|ii|i|[1-4])(?:${YEAR})?$`).exec(s);
  if (quarter) return period("quarter", quarter[2], () => `-Q${QUARTERS[quarter[1] ?? ""] ?? 0}`);

  const month = new RegExp(`^tháng (\\d{1,2})(?:${YEAR})?$`).exec(s);
  if (month) {
    const n = Number(month[1]);
    return n < 1 || n > 12 ? badMonth(n) : period("month", month[2], () => `-${pad(n)}`);
  }

  const months = new RegExp(`^(\\d{1,2}) tháng(?: (đầu|cuối) năm)?(?:${YEAR})?$`).exec(s);
  if (months) {
    const n = Number(months[1]);
    const printedYear = months[3];
    if (months[2] === "cuối") {
      if (n === 6) return period("half", printedYear, () => "-S2");
      if (n === 3) return period("quarter", printedYear, () => "-Q4");
      return fail("period-unknown", `"${found}": only "3 tháng cuối năm" (Q4) and "6 tháng cuối năm" (S2) are periods here`, FORMS, found);
    }
    if (n < 1 || n > 12) return badMonth(n);
    if (n === 12) return period("year", printedYear, () => "");
    if (n === 6) return period("half", printedYear, () => "-S1");
    if (n === 3) return period("quarter", printedYear, () => "-Q1");
    if (n === 1) return period("month", printedYear, () => "-01");
    return period("year-to-date", printedYear, (y) => `-01/${y}-${pad(n)}`);
  }

  const wholeYear = /^(?:(?:cả )?năm (\d{4})|(\d{4})|cả năm)$/.exec(s);
  if (wholeYear) return period("year", wholeYear[1] ?? wholeYear[2], () => "");

  const day =
    /^(?:ngày )?(\d{1,2}) ?\/ ?(\d{1,2}) ?\/ ?(\d{4})$/.exec(s) ??
    /^ngày (\d{1,2}) ?\/ ?(\d{1,2})$/.exec(s) ??
    /^ngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?$/.exec(s);
  if (day) {
    const [d, mo] = [Number(day[1]), Number(day[2])];
    const y = year(day[3]);
    if (!y.ok) return y;
    const date = new Date(Date.UTC(y.value, mo - 1, d));
    if (mo < 1 || mo > 12 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
      return fail("period-invalid-date", `"${found}": ${d}/${mo}/${y.value} is not a date in the calendar`, `a real day and month, e.g. "ngày 27/3"`, found);
    }
    const dayOf = `${y.value}-${pad(mo)}-${pad(d)}`;
    if (fromJanuary) return period("year-to-date", String(y.value), () => `-01-01/${dayOf}`);
    return period("day", String(y.value), () => `-${pad(mo)}-${pad(d)}`);
  }
  return fail("period-unknown", `"${found}" is not a period form known here; expected e.g. ${FORMS}`, FORMS, found);
}
