/** A string that JSON.stringify would escape: a quote, backslash, control character or surrogate (escaped when alone). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of one cell, without its call for the common cell that needs no escape: such a
 * string is its characters in quotes; a number is its decimal digits.
 */
export const jsonValue = (v: string | number): string => (typeof v === "string" ? (NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`) : JSON.stringify(v));
