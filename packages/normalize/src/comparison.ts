import { Decimal, fail, ok, truncate } from "@langson-open-data/schemas";
import type { Result } from "@langson-open-data/schemas";
import { parseNumber } from "./number.js";
import { MAX_WORDS_LENGTH, foldWords } from "./text.js";

/** What a plan percentage is measured against. */
export type PlanBasis = "plan" | "budget-estimate" | "budget-estimate-central" | "budget-estimate-provincial";

/** A percentage comparison, resolved to the measure it states. */
export interface ParsedComparison {
  readonly measure: "YOY_GROWTH" | "PCT_OF_PLAN";
  /** Percent: +31.96 for "tăng 31,96%", -3.43 for "giảm 3,43%", 20.6 for "đạt 20,6% dự toán". */
  readonly value: Decimal;
  readonly decimals: number;
  /** Set for PCT_OF_PLAN only. */
  readonly basis?: PlanBasis;
  /** True when the source printed a ratio to the same period ("bằng 105,3%") and value is that minus 100. */
  readonly ratio?: boolean;
}

const FORMS = `"tăng 31,96% so cùng kỳ", "giảm 3,43%", "đạt 16,84% kế hoạch", "đạt 20,6% dự toán [Trung ương | tỉnh] giao", "bằng 105,3% so với cùng kỳ"`;
const SAME_PERIOD = /^so(?: với)? (?:cùng kỳ(?: năm trước| năm \d{4}| \d{4})?|năm trước|năm \d{4}|\d{4})$/;
const PLAN = /^(?:so với )?(?:kế hoạch|kh)(?: năm(?: \d{4})?)?(?: đề ra| được giao| giao)?$/;
const BUDGET = /^(?:so với )?dự toán(?: năm)?(?: (trung ương|tw|hđnd tỉnh|tỉnh|địa phương) giao)?$/;

/**
 * Parses a percentage comparison as Vietnamese reports print it. "tăng/giảm X%" is growth on the
 * same period of the previous year (the report's convention when no basis is named); "đạt X%
 * kế hoạch/dự toán" is a percentage of the annual plan or budget estimate; "đạt/bằng X% so cùng kỳ"
 * is a ratio, returned as growth (X − 100) with `ratio: true`.
 *
 * @example
 * parseComparison("tăng 31,96% so cùng kỳ")       // ok: YOY_GROWTH 31.96, decimals 2
 * parseComparison("giảm 3,43%")                   // ok: YOY_GROWTH -3.43
 * parseComparison("đạt 20,6% dự toán")            // ok: PCT_OF_PLAN 20.6, basis "budget-estimate"
 * parseComparison("bằng 105,3% so với cùng kỳ")   // ok: YOY_GROWTH 5.3, decimals 1, ratio true
 */
export function parseComparison(text: string): Result<ParsedComparison> {
  const found = truncate(text, 80);
  if (text.length > MAX_WORDS_LENGTH) return fail("comparison-too-long", `comparison text is ${text.length} characters, more than ${MAX_WORDS_LENGTH}`, FORMS, found);
  // A quote may end its sentence or clause right after the phrase: "tăng 20%." is "tăng 20%".
  const s = foldWords(text).replace(/[\s.,;:!)]+$/u, "");
  if (s === "") return fail("comparison-empty", `comparison text is empty; expected e.g. ${FORMS}`, FORMS, found);
  // "ước tăng 7,02%": an estimated growth; the status is the row's, the measure is the same.
  const m = /^(?:ước (?:tính )?)?(tăng|giảm|đạt|bằng) (.+?) ?%(?: (.*))?$/.exec(s);
  if (!m) return fail("comparison-unknown", `"${found}" is not a percentage comparison; expected e.g. ${FORMS}`, FORMS, found);
  const [, verb = "", numberText = "", basisText = ""] = m;

  const number = parseNumber(numberText);
  if (!number.ok) return number;
  const { value: x, decimals } = number.value;
  if (x.sign() < 0) return fail("comparison-signed-number", `"${found}": the verb "${verb}" already gives the direction; write the number without a sign, e.g. "giảm 3,43%"`, FORMS, found);

  const basis = planBasis(basisText);
  const sameBasis = basisText === "" || SAME_PERIOD.test(basisText);
  if (basis === undefined && !sameBasis) {
    return fail("comparison-unknown-basis", `"${found}": unknown basis "${basisText}"; expected "so cùng kỳ", "kế hoạch", "dự toán" or "dự toán Trung ương/tỉnh giao"`, FORMS, found);
  }
  if (verb === "tăng" || verb === "giảm") {
    if (basis !== undefined) return fail("comparison-unsupported", `"${found}": growth against a plan is not a measure here; expected "đạt X% ${basisText}" or "tăng X% so cùng kỳ"`, FORMS, found);
    return ok({ measure: "YOY_GROWTH", value: verb === "giảm" ? x.neg() : x, decimals });
  }
  if (basis !== undefined) return ok({ measure: "PCT_OF_PLAN", value: x, decimals, basis });
  if (basisText === "") return fail("comparison-missing-basis", `"${found}" does not say what it is a percentage of; expected e.g. "${verb} ${numberText}% kế hoạch" or "${verb} ${numberText}% so cùng kỳ"`, FORMS, found);
  return ok({ measure: "YOY_GROWTH", value: x.sub(Decimal.fromInt(100)), decimals, ratio: true });
}

function planBasis(text: string): PlanBasis | undefined {
  if (PLAN.test(text)) return "plan";
  const budget = BUDGET.exec(text);
  if (!budget) return undefined;
  const giver = budget[1];
  return giver === undefined ? "budget-estimate" : giver === "trung ương" || giver === "tw" ? "budget-estimate-central" : "budget-estimate-provincial";
}
