/**
 * HTML building with escaping by default. Every piece of text from data (titles, descriptions,
 * quotes, notes) goes through {@link escapeHtml}, the one escaping function of the site, because the
 * {@link html} template escapes every interpolated value that is not already {@link SafeHtml}.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;" };

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @example
 * escapeHtml(`<img src=x onerror="alert(1)">`) // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** Markup that is already safe: produced by {@link html} or {@link trustedHtml}. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/**
 * Template tag for markup: the literal parts are trusted, every `${value}` is escaped unless it is
 * SafeHtml; arrays are joined; null, undefined and booleans render as nothing.
 *
 * @example
 * html`<h1>${title}</h1>` // title "<b>" → "<h1>&lt;b&gt;</h1>"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Marks markup built by this module's own code (never data) as safe. */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>`, `&` and the line separators are
 * written as \u escapes, so that no string in the data can close the script element.
 */
export function jsonForScript(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
  );
}

export type Bilingual = { readonly vi: string; readonly en: string };

/** Both languages of a text, each in its own element; the page shows the chosen one (CSS on html[data-lang]). */
export function bi(text: Bilingual, tag: "span" | "p" | "div" = "span"): SafeHtml {
  if (tag === "p") return html`<p class="vi" lang="vi">${text.vi}</p><p class="en" lang="en">${text.en}</p>`;
  if (tag === "div") return html`<div class="vi" lang="vi">${text.vi}</div><div class="en" lang="en">${text.en}</div>`;
  return html`<span class="vi" lang="vi">${text.vi}</span><span class="en" lang="en">${text.en}</span>`;
}

/** Shorthand for {@link bi} with two strings. */
export const t = (vi: string, en: string) => bi({ vi, en });
