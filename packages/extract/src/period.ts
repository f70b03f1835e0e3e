import { parsePeriod } from "@langson-open-data/normalize";
import type { ParsedPeriod } from "@langson-open-data/normalize";
import { TIME_PERIOD_PATTERN } from "@langson-open-data/schemas";
import { L, R } from "./_text.js";

const ROMAN = ["", "I", "II", "III", "IV"] as const;

/**
 * Period words for a TIME_PERIOD, in the form the normalizer's parsePeriod reads back: what a
 * reviewer writes in period_text when a figure's period comes from `--period` rather than the text.
 *
 * @example
 * periodWords("2023-Q2")          // "quý II/2023"
 * periodWords("2023-01/2023-07")  // "7 tháng đầu năm 2023"
 * periodWords("2023-03-27")       // "ngày 27/3/2023"
 * periodWords("2023-13")          // undefined
 */
export function periodWords(timePeriod: string): string | undefined {
  if (!TIME_PERIOD_PATTERN.test(timePeriod)) return undefined;
  const y = timePeriod.slice(0, 4);
  const rest = timePeriod.slice(4);
  if (rest === "") return `năm ${y}`;
  if (rest === "-S1") return `6 tháng đầu năm ${y}`;
  if (rest === "-S2") return `6 tháng cuối năm ${y}`;
  const q = /^-Q([1-4])$/.exec(rest);
  if (q) return `quý ${ROMAN[Number(q[1])]}/${y}`;
  const m = /^-(\d{2})$/.exec(rest);
  if (m) return `tháng ${Number(m[1])}/${y}`;
  const ytd = /^-01\/\d{4}-(\d{2})$/.exec(rest);
  if (ytd) return `${Number(ytd[1])} tháng đầu năm ${y}`;
  const day = /^-(\d{2})-(\d{2})$/.exec(rest) ?? /^-01-01\/\d{4}-(\d{2})-(\d{2})$/.exec(rest);
  if (day) return `ngày ${Number(day[2])}/${Number(day[1])}/${y}`;
  return undefined;
}

/** How many months from January a period reaches: what "từ đầu năm" (since the start of the year) means in it. */
export function monthsReached(timePeriod: string): number | undefined {
  const rest = timePeriod.slice(4);
  if (rest === "" || rest === "-S2") return 12;
  if (rest === "-S1") return 6;
  const q = /^-Q([1-4])$/.exec(rest);
  if (q) return Number(q[1]) * 3;
  const m = /-(\d{2})(?:-\d{2})?$/.exec(rest);
  return m ? Number(m[1]) : undefined;
}

/** Period phrases as reports print them, most specific first. Each is a regex source. */
export const PERIOD_PHRASES: readonly { readonly kind: "day" | "period" | "ytd"; readonly source: string }[] = [
  // A stock counted on a day, or a flow counted up to it: "tính đến ngày 27/3", "từ đầu năm đến ngày 31/7/2023".
  { kind: "day", source: String.raw`${L}(?:từ\s+đầu\s+năm\s+)?(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?ngày\s+\d{1,2}\s*\/\s*\d{1,2}(?:\s*\/\s*\d{4})?(?![\p{L}\p{N}]|\s*\/\s*\d)` },
  { kind: "period", source: String.raw`${L}(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?tháng\s+\d{1,2}(?:\s*\/\s*\d{4}|\s+năm\s+\d{4})?${R}` },
  { kind: "period", source: String.raw`${L}\d{1,2}\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?(?:\s*\/\s*\d{4}|\s+(?:năm\s+)?\d{4})?${R}` },
  { kind: "period", source: String.raw`${L}tháng\s+\d{1,2}(?:\s*\/\s*\d{4}|\s+năm\s+\d{4})?(?![\p{L}\p{N}]|\s*\/\s*\d)` },
  { kind: "period", source: String.raw`${L}quý\s+(?:IV|III|II|I|[1-4])(?:\s*\/\s*\d{4}|\s+năm\s+\d{4})?${R}` },
  { kind: "period", source: String.raw`${L}(?:cả\s+)?năm\s+\d{4}${R}|${L}cả\s+năm${R}` },
  { kind: "ytd", source: String.raw`${L}từ\s+đầu\s+năm(?:\s+(?:đến|tới)\s+nay)?${R}` },
];

/** Words just before a period phrase that make it a comparison basis or a horizon, not the figure's period. */
export const BASIS_BEFORE = /(?:^|[^\p{L}\p{N}])(?:so|với|cùng\s+kỳ|kế\s+hoạch|KH|dự\s+toán|giai\s+đoạn|đến|tới|từ|tầm\s+nhìn|cuối|đầu|trước|sau)\s*$/iu;

/** The words parsePeriod reads for a phrase: "tới" spelled "đến", "từ đầu năm" dropped before a day. */
export function parseText(phrase: string): string {
  return phrase
    .replace(/\s+/g, " ")
    .replace(/^từ đầu năm /iu, "")
    .replace(/(^|\s)tới(?=\s)/giu, "$1đến");
}

/**
 * Period words ready for period_text: the phrase as printed (all-capital headings lowered), with the
 * year appended when the words give none ("quý I" → "quý I/2023"), so the row stands alone.
 */
export function periodTextFor(phrase: string, year: number | undefined): string {
  let words = parseText(phrase).trim();
  if (words === words.toUpperCase() && /\p{Lu}/u.test(words)) {
    words = words.toLowerCase().replace(/quý (iv|iii|ii|i)(?![\p{L}])/u, (_, r: string) => `quý ${r.toUpperCase()}`);
  } else {
    // A phrase that opens a sentence ("Tính đến ngày 27/3, …", "Quý II, …") is written lower-case, as in the middle of one.
    words = words.replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
  }
  if (year === undefined || /\d{4}/.test(words)) return words;
  if (/năm$/iu.test(words)) return `${words} ${year}`;
  if (/^\d{1,2} tháng/iu.test(words)) return `${words} năm ${year}`;
  return `${words}/${year}`;
}

/** Parses period words with a fallback year; undefined when the normalizer cannot read them. */
export function resolvePeriod(words: string, year: number | undefined): ParsedPeriod | undefined {
  const parsed = parsePeriod(words, year === undefined ? undefined : { year });
  return parsed.ok ? parsed.value : undefined;
}
