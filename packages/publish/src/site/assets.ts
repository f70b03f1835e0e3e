/** The site's stylesheet and script, written to site/assets/. No CDN, no web fonts: system fonts only. */

export const LANG_STORAGE_KEY = "langson-open-data.lang";

export const SITE_CSS = `:root {
  --bg: #f5f6f8;
  --surface: #ffffff;
  --text: #17212b;
  --muted: #4f5b69;
  --faint: #6b7684;
  --border: #dde2e8;
  --brand: #174f96;
  --brand-ink: #0d3566;
  --brand-soft: #e8f0fa;
  --level: #2f6fbf;
  --plan: #0f7a6d;
  --plan-line: #a14c07;
  --warn-soft: #fdf3e3;
  --warn-ink: #7a3d00;
  --radius: 10px;
  --shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 1px 3px rgba(16, 24, 40, 0.06);
  color-scheme: light;
}
html[data-lang="vi"] .en, html[data-lang="en"] .vi { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.55;
  color: var(--text);
  background: var(--bg);
}
a { color: var(--brand); text-underline-offset: 2px; }
a:hover { color: var(--brand-ink); }
:focus-visible { outline: 3px solid #f0a020; outline-offset: 2px; border-radius: 3px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0 0 0.5em; color: #0f1a26; }
h1 { font-size: clamp(1.55rem, 1.2rem + 1.6vw, 2.1rem); letter-spacing: -0.01em; }
h2 { font-size: 1.35rem; }
h3 { font-size: 1.08rem; }
p { margin: 0 0 0.9em; }
code, .mono { font-family: ui-monospace, SFMono-Regular, "Cascadia Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; }
.wrap { max-width: 1120px; margin: 0 auto; padding: 0 20px; }

.site-header { background: var(--surface); border-bottom: 1px solid var(--border); }
.site-header .wrap { display: flex; align-items: center; justify-content: space-between; gap: 16px; min-height: 64px; }
.brand { display: flex; align-items: center; gap: 10px; color: var(--text); text-decoration: none; font-weight: 650; line-height: 1.2; }
.brand:hover { color: var(--brand-ink); }
.brand-mark { flex: none; width: 34px; height: 34px; border-radius: 8px; background: var(--brand); color: #fff; display: grid; place-items: center; font-size: 0.8rem; font-weight: 700; letter-spacing: 0.02em; }
.brand small { display: block; font-weight: 450; color: var(--muted); font-size: 0.8rem; }
.lang-switch { display: inline-flex; border: 1px solid var(--border); border-radius: 999px; padding: 2px; background: #f3f5f8; flex: none; }
.lang-switch button { font: inherit; font-size: 0.85rem; font-weight: 600; border: 0; background: transparent; color: var(--muted); padding: 5px 12px; border-radius: 999px; cursor: pointer; min-width: 44px; min-height: 32px; }
.lang-switch button[aria-pressed="true"] { background: var(--brand); color: #fff; }

main { padding: 28px 0 48px; }
.hero { padding: 8px 0 20px; }
.lede { font-size: 1.07rem; color: var(--muted); max-width: 72ch; }
.stats { display: flex; flex-wrap: wrap; gap: 10px 28px; margin: 14px 0 0; padding: 0; list-style: none; }
.stats li { color: var(--muted); font-size: 0.95rem; }
.stats strong { color: var(--text); font-size: 1.25rem; font-variant-numeric: tabular-nums; margin-right: 4px; }

.toolbar { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 16px; box-shadow: var(--shadow); margin: 8px 0 20px; }
.search-label { display: block; font-weight: 600; font-size: 0.92rem; margin-bottom: 6px; }
.search { width: 100%; font: inherit; padding: 10px 12px; border: 1px solid #b9c2cd; border-radius: 8px; background: #fff; color: var(--text); }
.search:focus { border-color: var(--brand); }
.chips { display: flex; flex-wrap: wrap; gap: 8px; margin: 12px 0 0; padding: 0; list-style: none; }
.chip { font: inherit; font-size: 0.88rem; border: 1px solid var(--border); background: #fff; color: var(--text); padding: 5px 12px; border-radius: 999px; cursor: pointer; min-height: 34px; }
.chip[aria-pressed="true"] { background: var(--brand); border-color: var(--brand); color: #fff; }
.chip .count { color: inherit; opacity: 0.8; margin-left: 4px; font-variant-numeric: tabular-nums; }
.result-count { margin: 12px 0 0; color: var(--muted); font-size: 0.9rem; }

.cards { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 480px), 1fr)); gap: 16px; }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 18px 18px 16px; display: flex; flex-direction: column; }
.card h2 { font-size: 1.12rem; margin: 8px 0 6px; }
.card h2 a { color: inherit; text-decoration: none; }
.card h2 a:hover { color: var(--brand); text-decoration: underline; }
.ind-list { list-style: none; margin: 0 0 12px; padding: 0; font-size: 0.92rem; color: var(--muted); }
.ind-list li { position: relative; padding-left: 14px; margin: 2px 0; }
.ind-list li::before { content: ""; position: absolute; left: 2px; top: 0.62em; width: 5px; height: 5px; border-radius: 50%; background: #9aa8b8; }
.ind-list li.more { font-style: italic; }
.ind-list li.more::before { display: none; }
.card .meta { margin-top: auto; display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 0.86rem; color: var(--muted); padding: 10px 0 0; border-top: 1px solid #eef1f4; }
.card .meta b { color: var(--text); font-weight: 600; }
.card .actions { display: flex; gap: 8px; margin-top: 12px; flex-wrap: wrap; }
.empty { background: var(--surface); border: 1px dashed #b9c2cd; border-radius: var(--radius); padding: 24px; text-align: center; color: var(--muted); }

.badges { display: flex; flex-wrap: wrap; gap: 6px; }
.badge { display: inline-block; font-size: 0.78rem; font-weight: 600; padding: 2px 9px; border-radius: 999px; background: var(--brand-soft); color: var(--brand-ink); line-height: 1.6; }
.badge.neutral { background: #eef1f4; color: #344150; }
.badge.warn { background: var(--warn-soft); color: var(--warn-ink); }
.btn { display: inline-flex; align-items: center; gap: 6px; font-size: 0.88rem; font-weight: 600; padding: 6px 12px; border-radius: 8px; border: 1px solid var(--border); background: #fff; color: var(--brand-ink); text-decoration: none; min-height: 34px; }
.btn:hover { border-color: var(--brand); background: var(--brand-soft); }
.btn.primary { background: var(--brand); border-color: var(--brand); color: #fff; }
.btn.primary:hover { background: var(--brand-ink); }
button.btn { font-family: inherit; cursor: pointer; }

.breadcrumb { font-size: 0.9rem; margin-bottom: 14px; color: var(--muted); }
.breadcrumb ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 0; }
.breadcrumb li + li::before { content: "›"; margin-right: 6px; color: var(--faint); }
.page-head { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); padding: 22px 22px 18px; box-shadow: var(--shadow); margin-bottom: 18px; }
.page-head h1 { margin-top: 10px; }
.page-head .lede { font-size: 1rem; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 210px), 1fr)); gap: 12px 20px; margin: 16px 0 0; padding: 16px 0 0; border-top: 1px solid #eef1f4; }
.facts div { min-width: 0; }
.facts dt { font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--faint); font-weight: 600; }
.facts dd { margin: 2px 0 0; font-size: 0.93rem; overflow-wrap: anywhere; }
.section-nav { position: sticky; top: 0; z-index: 2; background: rgba(245, 246, 248, 0.96); backdrop-filter: blur(4px); padding: 8px 0; margin-bottom: 8px; }
.section-nav ul { list-style: none; display: flex; gap: 6px; padding: 0; margin: 0; overflow-x: auto; scrollbar-width: thin; }
.section-nav a { display: inline-block; white-space: nowrap; padding: 5px 12px; border-radius: 999px; font-size: 0.88rem; font-weight: 600; text-decoration: none; color: #344150; background: #fff; border: 1px solid var(--border); }
.section-nav a:hover { border-color: var(--brand); color: var(--brand-ink); }
section.block { margin: 26px 0 0; scroll-margin-top: 64px; }
section.block > h2 { padding-bottom: 8px; border-bottom: 2px solid var(--border); margin-bottom: 16px; }
.note { color: var(--muted); font-size: 0.92rem; }
.panelbox > p, .panelbox .lede p { font-size: 0.95rem; }
.panelbox { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 18px; }

.indicator { background: var(--surface); border: 1px solid var(--border); border-radius: var(--radius); box-shadow: var(--shadow); padding: 18px; margin-bottom: 16px; scroll-margin-top: 64px; }
.indicator-head { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: baseline; justify-content: space-between; }
.indicator-head h3 { margin: 0; }
.indicator .definition { color: var(--muted); font-size: 0.93rem; margin: 8px 0 12px; max-width: 80ch; }
.quotes { margin: 12px 0 0; font-size: 0.9rem; }
.quotes summary { cursor: pointer; color: var(--brand-ink); font-weight: 600; }
.quotes blockquote { margin: 8px 0 0; padding: 6px 12px; border-left: 3px solid var(--border); color: #344150; background: #fafbfc; }

.table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 8px; background: #fff; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { text-align: left; padding: 8px 12px; border-bottom: 1px solid #edf0f3; vertical-align: top; }
thead th { background: #f7f8fa; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: #3d4957; font-weight: 650; white-space: nowrap; }
tbody tr:last-child td, tbody tr:last-child th { border-bottom: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { text-align: right; }
td.printed { font-weight: 600; white-space: nowrap; }
.hash { font-size: 0.76rem; color: #3d4957; word-break: break-all; }
.status { display: inline-block; font-size: 0.75rem; font-weight: 600; padding: 1px 7px; border-radius: 999px; background: #eef1f4; color: #344150; white-space: nowrap; }
.status.E { background: var(--warn-soft); color: var(--warn-ink); }
.status.derived { background: #f1ecfb; color: #4b2a86; }

.chart { margin: 14px 0 0; display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 320px), 1fr)); gap: 14px; align-items: start; }
.chart .panel { border: 1px solid #edf0f3; border-radius: 8px; padding: 10px 10px 4px; background: #fcfcfd; }
.chart .panel-title { font-size: 0.8rem; font-weight: 650; text-transform: uppercase; letter-spacing: 0.04em; color: #3d4957; margin: 0 0 4px; }
.chart figcaption { grid-column: 1 / -1; font-size: 0.82rem; color: var(--faint); }
.chart-svg { display: block; width: 100%; height: auto; max-width: 520px; font-family: inherit; }
.chart-svg text { font-size: 13px; fill: #4f5b69; }
.chart-svg .value { fill: #17212b; font-weight: 650; }
.chart-svg .value.inside { fill: #ffffff; }
.chart-svg .axis-unit { font-size: 12px; fill: #5b6675; }
.chart-svg .grid { stroke: #e6e9ee; stroke-width: 1; }
.chart-svg .grid.zero { stroke: #9aa4b1; }
.chart-svg .mark-level { fill: var(--level); }
.chart-svg .mark-plan { fill: var(--plan); }
.chart-svg .plan-line { stroke: var(--plan-line); stroke-width: 1.5; stroke-dasharray: 4 3; }
.chart-svg .plan-label { fill: var(--plan-line); font-size: 12px; font-weight: 600; }

.version { margin-bottom: 16px; scroll-margin-top: 64px; }
.version-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 6px 12px; margin-bottom: 10px; }
.version-head h3 { margin: 0; }
.changelog h3, .changelog h4 { font-size: 1rem; margin-top: 14px; }
.changelog ul { padding-left: 20px; }
.cite { background: #fafbfc; border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px; font-size: 0.93rem; overflow-wrap: anywhere; }
.cite-actions { display: flex; align-items: center; gap: 10px; margin-top: 10px; }
dl.record { display: grid; grid-template-columns: minmax(140px, 220px) 1fr; gap: 0; margin: 0; }
dl.record dt, dl.record dd { padding: 9px 12px; border-bottom: 1px solid #edf0f3; margin: 0; font-size: 0.92rem; }
dl.record dt { font-weight: 600; color: #3d4957; background: #f7f8fa; }
dl.record dd { overflow-wrap: anywhere; }

.site-footer { border-top: 1px solid var(--border); background: var(--surface); padding: 22px 0 30px; font-size: 0.9rem; color: var(--muted); }
.site-footer ul { list-style: none; padding: 0; margin: 8px 0 0; display: flex; flex-wrap: wrap; gap: 6px 18px; }

@media (max-width: 640px) {
  .wrap { padding: 0 14px; }
  main { padding-top: 18px; }
  .page-head, .indicator, .panelbox { padding: 14px; }
  .brand small { display: none; }
  dl.record { grid-template-columns: 1fr; }
  .facts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .chips { flex-wrap: nowrap; overflow-x: auto; margin-left: -16px; margin-right: -16px; padding: 0 16px 4px; scrollbar-width: none; }
  .chip { white-space: nowrap; }
  table.figures thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); }
  table.figures, table.figures tbody, table.figures tr, table.figures td { display: block; width: 100%; }
  table.figures tr { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; padding: 10px 12px; border-bottom: 1px solid #edf0f3; }
  table.figures tbody tr:last-child { border-bottom: 0; }
  table.figures td { border: 0; padding: 0; }
  table.figures td.period-cell { font-weight: 600; }
  table.figures td.measure-cell { grid-column: 1 / -1; color: var(--muted); font-size: 0.88rem; order: 2; }
  table.figures td.status-cell { grid-row: 1; grid-column: 2; text-align: right; }
  table.figures td.num { grid-column: 1 / -1; display: flex; justify-content: space-between; gap: 12px; white-space: normal; text-align: right; order: 3; }
  table.figures td.num::before { content: attr(data-label-vi); color: var(--faint); font-size: 0.8rem; font-weight: 600; text-align: left; text-transform: uppercase; letter-spacing: 0.03em; align-self: center; }
  html[data-lang="en"] table.figures td.num::before { content: attr(data-label-en); }
  table.downloads thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0, 0, 0, 0); }
  table.downloads, table.downloads tbody, table.downloads tr, table.downloads td { display: block; width: 100%; }
  table.downloads tr { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; padding: 9px 12px; border-bottom: 1px solid #edf0f3; }
  table.downloads tbody tr:last-child { border-bottom: 0; }
  table.downloads td { border: 0; padding: 0; }
  table.downloads td.hash-cell { grid-column: 1 / -1; }
  dl.record dt { border-bottom: 0; padding-bottom: 2px; }
  th, td { padding: 7px 9px; }
}
@media print {
  .site-header .lang-switch, .section-nav, .toolbar, .cite-actions { display: none; }
  body { background: #fff; }
}
`;

export const SITE_JS = `(function () {
  "use strict";
  var KEY = ${JSON.stringify(LANG_STORAGE_KEY)};
  var root = document.documentElement;

  function store(lang) {
    try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode: the choice lasts this page only */ }
  }

  function setLang(lang) {
    if (lang !== "vi" && lang !== "en") return;
    root.setAttribute("data-lang", lang);
    root.setAttribute("lang", lang);
    var title = root.getAttribute("data-title-" + lang);
    if (title) document.title = title;
    document.querySelectorAll("[data-set-lang]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-set-lang") === lang));
    });
    document.querySelectorAll("[data-placeholder-" + lang + "]").forEach(function (el) {
      el.setAttribute("placeholder", el.getAttribute("data-placeholder-" + lang));
    });
  }

  document.querySelectorAll("[data-set-lang]").forEach(function (b) {
    b.addEventListener("click", function () {
      var lang = b.getAttribute("data-set-lang");
      setLang(lang);
      store(lang);
    });
  });
  setLang(root.getAttribute("data-lang") || "vi");

  // Catalogue: search and domain filter over cards rendered at build time (no HTML is built here).
  var list = document.getElementById("datasets");
  if (list) {
    var input = document.getElementById("q");
    var chips = document.querySelectorAll("[data-domain-filter]");
    var count = document.getElementById("count");
    var empty = document.getElementById("empty");
    var domain = "";
    var fold = function (s) {
      return s.toLowerCase().normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/đ/g, "d");
    };
    var apply = function () {
      var words = fold(input.value).split(/\\s+/).filter(Boolean);
      var shown = 0;
      list.querySelectorAll("[data-search]").forEach(function (card) {
        var text = card.getAttribute("data-search");
        var ok = (!domain || card.getAttribute("data-domain") === domain) && words.every(function (w) { return text.indexOf(w) >= 0; });
        card.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = String(shown);
      empty.hidden = shown !== 0;
    };
    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        domain = chip.getAttribute("data-domain-filter");
        chips.forEach(function (c) { c.setAttribute("aria-pressed", String(c === chip)); });
        apply();
      });
    });
    input.addEventListener("input", apply);
    var params = new URLSearchParams(location.search);
    if (params.get("q")) input.value = params.get("q");
    chips.forEach(function (c) {
      if (params.get("domain") && c.getAttribute("data-domain-filter") === params.get("domain")) {
        domain = params.get("domain");
        chips.forEach(function (x) { x.setAttribute("aria-pressed", String(x === c)); });
      }
    });
    apply();
  }

  // Dataset page: copy the citation.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var lang = root.getAttribute("data-lang") || "vi";
      var text = source ? (source.querySelector("." + lang) || source).textContent.trim() : "";
      var status = document.getElementById(button.getAttribute("data-status"));
      var done = function (ok) {
        if (!status) return;
        status.querySelector(".vi").textContent = ok ? "Đã sao chép." : "Không sao chép được; hãy chọn và sao chép đoạn trên.";
        status.querySelector(".en").textContent = ok ? "Copied." : "Could not copy; select the text above instead.";
      };
      if (navigator.clipboard && text) navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      else done(false);
    });
  });
})();
`;

/** Runs in <head> before the page paints, so that the remembered language shows without a flash. */
export const HEAD_SCRIPT = `try{var l=localStorage.getItem(${JSON.stringify(LANG_STORAGE_KEY)});if(l==="vi"||l==="en"){document.documentElement.setAttribute("data-lang",l);document.documentElement.setAttribute("lang",l)}}catch(e){}`;

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#174f96"/><text x="16" y="21" font-family="system-ui, sans-serif" font-size="13" font-weight="700" fill="#fff" text-anchor="middle">LS</text></svg>
`;
