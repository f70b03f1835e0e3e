/**
 * Turns the words and numbers of a Vietnamese report into exact values: numbers in Vietnamese
 * format, unit words with their magnitude, percentage comparisons, periods and status words.
 * Every parser returns a Result and never throws on bad input.
 */
export { normalizeText } from "./text.js";
export { EN_LOCALE, VI_LOCALE, formatNumber, parseNumber } from "./number.js";
export type { NumberLocale, ParsedNumber } from "./number.js";
export { parseFigure, parseUnitWords, toBaseUnits } from "./unit.js";
export type { ParsedFigure, ParsedUnit } from "./unit.js";
export { parseComparison } from "./comparison.js";
export type { ParsedComparison, PlanBasis } from "./comparison.js";
export { parsePeriod } from "./period.js";
export type { ParsedPeriod } from "./period.js";
export { parseStatus } from "./status.js";
export { applyCorrection, comparisonPhrase, correctionKey, normalizeObservation } from "./observation.js";
export type { ObservationContext, RowProblem } from "./observation.js";
