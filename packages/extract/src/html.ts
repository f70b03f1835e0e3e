/**
 * HTML reduced to the plain text a report reader sees: scripts, styles and comments dropped, block
 * elements turned into paragraph breaks, `<br>` into a line break, character references decoded.
 * Good enough for a report page; not a general HTML parser (no dependency is needed for that job).
 */

// Elements whose content is never report text.
const DROPPED = /<(script|style|noscript|template|svg|iframe|object|canvas|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK =
  /<\/?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|thead|tbody|tfoot|caption|section|article|header|footer|nav|aside|main|blockquote|figure|figcaption|pre|address|hr|title|form|fieldset|details|summary|body|html)\b[^>]*>/gi;

const ACCENTS: Readonly<Record<string, string>> = { grave: "\u0300", acute: "\u0301", circ: "\u0302", tilde: "\u0303", uml: "\u0308", ring: "\u030A", cedil: "\u0327" };
const NAMED: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {
    amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00A0", ensp: "\u2002", emsp: "\u2003", thinsp: "\u2009",
    ndash: "–", mdash: "—", hellip: "…", lsquo: "‘", rsquo: "’", sbquo: "‚", ldquo: "“", rdquo: "”", bdquo: "„",
    laquo: "«", raquo: "»", bull: "•", middot: "·", copy: "©", reg: "®", trade: "™", deg: "°", percnt: "%",
    times: "×", divide: "÷", plusmn: "±", minus: "−", frac12: "½", frac14: "¼", frac34: "¾", para: "¶", sect: "§",
    shy: "", zwj: "\u200D", zwnj: "\u200C", colon: ":", comma: ",", period: ".", semi: ";", lpar: "(", rpar: ")",
    sol: "/", num: "#", excl: "!", quest: "?", dollar: "$", euro: "€", yen: "¥", pound: "£",
    szlig: "ß", eth: "ð", ETH: "Ð", Dstrok: "Đ", dstrok: "đ",
  };
  // Latin letters with diacritics, as HTML names them ("agrave", "Ocirc", ...).
  for (const [accent, mark] of Object.entries(ACCENTS)) {
    for (const letter of "aeiouyncAEIOUYNC") table[`${letter}${accent}`] ??= `${letter}${mark}`.normalize("NFC");
  }
  return table;
})();

/** Decodes HTML character references: named (`&agrave;`, `&nbsp;`), decimal (`&#417;`) and hex (`&#x1EA1;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      // Surrogates, NUL and out-of-range code points are replaced, as browsers do.
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\uFFFD";
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}

/** True when the text looks like an HTML document or fragment rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|article|section|h1|h2|table)[\s>])/i.test(text.slice(0, 2000));
}

/**
 * Reduces an HTML report page to text: one paragraph per block element, separated by a blank line;
 * `<br>` becomes a line break inside its paragraph; table cells are separated by " | ".
 * The page `<title>` is kept as the first paragraph (it often is the report's heading).
 *
 * @example
 * htmlToText("<h1>Quý I/2023</h1><p>Xuất khẩu&nbsp;300 triệu USD<script>x=1</script></p>")
 * // "Quý I/2023\n\nXuất khẩu\u00A0300 triệu USD"
 */
export function htmlToText(html: string): string {
  const title = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html)?.[1];
  let s = html.replace(/<!--[\s\S]*?(?:-->|$)/g, " ").replace(DROPPED, " ");
  // Source line breaks are whitespace in HTML; only elements break lines.
  s = s.replace(/\s+/g, " ");
  s = s
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/t[dh]\s*>/gi, " | ")
    .replace(BLOCK, "\n\n")
    .replace(/<\/?[a-zA-Z][^>]*>/g, "")
    .replace(/<![^>]*>/g, "");
  if (title !== undefined) s = `${title.replace(/<[^>]*>/g, "").replace(/\s+/g, " ")}\n\n${s}`;
  s = decodeEntities(s);
  return s
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").replace(/(?:\s*\|\s*)+$/, "").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
