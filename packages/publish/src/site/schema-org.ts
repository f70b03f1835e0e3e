import { AREAS, coverage, unitDef } from "@langson-open-data/schemas";
import { PORTAL, datasetPath } from "../portal.js";
import type { SiteDataset } from "./model.js";

/**
 * schema.org `Dataset` of a dataset page, for search engines (embedded as JSON-LD): names in both
 * languages, the latest version's downloads with sizes and sha256, coverage, and the indicators as
 * variables measured with their units.
 */
/** The data files of a version offered as downloads, with their media types. */
const ENCODINGS: Readonly<Record<string, string>> = { "data.csv": "text/csv", "data.json": "application/json", "data.parquet": "application/vnd.apache.parquet" };

export function schemaOrgDataset(d: SiteDataset, baseUrl: string): Record<string, unknown> {
  const m = d.latest.meta;
  const v = d.latest.version;
  const url = `${baseUrl}${datasetPath(m.id)}`;
  const span = coverage(d.latest.manifest.periods);
  const latestFiles = d.versions.at(-1)!.files.filter((f) => f.name in ENCODINGS);
  const org = (name: { vi: string; en: string }) => ({ "@type": "Organization", name: name.en, alternateName: name.vi });
  return {
    "@context": "https://schema.org",
    "@type": "Dataset",
    "@id": `${url}#dataset`,
    name: m.title.en,
    alternateName: m.title.vi,
    description: m.description.en,
    url,
    identifier: [m.id, `${m.id}@${v}`],
    version: v,
    keywords: [...m.keywords.en, ...m.keywords.vi],
    inLanguage: ["vi", "en"],
    license: m.license.url,
    isAccessibleForFree: true,
    creator: org(m.provider),
    publisher: org(m.publisher),
    ...(span ? { temporalCoverage: span.start === span.end ? span.start : `${span.start}/${span.end}` } : {}),
    spatialCoverage: m.spatial.map((code) => ({
      "@type": "Place",
      name: AREAS.find((a) => a.code === code)?.en ?? code,
      identifier: code,
      address: { "@type": "PostalAddress", addressRegion: AREAS.find((a) => a.code === code)?.vi ?? code, addressCountry: "VN" },
    })),
    dateModified: d.latest.manifest.as_of,
    citation: d.sourceTitles,
    includedInDataCatalog: { "@type": "DataCatalog", name: PORTAL.title.en, url: baseUrl },
    distribution: latestFiles.map((f) => ({
      "@type": "DataDownload",
      name: `${f.name} (${v})`,
      encodingFormat: ENCODINGS[f.name],
      contentUrl: `${baseUrl}${f.path}`,
      contentSize: `${f.bytes} B`,
      sha256: f.sha256,
    })),
    variableMeasured: m.indicators.map((i) => ({
      "@type": "PropertyValue",
      propertyID: i.code,
      name: i.name.en,
      alternateName: i.name.vi,
      description: i.definition.en,
      unitCode: i.unit,
      unitText: unitDef(i.unit)?.en ?? i.unit,
    })),
  };
}
