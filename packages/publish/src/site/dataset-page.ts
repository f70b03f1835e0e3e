import { DATA_LEVELS, DOMAINS, FREQUENCIES, type IndicatorDef, MEASURES, OBS_STATUSES, type Observation, periodBounds, unitDef, VALUE_ORIGINS } from "@langson-open-data/schemas";
import { CATALOGUE_FIELDS } from "../catalogue.js";
import { PORTAL, datasetPath } from "../portal.js";
import { indicatorChart } from "./chart.js";
import { baseUnits, fileSize, periodLabel, printedVi } from "./format.js";
import { type Bilingual, type SafeHtml, bi, html, jsonForScript, t } from "./html.js";
import { page } from "./layout.js";
import { renderMarkdown } from "./markdown.js";
import type { DownloadFile, SchemaField, SiteDataset, SiteModel } from "./model.js";
import { schemaOrgDataset } from "./schema-org.js";
import { footerLinks, periodCoverage } from "./shared.js";

/** Vietnamese descriptions of the public columns (the Table Schema carries the English ones). */
const FIELD_VI: Record<string, string> = {
  dataset: "Mã bộ dữ liệu",
  indicator: "Mã chỉ tiêu; tên, định nghĩa và đơn vị ở mục Chỉ tiêu",
  measure: "Đại lượng đo của chỉ tiêu: giá trị, % kế hoạch năm, tăng/giảm so cùng kỳ…",
  ref_area: "Mã địa bàn theo ISO 3166-2",
  time_period: "Kỳ số liệu theo SDMX / ISO 8601: năm, quý, tháng, ngày (số thời điểm) hoặc khoảng ngày (số lũy kế đến ngày)",
  value: "Giá trị chính xác theo đơn vị cơ sở (USD, đồng, số đếm, phần trăm); là chuỗi trong data.json để không mất độ chính xác",
  unit: "Mã đơn vị tính",
  unit_mult: "Lũy thừa của 10 mà nguồn dùng khi in (6 là triệu)",
  decimals: "Số chữ số thập phân như nguồn in",
  obs_status: "Trạng thái số liệu SDMX: A chính thức, E ước tính, P sơ bộ",
  source: "Mã nguồn số liệu",
  origin: "stated: nguồn công bố; derived: dự án suy ra",
  quote: "Đoạn trích nguyên văn của nguồn nêu số liệu (trống nếu suy ra)",
  note: "Cách suy ra số liệu, hoặc đính chính đã áp dụng",
};

const NATURE: Record<string, Bilingual> = {
  flow: { vi: "chỉ tiêu thời kỳ", en: "flow" },
  stock: { vi: "chỉ tiêu thời điểm", en: "stock" },
  share: { vi: "tỷ lệ", en: "share" },
  score: { vi: "điểm số", en: "score" },
  rank: { vi: "thứ hạng", en: "rank" },
  count: { vi: "số đếm", en: "count" },
};

const measureLabel = (code: string): Bilingual => MEASURES.find((m) => m.code === code) ?? { vi: code, en: code };
const measureOrder = (code: string) => MEASURES.findIndex((m) => m.code === code);

/** Figures in period order (by first day, then period, then measure), each period's first day computed once. */
function sortedByPeriod(figures: Observation[]): Observation[] {
  const start = new Map(figures.map((o) => [o.time_period, periodBounds(o.time_period).start]));
  return figures.sort(
    (a, b) => start.get(a.time_period)!.localeCompare(start.get(b.time_period)!) || a.time_period.localeCompare(b.time_period) || measureOrder(a.measure) - measureOrder(b.measure),
  );
}

/** A dataset's figures by indicator, in their published order: one pass, not one filter per indicator. */
function figuresByIndicator(observations: readonly Observation[]): Map<string, Observation[]> {
  const out = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = out.get(o.indicator);
    if (list) list.push(o);
    else out.set(o.indicator, [o]);
  }
  return out;
}

function statusCell(o: Observation): SafeHtml {
  const s = OBS_STATUSES.find((x) => x.code === o.obs_status)!;
  const derived = o.origin === "derived" ? VALUE_ORIGINS.find((x) => x.code === "derived")! : null;
  return html`<span class="status ${o.obs_status}" title="OBS_STATUS ${o.obs_status}">${bi(s)}</span>${derived ? html` <span class="status derived">${bi(derived)}</span>` : null}`;
}

function figuresTable(indicator: IndicatorDef, figures: readonly Observation[]): SafeHtml {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${indicator.code}">
<table class="figures" data-indicator="${indicator.code}">
  <caption class="sr-only">${bi(indicator.name)}</caption>
  <thead><tr>
    <th scope="col">${t("Kỳ", "Period")}</th>
    <th scope="col">${t("Đại lượng", "Measure")}</th>
    <th scope="col" class="num">${t("Như nguồn in", "As printed")}</th>
    <th scope="col" class="num">${t("Theo đơn vị cơ sở", "In base units")}</th>
    <th scope="col">${t("Trạng thái", "Status")}</th>
  </tr></thead>
  <tbody>
  ${figures.map(
    (o) => html`<tr data-measure="${o.measure}" data-period="${o.time_period}">
    <td class="period-cell">${bi(periodLabel(o.time_period))} <code class="sr-only">${o.time_period}</code></td>
    <td class="measure-cell">${bi(measureLabel(o.measure))}</td>
    <td class="num printed" data-label-vi="Như nguồn in" data-label-en="As printed"><span lang="vi">${printedVi(o)}</span></td>
    <td class="num" data-label-vi="Theo đơn vị cơ sở" data-label-en="In base units"><span class="vi" lang="vi">${baseUnits(o, "vi")}</span><span class="en" lang="en">${baseUnits(o, "en")}</span></td>
    <td class="status-cell">${statusCell(o)}</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>`;
}

function indicatorBlock(indicator: IndicatorDef, ofIndicator: readonly Observation[]): SafeHtml {
  const figures = sortedByPeriod([...ofIndicator]);
  const unit = unitDef(indicator.unit);
  const quotes = [...new Set(figures.map((o) => o.quote).filter(Boolean))];
  const notes = [...new Set(figures.map((o) => o.note).filter(Boolean))];
  const nature = NATURE[indicator.nature] ?? { vi: indicator.nature, en: indicator.nature };
  return html`<article class="indicator" id="ind-${indicator.code}" data-indicator="${indicator.code}">
  <div class="indicator-head">
    <h3>${bi(indicator.name)}</h3>
    <div class="badges"><span class="badge neutral"><code>${indicator.code}</code></span><span class="badge">${unit ? bi(unit) : indicator.unit}</span><span class="badge neutral">${bi(nature)}</span></div>
  </div>
  <div class="definition">${bi(indicator.definition, "p")}</div>
  ${figures.length ? figuresTable(indicator, figures) : html`<p class="note">${t("Chưa có số liệu trong phiên bản này.", "No figures in this version yet.")}</p>`}
  ${indicatorChart(indicator, figures)}
  ${
    quotes.length || notes.length
      ? html`<details class="quotes"><summary>${t("Trích dẫn nguồn", "Source quotes")} (${quotes.length + notes.length})</summary>
    ${quotes.map((q) => html`<blockquote lang="vi">“${q}”</blockquote>`)}
    ${notes.map((n) => html`<blockquote>${n}</blockquote>`)}
  </details>`
      : null
  }
</article>`;
}

function downloadRows(files: readonly DownloadFile[], hrefPrefix: string): SafeHtml {
  return html`${files.map(
    (f) => html`<tr>
    <td><a href="${hrefPrefix}${f.name}" data-download="${f.path}" data-sha256="${f.listed ?? ""}">${f.name}</a></td>
    <td class="num"><span class="vi" lang="vi">${fileSize(f.bytes, "vi")}</span><span class="en" lang="en">${fileSize(f.bytes, "en")}</span></td>
    <td class="hash-cell"><code class="hash" title="SHA-256">${f.sha256}</code></td>
  </tr>`,
  )}`;
}

function downloadTable(files: readonly DownloadFile[], label: string, hrefPrefix: string): SafeHtml {
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${label}">
<table class="downloads">
  <thead><tr><th scope="col">${t("Tệp", "File")}</th><th scope="col" class="num">${t("Dung lượng", "Size")}</th><th scope="col">SHA-256</th></tr></thead>
  <tbody>${downloadRows(files, hrefPrefix)}</tbody>
</table>
</div>`;
}

const CHANGE: Record<string, Bilingual> = {
  initial: { vi: "phát hành đầu tiên", en: "first release" },
  major: { vi: "thay đổi lớn", en: "major" },
  minor: { vi: "bổ sung", en: "minor" },
  patch: { vi: "đính chính", en: "patch" },
};

function fieldConstraints(f: SchemaField): SafeHtml {
  const c = f.constraints ?? {};
  const parts: SafeHtml[] = [];
  if (c.required) parts.push(html`${t("bắt buộc", "required")}`);
  if (Array.isArray(c.enum)) {
    const shown = c.enum.slice(0, 8).map(String).join(", ");
    parts.push(html`${t("một trong", "one of")}: <code>${shown}${c.enum.length > 8 ? ", …" : ""}</code>`);
  }
  if (typeof c.pattern === "string") parts.push(html`${t("mẫu", "pattern")}: <code>${c.pattern.length > 60 ? `${c.pattern.slice(0, 60)}…` : c.pattern}</code>`);
  if (typeof c.minimum === "number") parts.push(html`≥ ${c.minimum}`);
  if (typeof c.maximum === "number") parts.push(html`≤ ${c.maximum}`);
  if (typeof c.maxLength === "number") parts.push(html`${t("tối đa", "at most")} ${c.maxLength} ${t("ký tự", "characters")}`);
  return html`${parts.map((p, i) => html`${i ? "; " : ""}${p}`)}`;
}

/** A dataset page (site/datasets/<id>/index.html). */
export function datasetPage(d: SiteDataset, model: SiteModel, baseUrl: string): string {
  const m = d.latest.meta;
  const v = d.latest.version;
  const domain = DOMAINS.find((x) => x.code === m.domain)!;
  const freq = FREQUENCIES.find((f) => f.code === m.frequency)!;
  const statuses = d.statuses;
  const byIndicator = d.figures && figuresByIndicator(d.figures);
  const level = DATA_LEVELS.find((l) => l.code === (statuses.has("E") ? "estimated" : statuses.has("P") ? "preliminary" : "official"))!;
  const url = `${baseUrl}${datasetPath(m.id)}`;
  const year = d.latest.manifest.as_of.slice(0, 4);
  const citation: Bilingual = {
    vi: `${m.publisher.vi} (${year}). ${m.title.vi} (phiên bản ${v}) [Bộ dữ liệu]. ${PORTAL.title.vi}. ${url}`,
    en: `${m.publisher.en} (${year}). ${m.title.en} (version ${v}) [Data set]. ${PORTAL.title.en}. ${url}`,
  };
  const latestFiles = d.versions.at(-1)!.files;
  const has = (name: string) => latestFiles.some((f) => f.name === name);
  const versionsNewestFirst = [...d.versions].reverse();

  const body = html`<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
  <li><a href="../../index.html">${t("Danh mục", "Catalogue")}</a></li>
  <li><a href="../../index.html?domain=${encodeURIComponent(domain.code)}">${bi(domain)}</a></li>
  <li aria-current="page">${m.id}</li>
</ol></nav>
<header class="page-head">
  <div class="badges"><span class="badge">${bi(domain)}</span><span class="badge neutral">${bi(freq)}</span><span class="badge neutral">${t("Phiên bản", "Version")} ${v}</span>${level.code !== "official" ? html`<span class="badge warn">${bi(level)}</span>` : null}</div>
  <h1>${bi(m.title)}</h1>
  <div class="lede">${bi(m.description, "p")}</div>
  <div class="actions badges">
    ${has("data.csv") ? html`<a class="btn primary" href="${v}/data.csv">${t("Tải CSV", "Download CSV")}</a>` : null}
    ${has("data.json") ? html`<a class="btn" href="${v}/data.json">${t("Tải JSON", "Download JSON")}</a>` : null}
    ${has("data.parquet") ? html`<a class="btn" href="${v}/data.parquet">${t("Tải Parquet", "Download Parquet")}</a>` : null}
    ${has("datapackage.json") ? html`<a class="btn" href="${v}/datapackage.json">Data Package</a>` : null}
  </div>
  <dl class="facts">
    <div><dt>${t("Cơ quan công bố", "Publisher")}</dt><dd>${bi(m.publisher)}</dd></div>
    <div><dt>${t("Cơ quan cung cấp", "Providing agency")}</dt><dd>${bi(m.provider)}</dd></div>
    <div><dt>${t("Thời kỳ số liệu", "Period covered")}</dt><dd>${bi(periodCoverage(d.latest.manifest.periods))}</dd></div>
    <div><dt>${t("Số liệu", "Figures")}</dt><dd>${d.latest.manifest.observations} · ${m.indicators.length} ${t("chỉ tiêu", "indicators")}</dd></div>
    <div><dt>${t("Mức độ số liệu", "Data level")}</dt><dd>${bi(level)}</dd></div>
    <div><dt>${t("Giấy phép", "Licence")}</dt><dd><a href="${m.license.url}">${m.license.id}</a></dd></div>
  </dl>
</header>
<nav class="section-nav" aria-label="Mục / Sections"><ul>
  <li><a href="#indicators">${t("Chỉ tiêu", "Indicators")}</a></li>
  <li><a href="#downloads">${t("Tải về", "Downloads")}</a></li>
  <li><a href="#changelog">${t("Lịch sử thay đổi", "Changelog")}</a></li>
  <li><a href="#schema">${t("Cấu trúc dữ liệu", "Schema")}</a></li>
  <li><a href="#cite">${t("Trích dẫn", "How to cite")}</a></li>
  <li><a href="#record">${t("Thông tin danh mục", "Catalogue record")}</a></li>
</ul></nav>

<section class="block" id="indicators" aria-labelledby="h-indicators">
  <h2 id="h-indicators">${t("Chỉ tiêu và số liệu", "Indicators and figures")}</h2>
  <p class="note">${t(
    "“Như nguồn in” là số liệu theo định dạng Việt Nam và đơn vị mà nguồn dùng; “Theo đơn vị cơ sở” là giá trị chính xác được công bố trong data.csv.",
    "“As printed” is the figure in Vietnamese format and in the unit the source used; “In base units” is the exact value published in data.csv.",
  )}</p>
  ${
    byIndicator
      ? m.indicators.map((i) => indicatorBlock(i, byIndicator.get(i.code) ?? []))
      : html`<p class="note" data-summary="figures">${t(
          `Phiên bản ${v} có ${d.latest.manifest.observations} số liệu của ${m.indicators.length} chỉ tiêu, quá nhiều để liệt kê ở đây: hãy tải data.parquet hoặc data.csv (mục Tải về).`,
          `Version ${v} has ${d.latest.manifest.observations} figures of ${m.indicators.length} indicators, too many to list here: download data.parquet or data.csv (see Downloads).`,
        )}</p>
  <ul class="ind-list">${m.indicators.map((i) => html`<li id="ind-${i.code}"><code>${i.code}</code> ${bi(i.name)}</li>`)}</ul>`
  }
</section>

<section class="block" id="downloads" aria-labelledby="h-downloads">
  <h2 id="h-downloads">${t("Tải về", "Downloads")}</h2>
  <p class="note">${t(
    "Mỗi phiên bản không bao giờ thay đổi sau khi công bố. Kiểm tra tệp tải về bằng sha256sum -c SHA256SUMS trong thư mục phiên bản.",
    "A version never changes once published. Check downloads with sha256sum -c SHA256SUMS in the version folder.",
  )}</p>
  ${versionsNewestFirst.map(
    (sv) => html`<div class="version panelbox" id="v${sv.entry.version}" data-version="${sv.entry.version}">
    <div class="version-head"><h3>${t("Phiên bản", "Version")} ${sv.entry.version}</h3>
      <div class="badges">${sv.entry.version === v ? html`<span class="badge">${t("mới nhất", "latest")}</span>` : null}<span class="badge neutral">${bi(CHANGE[sv.entry.manifest.change] ?? { vi: sv.entry.manifest.change, en: sv.entry.manifest.change })}</span><span class="badge neutral">${t("số liệu đến", "as of")} ${sv.entry.manifest.as_of}</span><span class="badge neutral">${sv.entry.manifest.observations} ${t("số liệu", "figures")}</span></div></div>
    ${downloadTable(sv.files, `${m.id} ${sv.entry.version}`, `${sv.entry.version}/`)}
  </div>`,
  )}
  ${
    d.indexFiles.length
      ? html`<div class="version panelbox"><div class="version-head"><h3>${t("Tệp của bộ dữ liệu", "Dataset files")}</h3></div>
    <p class="note">${t(
      "Cập nhật mỗi lần công bố: nhật ký thay đổi, mọi giá trị từng công bố (vintages.csv), con trỏ phiên bản mới nhất và bản ghi CKAN.",
      "Rewritten at each release: the changelog, every value ever published (vintages.csv), the pointer to the latest version and the CKAN record.",
    )}</p>
    ${downloadTable(d.indexFiles, `${m.id} files`, "")}</div>`
      : null
  }
</section>

<section class="block changelog" id="changelog" aria-labelledby="h-changelog">
  <h2 id="h-changelog">${t("Lịch sử thay đổi", "Changelog")}</h2>
  <div class="panelbox">
  <p class="note vi" lang="vi">Nhật ký thay đổi được viết bằng tiếng Anh, mới nhất ở trên.</p>
  ${versionsNewestFirst.map((sv) => html`<div lang="en">${renderMarkdown(sv.entry.changelog, 1)}</div>`)}
  </div>
</section>

<section class="block" id="schema" aria-labelledby="h-schema">
  <h2 id="h-schema">${t("Cấu trúc dữ liệu", "Schema")}</h2>
  <p class="note">${t("Các cột của data.csv và khóa của data.json, theo Table Schema trong", "The columns of data.csv and keys of data.json, per the Table Schema in")} <a href="${v}/datapackage.json">datapackage.json</a>. ${t("Khóa chính", "Primary key")}: <code>${d.primaryKey.join(" + ")}</code>.</p>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Schema">
  <table>
    <thead><tr><th scope="col">${t("Cột", "Column")}</th><th scope="col">${t("Kiểu", "Type")}</th><th scope="col">${t("Ràng buộc", "Constraints")}</th><th scope="col">${t("Mô tả", "Description")}</th></tr></thead>
    <tbody>
    ${d.fields.map(
      (f) => html`<tr><th scope="row"><code>${f.name}</code></th><td>${f.type}</td><td>${fieldConstraints(f)}</td><td>${bi({ vi: FIELD_VI[f.name] ?? f.description ?? "", en: f.description ?? "" })}</td></tr>`,
    )}
    </tbody>
  </table>
  </div>
  <h3 style="margin-top:18px">${t("Đơn vị tính của từng chỉ tiêu", "Unit of each indicator")}</h3>
  <div class="table-wrap" tabindex="0" role="region" aria-label="Units">
  <table>
    <thead><tr><th scope="col">${t("Chỉ tiêu", "Indicator")}</th><th scope="col">${t("Đơn vị", "Unit")}</th><th scope="col">${t("Loại", "Nature")}</th></tr></thead>
    <tbody>
    ${m.indicators.map((i) => {
      const unit = unitDef(i.unit);
      return html`<tr><th scope="row"><a href="#ind-${i.code}"><code>${i.code}</code></a></th><td><code>${i.unit}</code> ${unit ? html`— ${bi(unit)}` : null}</td><td>${bi(NATURE[i.nature] ?? { vi: i.nature, en: i.nature })}</td></tr>`;
    })}
    </tbody>
  </table>
  </div>
</section>

<section class="block" id="cite" aria-labelledby="h-cite">
  <h2 id="h-cite">${t("Trích dẫn", "How to cite")}</h2>
  <div class="panelbox">
    <p class="cite" id="citation">${bi(citation)}</p>
    <div class="cite-actions"><button type="button" class="btn" data-copy="citation" data-status="copy-status">${t("Sao chép trích dẫn", "Copy citation")}</button><span id="copy-status" class="note" role="status" aria-live="polite"><span class="vi" lang="vi"></span><span class="en" lang="en"></span></span></div>
    <p style="margin-top:14px"><strong>${t("Ghi nguồn theo giấy phép", "Attribution required by the licence")}</strong> (<a href="${m.license.url}">${m.license.title}</a>):</p>
    ${bi(m.license.attribution, "p")}
    ${d.sourceTitles.length ? html`<p class="note">${t("Nguồn", "Source")}: ${d.sourceTitles.join("; ")}</p>` : null}
  </div>
</section>

<section class="block" id="record" aria-labelledby="h-record">
  <h2 id="h-record">${t("Thông tin danh mục", "Catalogue record")}</h2>
  <div class="panelbox">
  <dl class="record">
    ${CATALOGUE_FIELDS.map(([key, vi, en]) => html`<dt>${t(capitalize(vi), capitalize(en))}</dt><dd>${bi(d.record[key])}</dd>`)}
  </dl>
  </div>
</section>`;

  return page({
    root: "../../",
    url,
    title: m.title,
    description: { vi: m.description.vi.slice(0, 300), en: m.description.en.slice(0, 300) },
    head: html`<script type="application/ld+json">${jsonForScript(schemaOrgDataset(d, baseUrl))}</script>`,
    body,
    footerLinks: footerLinks(model),
  });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
