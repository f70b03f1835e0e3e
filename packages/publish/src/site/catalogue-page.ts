import { DATA_LEVELS, DOMAINS, FREQUENCIES } from "@langson-open-data/schemas";
import { PORTAL, datasetPath, releaseFilePath } from "../portal.js";
import { type SafeHtml, bi, html, t } from "./html.js";
import { page } from "./layout.js";
import type { SiteDataset, SiteModel } from "./model.js";
import { footerLinks, periodCoverage } from "./shared.js";

/** Lower case, no diacritics, đ → d: what the catalogue search compares (the script folds the query alike). */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d");
}

function searchText(d: SiteDataset): string {
  const m = d.latest.meta;
  return foldForSearch(
    [m.id, m.title.vi, m.title.en, m.description.vi, m.description.en, ...m.keywords.vi, ...m.keywords.en, ...m.indicators.flatMap((i) => [i.code, i.name.vi, i.name.en]), m.provider.vi, m.provider.en]
      .join(" ")
      .replace(/\s+/g, " "),
  );
}

function dataLevel(d: SiteDataset) {
  const statuses = d.statuses;
  const code = statuses.has("E") ? "estimated" : statuses.has("P") ? "preliminary" : "official";
  return { code, label: DATA_LEVELS.find((l) => l.code === code)! };
}

function card(d: SiteDataset): SafeHtml {
  const m = d.latest.meta;
  const domain = DOMAINS.find((x) => x.code === m.domain)!;
  const freq = FREQUENCIES.find((f) => f.code === m.frequency)!;
  const level = dataLevel(d);
  const v = d.latest.version;
  return html`<li class="card" data-domain="${m.domain}" data-search="${searchText(d)}" data-dataset="${m.id}">
  <div class="badges"><span class="badge">${bi(domain)}</span><span class="badge neutral">${bi(freq)}</span>${level.code !== "official" ? html`<span class="badge warn">${bi(level.label)}</span>` : null}</div>
  <h2><a href="${datasetPath(m.id)}index.html">${bi(m.title)}</a></h2>
  <ul class="ind-list">
    ${m.indicators.slice(0, 3).map((i) => html`<li>${bi(i.name)}</li>`)}
    ${m.indicators.length > 3 ? html`<li class="more">${t(`và ${m.indicators.length - 3} chỉ tiêu khác`, `and ${m.indicators.length - 3} more indicators`)}</li>` : null}
  </ul>
  <div class="meta">
    <span>${t("Phiên bản", "Version")} <b>${v}</b></span>
    <span>${t("Thời kỳ", "Period")} <b>${bi(periodCoverage(d.latest.manifest.periods))}</b></span>
    <span><b>${d.latest.manifest.observations}</b> ${t("số liệu", "figures")}</span>
    <span>${t("Chỉ tiêu", "Indicators")} <b>${m.indicators.length}</b></span>
  </div>
  <div class="actions">
    <a class="btn primary" href="${datasetPath(m.id)}index.html">${t("Xem bộ dữ liệu", "View dataset")}<span class="sr-only"><span class="vi" lang="vi">: ${m.title.vi}</span><span class="en" lang="en">: ${m.title.en}</span></span></a>
    <a class="btn" href="${releaseFilePath(m.id, v, "data.csv")}">CSV<span class="sr-only"> — ${m.id} ${v}</span></a>
    <a class="btn" href="${releaseFilePath(m.id, v, "data.json")}">JSON<span class="sr-only"> — ${m.id} ${v}</span></a>
  </div>
</li>`;
}

/** The catalogue page (site/index.html): every dataset, searchable and filterable by domain. */
export function cataloguePage(model: SiteModel, baseUrl: string): string {
  // In the order of the province's domains, as its reports run; then by id.
  const rank = (d: SiteDataset) => DOMAINS.findIndex((x) => x.code === d.latest.meta.domain);
  const datasets = [...model.datasets].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  const domains = DOMAINS.filter((d) => datasets.some((x) => x.latest.meta.domain === d.code));
  const figures = datasets.reduce((n, d) => n + d.latest.manifest.observations, 0);
  const newest = datasets.map((d) => d.latest.manifest.as_of).sort().at(-1);
  const body = html`<section class="hero" aria-labelledby="title">
  <h1 id="title">${bi(PORTAL.title)}</h1>
  ${bi(PORTAL.description, "p")}
  <ul class="stats">
    <li><strong>${datasets.length}</strong>${t("bộ dữ liệu", "datasets")}</li>
    <li><strong>${figures}</strong>${t("số liệu", "figures")}</li>
    <li><strong>${domains.length}</strong>${t("lĩnh vực", "domains")}</li>
    ${newest ? html`<li>${t("Cập nhật theo nguồn", "Sources as of")} <strong>${newest}</strong></li>` : null}
  </ul>
</section>
<div class="toolbar" role="search">
  <label class="search-label" for="q">${t("Tìm bộ dữ liệu, chỉ tiêu hoặc từ khóa", "Search datasets, indicators or keywords")}</label>
  <input class="search" id="q" type="search" autocomplete="off" placeholder="ví dụ: xuất khẩu, du lịch" data-placeholder-vi="ví dụ: xuất khẩu, du lịch" data-placeholder-en="e.g. exports, tourism">
  <ul class="chips" aria-label="Lĩnh vực / Domain">
    <li><button type="button" class="chip" data-domain-filter="" aria-pressed="true">${t("Tất cả", "All")}<span class="count">${datasets.length}</span></button></li>
    ${domains.map(
      (d) =>
        html`<li><button type="button" class="chip" data-domain-filter="${d.code}" aria-pressed="false">${bi(d)}<span class="count">${datasets.filter((x) => x.latest.meta.domain === d.code).length}</span></button></li>`,
    )}
  </ul>
  <p class="result-count" aria-live="polite"><span id="count">${datasets.length}</span> ${t("bộ dữ liệu phù hợp", "matching datasets")}</p>
</div>
<ul class="cards" id="datasets">
${datasets.map(card)}
</ul>
<p class="empty" id="empty" hidden>${t("Không có bộ dữ liệu nào phù hợp. Hãy thử từ khóa khác hoặc chọn “Tất cả”.", "No dataset matches. Try other words or choose “All”.")}</p>
<section class="block" aria-labelledby="machine">
  <h2 id="machine">${t("Danh mục dạng máy đọc được", "Machine-readable catalogue")}</h2>
  <div class="panelbox">
    <p>${t(
      "Danh mục được công bố theo DCAT-AP 3 (JSON-LD), theo mẫu danh mục của tỉnh (CSV, JSON), và mỗi bộ dữ liệu có bản ghi tương thích CKAN (ckan.json) cùng gói Frictionless Data Package cho từng phiên bản.",
      "The catalogue is published as DCAT-AP 3 (JSON-LD) and in the province's catalogue fields (CSV, JSON); each dataset has a CKAN-compatible record (ckan.json) and a Frictionless Data Package for every version.",
    )}</p>
    <div class="badges">${model.catalogueFiles.map((f) => html`<a class="btn" href="datasets/${f}">${f}</a>`)}</div>
  </div>
</section>`;
  return page({
    root: "",
    url: baseUrl,
    title: PORTAL.title,
    description: PORTAL.description,
    body,
    footerLinks: footerLinks(model),
  });
}
