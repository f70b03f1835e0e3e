import { Decimal, MAGNITUDE_WORDS, UNIT_NOUNS, fail, ok, truncate, unitDef } from "@langson-open-data/schemas";
import type { Result, UnitCode } from "@langson-open-data/schemas";
import { parseNumber, VI_LOCALE } from "./number.js";
import type { NumberLocale } from "./number.js";
import { memoize } from "./memo.js";
import { MAX_WORDS_LENGTH, foldWords } from "./text.js";

/** Unit words as printed, resolved: "tỷ đồng" is VND with unitMult 9. */
export interface ParsedUnit {
  readonly unit: UnitCode;
  /** Power of ten carried by the magnitude word: 0 none, 3 nghìn, 6 triệu, 9 tỷ, 12 nghìn tỷ. */
  readonly unitMult: number;
  /** The unit words, normalized (NFC, lower case, single spaces). */
  readonly words: string;
}

const KNOWN = `magnitude words ${MAGNITUDE_WORDS.map((m) => `"${m.word}"`).join(", ")} followed by one of ${UNIT_NOUNS.map((n) => `"${n.words}"`).join(", ")}`;

/**
 * Resolves unit words to a unit code and the power of ten of their magnitude word.
 * Case-insensitive, NFC, whitespace-tolerant.
 *
 * @example
 * parseUnitWords("tỷ đồng")         // ok: { unit: "VND", unitMult: 9, words: "tỷ đồng" }
 * parseUnitWords("nghìn lượt khách") // ok: { unit: "VISITS", unitMult: 3, ... }
 * parseUnitWords("triệu")           // fail: code "unit-missing-noun"
 */
export function parseUnitWords(text: string): Result<ParsedUnit> {
  return unitWordsMemo(text);
}

// A report repeats a handful of unit words on every row.
const unitWordsMemo = memoize(resolveUnitWords);

function resolveUnitWords(text: string): Result<ParsedUnit> {
  const found = truncate(text, 60);
  if (text.length > MAX_WORDS_LENGTH) return fail("unit-too-long", `unit text is ${text.length} characters, more than ${MAX_WORDS_LENGTH}`, KNOWN, found);
  const words = foldWords(text).replace(/ ?, ?/g, ", ");
  if (words === "") return fail("unit-empty", `unit text is empty; expected unit words such as "tỷ đồng", "triệu USD" or "%"`, KNOWN, found);

  const magnitude = MAGNITUDE_WORDS.find((m) => words === m.word || words.startsWith(`${m.word} `));
  const nounText = magnitude ? words.slice(magnitude.word.length).trim() : words;
  if (magnitude && nounText === "") {
    return fail("unit-missing-noun", `"${found}" is a magnitude word without a unit noun; say what is counted, e.g. "${magnitude.word} đồng" or "${magnitude.word} USD"`, KNOWN, found);
  }
  const noun = UNIT_NOUNS.find((n) => n.words === nounText);
  if (!noun) return fail("unit-unknown", `unknown unit words "${found}"; known are ${KNOWN}, e.g. "tỷ đồng"`, KNOWN, found);
  // A percentage, score or rank is never printed in thousands or millions: refuse rather than scale.
  if (magnitude && unitDef(noun.unit)?.kind !== "currency" && unitDef(noun.unit)?.kind !== "count") {
    return fail("unit-magnitude-not-allowed", `"${found}": "${magnitude.word}" cannot scale "${noun.words}"; write it without a magnitude word, e.g. "${noun.words}"`, noun.words, found);
  }
  return ok({ unit: noun.unit, unitMult: magnitude?.power ?? 0, words });
}

/**
 * Converts a printed value to base units: multiplies by 10^unitMult, exactly.
 *
 * @example
 * toBaseUnits(Decimal.parse("1689.3"), 9).toString() // "1689300000000"
 */
export function toBaseUnits(value: Decimal, unitMult: number): Decimal {
  return value.shift(unitMult);
}

/** A figure as printed (number and unit words), resolved to base units. */
export interface ParsedFigure {
  /** The value in base units: đồng, USD, visits, ... */
  readonly value: Decimal;
  /** The number as printed, before the magnitude word is applied. */
  readonly printed: Decimal;
  readonly decimals: number;
  readonly unit: UnitCode;
  readonly unitMult: number;
}

/**
 * Parses a number and its unit words together and scales the number to base units.
 * Fails on a count that is not whole in base units ("1,5 vụ").
 *
 * @example
 * parseFigure("1.689,3", "tỷ đồng")
 * // ok: { value: 1689300000000, printed: 1689.3, decimals: 1, unit: "VND", unitMult: 9 }
 * parseFigure("1.350,053", "nghìn lượt") // ok: value 1350053, unit "VISITS", unitMult 3
 */
export function parseFigure(valueText: string, unitText: string, locale: NumberLocale = VI_LOCALE): Result<ParsedFigure> {
  const number = parseNumber(valueText, locale);
  if (!number.ok) return number;
  const unit = parseUnitWords(unitText);
  if (!unit.ok) return unit;
  const value = toBaseUnits(number.value.value, unit.value.unitMult);
  if (unitDef(unit.value.unit)?.kind === "count" && value.scale() > 0) {
    return fail("figure-fractional-count", `"${truncate(valueText, 40)} ${truncate(unitText, 40)}" is ${value.toString()} ${unit.value.unit}, not a whole count`, "a whole number of things counted", `${valueText} ${unitText}`);
  }
  return ok({ value, printed: number.value.value, decimals: number.value.decimals, unit: unit.value.unit, unitMult: unit.value.unitMult });
}
