import { periodSpan } from "../catalogue.js";
import { periodLabel } from "./format.js";
import type { Bilingual } from "./html.js";
import type { SiteModel } from "./model.js";

/** The periods of a version in words: "Quý I/2023", "Quý I/2023 – Quý IV/2023", or the days covered. */
export function periodCoverage(periods: readonly string[]): Bilingual {
  const span = periodSpan(periods);
  if (!span) return { vi: "—", en: "—" };
  const parts = span.split(" – ");
  if (parts.length === 2) {
    const [a, b] = parts.map(periodLabel) as [Bilingual, Bilingual];
    return { vi: `${a.vi} – ${b.vi}`, en: `${a.en} – ${b.en}` };
  }
  return periodLabel(span);
}

/** Footer links to the machine-readable catalogue files that exist. */
export function footerLinks(model: SiteModel) {
  const labels: Record<string, Bilingual> = {
    "catalogue.jsonld": { vi: "DCAT-AP 3 (JSON-LD)", en: "DCAT-AP 3 (JSON-LD)" },
    "catalogue.csv": { vi: "Danh mục (CSV)", en: "Catalogue (CSV)" },
    "catalogue.json": { vi: "Danh mục (JSON)", en: "Catalogue (JSON)" },
  };
  return model.catalogueFiles.map((f) => ({ href: `datasets/${f}`, label: labels[f] ?? { vi: f, en: f } }));
}
