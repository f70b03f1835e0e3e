/**
 * The portal's own identity: where it is served and what it calls itself. The base URL is the one
 * place absolute links come from (DCAT-AP, CKAN records, schema.org, the site's canonical links).
 */
export const DEFAULT_SITE_BASE_URL = "https://langson-open-data.github.io/";

/**
 * The base URL of the published site, ending in "/": `SITE_BASE_URL` from the environment when set,
 * else {@link DEFAULT_SITE_BASE_URL}. Files rendered with it (catalogue.jsonld, ckan.json) must be
 * regenerated and verified with the same value.
 *
 * @example
 * siteBaseUrl({ SITE_BASE_URL: "https://data.example.org/langson" }) // "https://data.example.org/langson/"
 */
export function siteBaseUrl(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const raw = env.SITE_BASE_URL?.trim() || DEFAULT_SITE_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new Error(`SITE_BASE_URL must be an absolute http(s) URL such as ${DEFAULT_SITE_BASE_URL}; found ${JSON.stringify(raw)}`, { cause });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`SITE_BASE_URL must use http or https; found ${JSON.stringify(raw)}`);
  }
  url.search = "";
  url.hash = "";
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

type Bilingual = { readonly vi: string; readonly en: string };

/** Names of the portal and of whoever runs it, as the catalogue and the site show them. */
export const PORTAL: { readonly title: Bilingual; readonly description: Bilingual; readonly publisher: Bilingual } = {
  title: {
    vi: "Dữ liệu mở kinh tế - xã hội tỉnh Lạng Sơn",
    en: "Lạng Sơn province socio-economic open data",
  },
  description: {
    vi: "Số liệu trong các báo cáo kinh tế - xã hội của tỉnh Lạng Sơn, mỗi số liệu kèm trích dẫn nguồn, được kiểm tra và công bố thành các phiên bản không thay đổi.",
    en: "Figures from Lạng Sơn province's socio-economic reports, each with the quote that states it, checked and published as immutable versions.",
  },
  publisher: {
    vi: "Dự án Dữ liệu mở Lạng Sơn (langson-open-data)",
    en: "Lạng Sơn Open Data project (langson-open-data)",
  },
};

/** Path of a dataset's page below the site root: `datasets/<id>/`. */
export function datasetPath(dataset: string): string {
  return `datasets/${encodeURIComponent(dataset)}/`;
}

/** Path of a published file below the site root: `datasets/<id>/<version>/<name>`. */
export function releaseFilePath(dataset: string, version: string, name: string): string {
  return `${datasetPath(dataset)}${encodeURIComponent(version)}/${encodeURIComponent(name)}`;
}

/**
 * Lower-case ASCII words joined by "-", for identifiers made from names: Vietnamese diacritics and
 * "đ" folded ("Lạng Sơn Provincial People's Committee" → "lang-son-provincial-people-s-committee").
 */
export function asciiSlug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
