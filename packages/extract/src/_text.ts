import { normalizeText } from "@langson-open-data/normalize";

/** Left and right word boundaries that know Vietnamese letters (`\b` only knows ASCII). */
export const L = String.raw`(?<![\p{L}\p{N}])`;
export const R = String.raw`(?![\p{L}\p{N}])`;

/** A case-insensitive, Unicode, global regular expression. */
export const re = (source: string, flags = "giu"): RegExp => new RegExp(source, flags);

// Old and new tone-mark placement ("hoá"/"hóa", "thuỷ"/"thủy", "luỹ"/"lũy") are the same word. Only at the end of a
// syllable: with a final consonant ("hoạt", "khuỷu" aside) both styles put the mark on the same vowel.
const TONE_PLACEMENT: readonly [RegExp, string][] = (
  [
    ["oá", "óa"], ["oà", "òa"], ["oả", "ỏa"], ["oã", "õa"], ["oạ", "ọa"],
    ["oé", "óe"], ["oè", "òe"], ["oẻ", "ỏe"], ["oẽ", "õe"], ["oẹ", "ọe"],
    ["uý", "úy"], ["uỳ", "ùy"], ["uỷ", "ủy"], ["uỹ", "ũy"], ["uỵ", "ụy"],
  ] as const
).map(([from, to]) => [new RegExp(`(?<!q)${from}(?![\\p{L}])`, "gu"), to]);

/** The form phrases are compared in: NFC, lower case, one tone-mark placement, single spaces. */
export function fold(text: string): string {
  let s = normalizeText(text).toLowerCase();
  for (const [from, to] of TONE_PLACEMENT) s = s.replace(from, to);
  return s.replace(/\s+/g, " ").trim();
}

/** A half-open span [start, end) of the working text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;
