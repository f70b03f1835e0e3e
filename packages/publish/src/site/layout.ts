import { PORTAL } from "../portal.js";
import { HEAD_SCRIPT } from "./assets.js";
import { type Bilingual, type SafeHtml, html, t, trustedHtml } from "./html.js";

export interface PageArgs {
  /** Relative path from the page to the site root: "" or "../../". */
  readonly root: string;
  /** Absolute URL of the page (canonical). */
  readonly url: string;
  readonly title: Bilingual;
  readonly description: Bilingual;
  readonly head?: SafeHtml;
  readonly body: SafeHtml;
  /** Links for the footer: machine-readable catalogue files that exist. */
  readonly footerLinks: readonly { readonly href: string; readonly label: Bilingual }[];
}

/** A whole page: both languages present, Vietnamese shown until the reader picks English (remembered). */
export function page(a: PageArgs): string {
  const full = (lang: "vi" | "en") => (a.title[lang] === PORTAL.title[lang] ? a.title[lang] : `${a.title[lang]} · ${PORTAL.title[lang]}`);
  return html`<!doctype html>
<html lang="vi" data-lang="vi" data-title-vi="${full("vi")}" data-title-en="${full("en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${full("vi")}</title>
<meta name="description" content="${a.description.vi}">
<link rel="canonical" href="${a.url}">
<link rel="icon" href="${a.root}assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${a.root}assets/site.css">
<script>${trustedHtml(HEAD_SCRIPT)}</script>
${a.head ?? null}
</head>
<body>
<a class="skip" href="#main">${t("Bỏ qua, đến nội dung chính", "Skip to main content")}</a>
<header class="site-header">
  <div class="wrap">
    <a class="brand" href="${a.root}index.html"><span class="brand-mark" aria-hidden="true">LS</span><span>${bi2(PORTAL.title)}<small>${t("Số liệu có trích dẫn nguồn, có phiên bản", "Quoted, versioned figures")}</small></span></a>
    <div class="lang-switch" role="group" aria-label="Ngôn ngữ / Language">
      <button type="button" data-set-lang="vi" aria-pressed="true" lang="vi" title="Tiếng Việt">VI</button>
      <button type="button" data-set-lang="en" aria-pressed="false" lang="en" title="English">EN</button>
    </div>
  </div>
</header>
<main id="main">
<div class="wrap">
${a.body}
</div>
</main>
<footer class="site-footer">
  <div class="wrap">
    ${bi2(PORTAL.description)}
    <ul>
      <li><a href="${a.root}index.html">${t("Danh mục dữ liệu", "Data catalogue")}</a></li>
      ${a.footerLinks.map((l) => html`<li><a href="${a.root}${l.href}">${bi2(l.label)}</a></li>`)}
    </ul>
  </div>
</footer>
<script src="${a.root}assets/site.js"></script>
</body>
</html>
`.value;
}

const bi2 = (b: Bilingual) => t(b.vi, b.en);
