import { Decimal, fail, formatVi, ok, truncate } from "@langson-open-data/schemas";
import type { Result } from "@langson-open-data/schemas";
import { normalizeText } from "./text.js";

/** How a locale writes numbers: the thousands group separator and the decimal mark. */
export interface NumberLocale {
  readonly group: "." | "," | " ";
  readonly decimal: "," | ".";
}

/** Vietnamese: "1.689,3" is one thousand six hundred eighty-nine point three. The default. */
export const VI_LOCALE: NumberLocale = { group: ".", decimal: "," };
/** English: "1,689.3". */
export const EN_LOCALE: NumberLocale = { group: ",", decimal: "." };

/** A number as printed: its exact value and how many decimals the source printed. */
export interface ParsedNumber {
  readonly value: Decimal;
  readonly decimals: number;
}

/** Value cells are at most this long (the contract caps value_text at 64 characters). */
export const MAX_NUMBER_LENGTH = 64;

const example = (locale: NumberLocale): string => formatNumber(Decimal.parse("1689.3"), 1, locale);

/**
 * Parses a number printed in a locale's format, exactly. Refuses anything it would have to guess:
 * a group that is not three digits, two decimal marks, exponents, leading zeros.
 * Spaces (including NBSP and thin spaces) may group digits in any locale.
 *
 * @example
 * parseNumber("1.689,3")              // ok: value 1689.3, decimals 1
 * parseNumber("−3,43")                // ok: value -3.43, decimals 2
 * parseNumber("1,350")                // ok: value 1.35, decimals 3 (Vietnamese: "," is the decimal mark)
 * parseNumber("1,350", EN_LOCALE)     // ok: value 1350, decimals 0
 * parseNumber("12.34")                // fail: code "number-bad-grouping"
 */
export function parseNumber(text: string, locale: NumberLocale = VI_LOCALE): Result<ParsedNumber> {
  if (locale === VI_LOCALE && text.length <= MAX_NUMBER_LENGTH) {
    // The way almost every figure is printed, recognized in one match; anything else takes the
    // careful path below, which explains what is wrong (number.test.ts proves the two agree).
    const m = PLAIN_VI.exec(text);
    if (m) {
      const [, sign, int = "", frac] = m;
      const digits = int.includes(".") ? int.replaceAll(".", "") : int;
      const value = Decimal.parse(`${sign ? "-" : ""}${digits}${frac === undefined ? "" : `.${frac}`}`);
      return ok({ value, decimals: frac?.length ?? 0 });
    }
  }
  return parseNumberCarefully(text, locale);
}

/**
 * A Vietnamese number as printed, already clean: an optional "-" or "−", then 0 or digits without a
 * leading zero, grouped by "." in threes or not grouped, then "," and decimals. The careful parser
 * accepts each of these with the same value.
 */
const PLAIN_VI = /^([-−])?(0|[1-9][0-9]{0,2}(?:\.[0-9]{3})+|[1-9][0-9]*)(?:,([0-9]+))?$/;

function parseNumberCarefully(text: string, locale: NumberLocale): Result<ParsedNumber> {
  const found = truncate(text, 40);
  const eg = example(locale);
  if (text.length > MAX_NUMBER_LENGTH) {
    return fail("number-too-long", `number text is ${text.length} characters, more than ${MAX_NUMBER_LENGTH}`, `a number such as "${eg}"`, found);
  }
  const s = normalizeText(text).trim();
  if (s === "") return fail("number-empty", `number text is empty; expected digits such as "${eg}"`, eg, found);

  const signed = /^([-−+]*)(.*)$/su.exec(s);
  const signs = signed?.[1] ?? "";
  const body = signed?.[2] ?? "";
  if (signs.length > 1) {
    return fail("number-bad-sign", `"${found}" has more than one sign; write one "-" before the digits, e.g. "-3,43"`, "at most one sign", found);
  }
  if (signs !== "" && body.startsWith(" ")) {
    return fail("number-bad-sign", `"${found}" has a space after its sign; write the sign against the digits, e.g. "-3,43"`, "sign directly before the digits", found);
  }
  const allowed = new Set(["0123456789", locale.group, locale.decimal, " "].join(""));
  const bad = [...body].find((c) => !allowed.has(c));
  if (bad !== undefined) return fail("number-malformed", whyMalformed(body, bad, eg), `digits, "${locale.group}" between groups of three, "${locale.decimal}" before decimals`, found);
  if (body === "") return fail("number-malformed", `"${found}" has a sign but no digits; e.g. "-3,43"`, eg, found);

  const parts = body.split(locale.decimal);
  if (parts.length > 2) {
    return fail("number-multiple-decimal-marks", `"${found}" has ${parts.length - 1} decimal marks "${locale.decimal}"; a number has at most one, e.g. "${eg}"`, `at most one "${locale.decimal}"`, found);
  }
  const [intText = "", fracText] = parts;
  if (fracText !== undefined && !/^[0-9]+$/.test(fracText)) {
    const why = fracText === "" ? "the decimal mark is not followed by digits" : "only digits may follow the decimal mark";
    return fail(fracText === "" ? "number-malformed" : "number-bad-grouping", `"${found}": ${why}; e.g. "${eg}"`, `digits after "${locale.decimal}"`, found);
  }

  const seps = new Set([...intText].filter((c) => c === locale.group || c === " "));
  if (seps.size > 1) {
    return fail("number-bad-grouping", `"${found}" mixes "${locale.group}" and spaces between digit groups; use one, e.g. "${eg}"`, "one group separator", found);
  }
  const [sep] = seps;
  const groups = sep === undefined ? [intText] : intText.split(sep);
  const groupsOk = sep === undefined ? /^[0-9]+$/.test(intText) : groups.every((g, i) => (i === 0 ? /^[0-9]{1,3}$/ : /^[0-9]{3}$/).test(g));
  if (!groupsOk) {
    const why = intText === "" ? "there are no digits before the decimal mark" : `"${sep ?? ""}" must separate groups of exactly three digits`;
    return fail(intText === "" ? "number-malformed" : "number-bad-grouping", `"${found}": ${why}; e.g. "${eg}" or "38${locale.group}785"`, "groups of three digits", found);
  }
  const digits = groups.join("");
  if (digits.length > 1 && digits.startsWith("0")) {
    return fail("number-leading-zero", `"${found}" has a leading zero, which a printed figure never has (it may be a code, not a number); e.g. "7" or "0${locale.decimal}5"`, "no leading zero", found);
  }

  const negative = signs === "-" || signs === "−";
  const value = Decimal.parse(`${negative ? "-" : ""}${digits}${fracText === undefined ? "" : `.${fracText}`}`);
  return ok({ value, decimals: fracText?.length ?? 0 });
}

/** A character as a message shows it: quoted, with its code point when it is not plain ASCII. */
function describeChar(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  return cp >= 0x21 && cp <= 0x7e ? JSON.stringify(c) : `${JSON.stringify(c)} (U+${cp.toString(16).toUpperCase().padStart(4, "0")})`;
}

function whyMalformed(body: string, bad: string, eg: string): string {
  const what = /^(nan|inf|infinity)$/i.test(body)
    ? "is a number word, not a figure"
    : /^[0-9][0-9.,]*e[+-]?[0-9]+$/i.test(body)
      ? "uses exponent notation, which reports never print"
      : /^0x/i.test(body)
        ? "is hexadecimal"
        : `contains ${describeChar(bad)}`;
  return `"${truncate(body, 40)}" ${what}; a Vietnamese decimal is digits grouped by "." with "," before decimals, e.g. "${eg}"`;
}

/**
 * Prints a value the canonical way for a locale, with exactly `decimals` decimals (trailing zeros
 * kept, as a source prints "1,50"). Throws a RangeError if that would drop digits: rounding a
 * published figure is never a formatting decision.
 *
 * @example
 * formatNumber(Decimal.parse("1689.3"), 1)            // "1.689,3"
 * formatNumber(Decimal.parse("-3.43"), 2)             // "-3,43"
 * formatNumber(Decimal.parse("1350053"), 0, EN_LOCALE) // "1,350,053"
 */
export function formatNumber(value: Decimal, decimals: number, locale: NumberLocale = VI_LOCALE): string {
  if (!Number.isSafeInteger(decimals) || decimals < 0) throw new RangeError(`decimals must be a non-negative integer, got ${decimals}`);
  if (value.scale() > decimals) throw new RangeError(`${value.toString()} has more than ${decimals} decimals`);
  // Exact here: the guard above means formatVi never has to round.
  return formatVi(value, decimals, locale);
}
