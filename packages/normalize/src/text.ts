const ZERO_WIDTH = /[\u200B-\u200D\uFEFF\u2060]/g;
// NBSP, figure space, thin space, narrow NBSP: editors put them between digit groups.
const ODD_SPACES = /[\u00A0\u2007\u2009\u202F]/g;

/**
 * Puts text in the one form every parser here expects: zero-width characters removed, the
 * non-breaking and thin spaces turned into ordinary spaces, then NFC (some editors emit Vietnamese
 * diacritics decomposed, as NFD).
 *
 * @example
 * normalizeText("1\u00A0689,3 t\u1EF7") // "1 689,3 tỷ"
 * normalizeText("qu\u0079\u0301 I")      // "quý I" (NFC)
 */
export function normalizeText(text: string): string {
  // Zero-width characters go first: left in place, they would block NFC composition.
  return text.replace(ZERO_WIDTH, "").replace(ODD_SPACES, " ").normalize("NFC");
}

/** Normalized, lower-cased, single-spaced and trimmed: the form word tables are matched in. */
export function foldWords(text: string): string {
  return normalizeText(text).toLowerCase().replace(/\s+/g, " ").trim();
}

/** Longest input any parser here reads; longer text is refused before any work is done. */
export const MAX_WORDS_LENGTH = 200;
