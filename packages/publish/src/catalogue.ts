import { join } from "node:path";
import { coverage, DATA_LEVELS, DOMAINS, FREQUENCIES, periodBounds, type SourceRecord } from "@langson-open-data/schemas";
import { stringify } from "csv-stringify/sync";
import { writeFileAtomic } from "./fsutil.js";
import { neutralizeFormula } from "./render.js";
import { type VersionHead, listVersions, readHead, readStatuses } from "./release.js";

/** The province catalogue's fields, Vietnamese name first, English beside it. */
export const CATALOGUE_FIELDS = [
  ["ma", "mã", "identifier"],
  ["ten_du_lieu", "tên dữ liệu", "title"],
  ["mo_ta", "mô tả", "description"],
  ["co_quan_cung_cap", "cơ quan cung cấp", "providing agency"],
  ["linh_vuc", "lĩnh vực", "domain"],
  ["pham_vi", "phạm vi", "spatial coverage"],
  ["thoi_ky_so_lieu", "thời kỳ số liệu", "period covered"],
  ["tan_suat_cap_nhat", "tần suất cập nhật", "update frequency"],
  ["dinh_dang", "định dạng", "formats"],
  ["dieu_khoan_su_dung", "điều khoản sử dụng", "terms of use"],
  ["nguon_goc", "nguồn gốc", "source"],
  ["muc_do_so_lieu", "mức độ số liệu", "data level"],
  ["phien_ban", "phiên bản", "version"],
] as const;

type Bilingual = { readonly vi: string; readonly en: string };
export type CatalogueRecord = Record<(typeof CATALOGUE_FIELDS)[number][0], Bilingual> & { readonly dataset: string };

/** The shape of a period: "2023-Q1" → "Q", "2023-03-27" → "D", "2023-01-01/2023-03-27" → "D/D". */
const periodKind = (p: string) =>
  p
    .split("/")
    .map((x) => (/-Q/.test(x) ? "Q" : /-S/.test(x) ? "S" : x.length === 4 ? "Y" : x.length === 7 ? "M" : "D"))
    .join("/");

/**
 * The period a version covers, in its own terms: "2023-Q1", "2023-Q1 – 2023-Q4"; periods of mixed
 * shapes (a flow to a day beside a stock on that day) become the ISO interval of the days they cover.
 */
export function periodSpan(periods: readonly string[]): string {
  if (periods.length <= 1) return periods[0] ?? "";
  const sorted = [...periods].sort((a, b) => periodBounds(a).start.localeCompare(periodBounds(b).start) || periodBounds(a).end.localeCompare(periodBounds(b).end));
  if (new Set(sorted.map(periodKind)).size === 1) return `${sorted[0]} – ${sorted.at(-1)}`;
  const span = coverage(sorted)!;
  return `${span.start}/${span.end}`;
}

/** The data level of a version: the least final status among its figures. */
function dataLevel(statuses: ReadonlySet<string>): Bilingual {
  const code = statuses.has("E") ? "estimated" : statuses.has("P") ? "preliminary" : "official";
  const level = DATA_LEVELS.find((l) => l.code === code)!;
  return { vi: level.vi, en: level.en };
}

/** The formats a version offers its figures in, as the catalogue names them. */
function formats(v: VersionHead): string {
  const names: [string, string][] = [["data.csv", "CSV"], ["data.json", "JSON"], ["data.parquet", "Parquet"]];
  return names.filter(([file]) => v.manifest.files.some((f) => f.path === file)).map(([, name]) => name).join(", ");
}

/** A version's record in the province's catalogue fields; `statuses` are its figures' (readStatuses). */
export function catalogueRecord(v: VersionHead, sources: readonly SourceRecord[], statuses: ReadonlySet<string>): CatalogueRecord {
  const m = v.meta;
  const domain = DOMAINS.find((d) => d.code === m.domain)!;
  const freq = FREQUENCIES.find((f) => f.code === m.frequency)!;
  const span = periodSpan(v.manifest.periods);
  const used = sources.filter((s) => v.manifest.sources.some((u) => u.id === s.id));
  const origin = (lang: "vi" | "en") =>
    used.map((s) => `${s.title} (${s.publisher}, ${s.published})`).join("; ") || (lang === "vi" ? "không rõ" : "unknown");
  return {
    dataset: m.id,
    ma: { vi: m.id, en: m.id },
    ten_du_lieu: m.title,
    mo_ta: m.description,
    co_quan_cung_cap: m.provider,
    linh_vuc: { vi: domain.vi, en: domain.en },
    pham_vi: { vi: m.spatial.join(", ") === "VN-09" ? "Tỉnh Lạng Sơn (VN-09)" : m.spatial.join(", "), en: m.spatial.join(", ") === "VN-09" ? "Lạng Sơn province (VN-09)" : m.spatial.join(", ") },
    thoi_ky_so_lieu: { vi: span, en: span },
    tan_suat_cap_nhat: { vi: freq.vi, en: freq.en },
    dinh_dang: { vi: formats(v), en: formats(v) },
    dieu_khoan_su_dung: { vi: `${m.license.title} (${m.license.id}). ${m.license.attribution.vi}`, en: `${m.license.title} (${m.license.id}). ${m.license.attribution.en}` },
    nguon_goc: { vi: origin("vi"), en: origin("en") },
    muc_do_so_lieu: dataLevel(statuses),
    phien_ban: { vi: v.version, en: v.version },
  };
}

/** datasets/catalogue.json and catalogue.csv: every dataset's latest version, in the province's fields. */
export async function renderCatalogue(datasetsDir: string, datasets: readonly string[], sources: readonly SourceRecord[]): Promise<Map<string, string>> {
  const records: CatalogueRecord[] = [];
  for (const id of [...datasets].sort()) {
    const latest = (await listVersions(datasetsDir, id)).at(-1);
    if (!latest) continue;
    const head = await readHead(datasetsDir, id, latest);
    records.push(catalogueRecord(head, sources, await readStatuses(datasetsDir, head)));
  }
  const fields = CATALOGUE_FIELDS.map(([key, vi, en]) => ({ key, vi, en }));
  const files = new Map<string, string>();
  files.set(join(datasetsDir, "catalogue.json"), `${JSON.stringify({ fields, datasets: records }, null, 2)}\n`);
  const header = CATALOGUE_FIELDS.flatMap(([key, vi, en]) => [`${key}_vi (${vi})`, `${key}_en (${en})`]);
  const rows = records.map((r) => CATALOGUE_FIELDS.flatMap(([key]) => [r[key].vi, r[key].en]));
  files.set(join(datasetsDir, "catalogue.csv"), stringify(
      rows.map((r) => r.map(neutralizeFormula)),
      { header: true, columns: header, record_delimiter: "unix", quoted_match: [/^\s|\s$/, /[;\t\r\n]/] },
    ));
  return files;
}

export async function writeCatalogue(datasetsDir: string, datasets: readonly string[], sources: readonly SourceRecord[]): Promise<void> {
  for (const [path, content] of await renderCatalogue(datasetsDir, datasets, sources)) await writeFileAtomic(path, content);
}
