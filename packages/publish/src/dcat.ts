import { join } from "node:path";
import { AREAS, coverage, type DomainCode, FREQUENCIES, SCHEMA_VERSION, schemaId, type SourceRecord } from "@langson-open-data/schemas";
import { type VersionHistoryEntry, changelogNotes, readHistory } from "./_history.js";
import { dateDatatype } from "./_periods.js";
import { writeFileAtomic } from "./fsutil.js";
import { PORTAL, asciiSlug, datasetPath, releaseFilePath, siteBaseUrl } from "./portal.js";

/**
 * The JSON-LD context of catalogue.jsonld: prefixes only, inline, so that the file needs no network
 * to be read as RDF. Every property is written with its prefix.
 */
export const DCAT_CONTEXT = {
  adms: "http://www.w3.org/ns/adms#",
  dcat: "http://www.w3.org/ns/dcat#",
  dcatap: "http://data.europa.eu/r5r/",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  spdx: "http://spdx.org/rdf/terms#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

const EU = "http://publications.europa.eu/resource/authority/";

/** EU data themes (publications.europa.eu data-theme) of each domain; every dataset is regional too. */
const THEMES: Record<DomainCode, readonly string[]> = {
  trade: ["ECON"],
  tourism: ["ECON"],
  "market-control": ["JUST", "ECON"],
  enterprises: ["ECON"],
  investment: ["ECON"],
  "public-finance": ["GOVE", "ECON"],
  "digital-transformation": ["TECH", "GOVE"],
  competitiveness: ["GOVE", "ECON"],
};
const THEME_LABELS: Record<string, string> = {
  ECON: "Economy and finance",
  GOVE: "Government and public sector",
  JUST: "Justice, legal system and public safety",
  REGI: "Regions and cities",
  TECH: "Science and technology",
};

/** Distributions of a version: the data in each format, described by the manifest. */
const DISTRIBUTIONS = [
  { file: "data.csv", key: "csv", format: "CSV", mediaType: "text/csv" },
  { file: "data.json", key: "json", format: "JSON", mediaType: "application/json" },
  { file: "data.parquet", key: "parquet", format: "PARQUET", mediaType: "application/vnd.apache.parquet" },
] as const;

type Node = { "@id": string; "@type"?: string | string[] } & Record<string, unknown>;
type Bilingual = { readonly vi: string; readonly en: string };

const ref = (id: string) => ({ "@id": id });
const langs = (b: Bilingual) => [
  { "@value": b.vi, "@language": "vi" },
  { "@value": b.en, "@language": "en" },
];
const typed = (value: string, type: string) => ({ "@value": value, "@type": `xsd:${type}` });
const dateLiteral = (date: string) => typed(date, dateDatatype(date));

/** IRIs of the catalogue's resources below the site's base URL. */
export function dcatIris(base: string) {
  return {
    catalog: `${base}#catalog`,
    series: (pipeline: string, frequency: string) => `${base}#series-${pipeline}-${frequency}`,
    dataset: (id: string) => `${base}${datasetPath(id)}#dataset`,
    version: (id: string, version: string) => `${base}${datasetPath(id)}#v${version}`,
    distribution: (id: string, version: string, key: string) => `${base}${datasetPath(id)}#v${version}-${key}`,
    landingPage: (id: string) => `${base}${datasetPath(id)}`,
    download: (id: string, version: string, file: string) => `${base}${releaseFilePath(id, version, file)}`,
  };
}

/** Collects the shared nodes (agents, places, vocabularies) once each, in first-use order. */
class Graph {
  readonly nodes = new Map<string, Node>();
  add(node: Node): { "@id": string } {
    if (!this.nodes.has(node["@id"])) this.nodes.set(node["@id"], node);
    return ref(node["@id"]);
  }
  agent(name: Bilingual) {
    return this.add({ "@id": `_:agent-${asciiSlug(name.en)}`, "@type": "foaf:Agent", "foaf:name": langs(name) });
  }
  location(code: string) {
    const area = AREAS.find((a) => a.code === code);
    return this.add({
      "@id": `_:area-${code}`,
      "@type": "dct:Location",
      "dct:identifier": code,
      ...(area ? { "skos:prefLabel": langs(area) } : {}),
    });
  }
  country() {
    return this.add({ "@id": `${EU}country/VNM`, "@type": "dct:Location", "skos:prefLabel": { "@value": "Vietnam", "@language": "en" } });
  }
  frequency(code: string) {
    const f = FREQUENCIES.find((x) => x.code === code);
    return f ? this.add({ "@id": `${EU}frequency/${f.euFrequency}`, "@type": "dct:Frequency", "skos:prefLabel": langs(f) }) : undefined;
  }
  theme(code: string) {
    return this.add({
      "@id": `${EU}data-theme/${code}`,
      "@type": "skos:Concept",
      "skos:prefLabel": { "@value": THEME_LABELS[code] ?? code, "@language": "en" },
      "skos:inScheme": ref(`${EU}data-theme`),
    });
  }
  themeScheme() {
    return this.add({ "@id": `${EU}data-theme`, "@type": "skos:ConceptScheme", "dct:title": { "@value": "Data theme", "@language": "en" } });
  }
  language(code: "VIE" | "ENG") {
    return this.add({ "@id": `${EU}language/${code}`, "@type": "dct:LinguisticSystem" });
  }
  mediaType(type: string) {
    return this.add({ "@id": `https://www.iana.org/assignments/media-types/${type}`, "@type": "dct:MediaType" });
  }
  fileType(code: string) {
    return this.add({ "@id": `${EU}file-type/${code}`, "@type": "dct:MediaTypeOrExtent" });
  }
  license(url: string, title: string) {
    return this.add({ "@id": url, "@type": "dct:LicenseDocument", "dct:title": title });
  }
  schema() {
    return this.add({
      "@id": schemaId("observation"),
      "@type": "dct:Standard",
      "dct:title": { "@value": `Observation schema ${SCHEMA_VERSION} (JSON Schema)`, "@language": "en" },
    });
  }
  publicAccess() {
    return this.add({ "@id": `${EU}access-right/PUBLIC`, "@type": "dct:RightsStatement" });
  }
  document(url: string) {
    return this.add({ "@id": url, "@type": "foaf:Document" });
  }
}

function temporal(periods: readonly string[]) {
  const span = coverage(periods);
  return span
    ? { "@type": "dct:PeriodOfTime", "dcat:startDate": typed(span.start, "date"), "dcat:endDate": typed(span.end, "date") }
    : undefined;
}

const withTemporal = (periods: readonly string[]) => {
  const t = temporal(periods);
  return t ? { "dct:temporal": t } : {};
};

const keywords = (k: { readonly vi: readonly string[]; readonly en: readonly string[] }) => [
  ...k.vi.map((w) => ({ "@value": w, "@language": "vi" })),
  ...k.en.map((w) => ({ "@value": w, "@language": "en" })),
];

function provenance(v: VersionHistoryEntry, sources: readonly SourceRecord[]) {
  const used = v.manifest.sources.map((u) => {
    const s = sources.find((x) => x.id === u.id);
    return s ? `“${s.title}” (${s.publisher}, ${s.published}; snapshot sha256 ${u.sha256})` : `${u.id} (snapshot sha256 ${u.sha256})`;
  });
  return {
    "@type": "dct:ProvenanceStatement",
    "rdfs:label": [
      { "@value": `Số liệu ghi lại từ: ${used.join("; ")}. Mỗi số liệu kèm câu trích dẫn nêu nó; được kiểm tra theo các quy tắc của dự án trước khi công bố.`, "@language": "vi" },
      { "@value": `Figures recorded from: ${used.join("; ")}. Each figure carries the quote that states it; checked by the project's rules before release.`, "@language": "en" },
    ],
  };
}

/**
 * The DCAT-AP 3 catalogue of the published datasets as a JSON-LD object: a dcat:Catalog; per dataset a
 * dcat:Dataset (its latest version's distributions, dct:hasVersion to every version) and one dcat:Dataset
 * per version; a dcat:DatasetSeries per pipeline and update frequency. A pure function of the version
 * folders, the sources and the base URL.
 */
export async function buildDcatCatalogue(
  datasetsDir: string,
  datasets: readonly string[],
  sources: readonly SourceRecord[],
  baseUrl: string = siteBaseUrl(),
): Promise<object> {
  const iri = dcatIris(baseUrl);
  const g = new Graph();
  const datasetNodes: Node[] = [];
  const versionNodes: Node[] = [];
  const distributionNodes: Node[] = [];
  const series = new Map<string, { pipeline: string; frequency: string; members: VersionHistoryEntry[] }>();
  const catalogDatasets: { "@id": string }[] = [];
  const catalogSeries: { "@id": string }[] = [];
  const lastAsOf: string[] = [];

  for (const id of [...new Set(datasets)].sort()) {
    const history = await readHistory(datasetsDir, id);
    const latest = history.at(-1);
    if (!latest) continue;
    const m = latest.meta;
    lastAsOf.push(latest.manifest.as_of);
    const license = g.license(m.license.url, m.license.title);
    const publisher = g.agent(m.publisher);
    const creator = g.agent(m.provider);
    const spatial = [...m.spatial.map((c) => g.location(c)), g.country()];
    const themes = [...(THEMES[m.domain] ?? []), "REGI"].map((t) => g.theme(t));
    const frequency = g.frequency(m.frequency);
    const distributionsOf = (v: VersionHistoryEntry) =>
      DISTRIBUTIONS.flatMap((d) => {
        const file = v.manifest.files.find((f) => f.path === d.file);
        if (!file) return [];
        const node: Node = {
          "@id": iri.distribution(id, v.version, d.key),
          "@type": "dcat:Distribution",
          "dct:title": langs({ vi: `${d.file} — phiên bản ${v.version}`, en: `${d.file} — version ${v.version}` }),
          "dct:description": langs({
            vi: `Số liệu của phiên bản ${v.version} dạng ${d.format}: mỗi dòng một số liệu, giá trị chính xác theo đơn vị cơ sở.`,
            en: `Version ${v.version} figures as ${d.format}: one row per figure, exact values in base units.`,
          }),
          "dcat:accessURL": ref(iri.download(id, v.version, d.file)),
          "dcat:downloadURL": ref(iri.download(id, v.version, d.file)),
          "dcat:mediaType": g.mediaType(d.mediaType),
          "dct:format": g.fileType(d.format),
          "dcat:byteSize": typed(String(file.bytes), "nonNegativeInteger"),
          "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": ref("http://spdx.org/rdf/terms#checksumAlgorithm_sha256"),
            "spdx:checksumValue": typed(file.sha256, "hexBinary"),
          },
          "dct:license": license,
          "dct:conformsTo": g.schema(),
          "dct:issued": dateLiteral(v.manifest.as_of),
        };
        distributionNodes.push(node);
        return [ref(node["@id"])];
      });

    const common = {
      "dct:publisher": publisher,
      "dct:creator": creator,
      "dct:spatial": spatial,
      "dct:conformsTo": g.schema(),
      "dct:accessRights": g.publicAccess(),
      "dct:language": [g.language("VIE"), g.language("ENG")],
      "dcat:landingPage": g.document(iri.landingPage(id)),
      "dcat:theme": themes,
    };

    const versionRefs: { "@id": string }[] = [];
    let previous: string | undefined;
    for (const v of history) {
      const node: Node = {
        "@id": iri.version(id, v.version),
        "@type": "dcat:Dataset",
        "dct:identifier": `${id}@${v.version}`,
        "dct:title": langs({ vi: `${v.meta.title.vi} — phiên bản ${v.version}`, en: `${v.meta.title.en} — version ${v.version}` }),
        "dct:description": langs(v.meta.description),
        "dcat:keyword": keywords(v.meta.keywords),
        "dcat:version": v.version,
        "adms:versionNotes": { "@value": changelogNotes(v.changelog), "@language": "en" },
        "dct:issued": dateLiteral(v.manifest.as_of),
        ...common,
        ...withTemporal(v.manifest.periods),
        "dct:provenance": provenance(v, sources),
        "dct:isVersionOf": ref(iri.dataset(id)),
        ...(previous ? { "dcat:previousVersion": ref(previous) } : {}),
        "dcat:distribution": distributionsOf(v),
      };
      versionNodes.push(node);
      versionRefs.push(ref(node["@id"]));
      previous = node["@id"];
    }

    // Datasets updated on a schedule form a series per pipeline and frequency; irregular ones stand alone.
    if (m.frequency !== "irregular") {
      const key = `${latest.manifest.pipeline}|${m.frequency}`;
      const s = series.get(key) ?? { pipeline: latest.manifest.pipeline, frequency: m.frequency, members: [] };
      s.members.push(latest);
      series.set(key, s);
    }
    const node: Node = {
      "@id": iri.dataset(id),
      "@type": "dcat:Dataset",
      "dct:identifier": id,
      "dct:title": langs(m.title),
      "dct:description": langs(m.description),
      "dcat:keyword": keywords(m.keywords),
      "dcat:version": latest.version,
      "adms:versionNotes": { "@value": changelogNotes(latest.changelog), "@language": "en" },
      "dct:issued": dateLiteral(history[0]!.manifest.as_of),
      "dct:modified": dateLiteral(latest.manifest.as_of),
      ...common,
      ...(frequency ? { "dct:accrualPeriodicity": frequency } : {}),
      ...withTemporal(latest.manifest.periods),
      "dct:provenance": provenance(latest, sources),
      ...(m.frequency !== "irregular" ? { "dcat:inSeries": ref(iri.series(latest.manifest.pipeline, m.frequency)) } : {}),
      "dct:hasVersion": versionRefs,
      "dcat:hasCurrentVersion": ref(iri.version(id, latest.version)),
      "dcat:distribution": DISTRIBUTIONS.filter((d) => latest.manifest.files.some((f) => f.path === d.file)).map((d) => ref(iri.distribution(id, latest.version, d.key))),
    };
    datasetNodes.push(node);
    catalogDatasets.push(ref(node["@id"]));
  }

  const seriesNodes: Node[] = [];
  for (const s of [...series.values()].sort((a, b) => `${a.pipeline}|${a.frequency}`.localeCompare(`${b.pipeline}|${b.frequency}`))) {
    const f = FREQUENCIES.find((x) => x.code === s.frequency)!;
    const areas = [...new Set(s.members.flatMap((v) => v.meta.spatial))].sort();
    const areaNames = (lang: "vi" | "en") => areas.map((c) => AREAS.find((a) => a.code === c)?.[lang] ?? c).join(", ");
    const publishers = [...new Map(s.members.map((v) => [v.meta.publisher.en, v.meta.publisher])).values()];
    const modified = s.members.map((v) => v.manifest.as_of).sort().at(-1)!;
    const span = s.members.flatMap((v) => v.manifest.periods);
    const node: Node = {
      "@id": iri.series(s.pipeline, s.frequency),
      "@type": "dcat:DatasetSeries",
      "dct:title": langs({ vi: `Số liệu ${f.vi.toLowerCase()} — ${areaNames("vi")}`, en: `${f.en} figures — ${areaNames("en")}` }),
      "dct:description": langs({
        vi: `Các bộ dữ liệu cập nhật ${f.vi.toLowerCase()} từ cùng các báo cáo kinh tế - xã hội (pipeline ${s.pipeline}): ${s.members.map((v) => v.meta.title.vi).join("; ")}.`,
        en: `Datasets updated ${f.en.toLowerCase()} from the same socio-economic reports (pipeline ${s.pipeline}): ${s.members.map((v) => v.meta.title.en).join("; ")}.`,
      }),
      "dct:accrualPeriodicity": g.frequency(s.frequency),
      "dct:spatial": [...areas.map((c) => g.location(c)), g.country()],
      ...withTemporal(span),
      ...(publishers.length === 1 ? { "dct:publisher": g.agent(publishers[0]!) } : {}),
      "dct:modified": dateLiteral(modified),
    };
    seriesNodes.push(node);
    catalogSeries.push(ref(node["@id"]));
  }

  const newest = lastAsOf.sort().at(-1);
  const catalog: Node = {
    "@id": iri.catalog,
    "@type": "dcat:Catalog",
    "dct:title": langs(PORTAL.title),
    "dct:description": langs(PORTAL.description),
    "dct:publisher": g.agent(PORTAL.publisher),
    "foaf:homepage": g.document(baseUrl),
    "dct:language": [g.language("VIE"), g.language("ENG")],
    "dct:spatial": [g.location("VN-09"), g.country()],
    "dcat:themeTaxonomy": g.themeScheme(),
    ...(newest ? { "dct:modified": dateLiteral(newest) } : {}),
    "dcat:dataset": catalogDatasets,
    // DCAT-AP 3.0.1 ranges dcat:dataset over dcat:Dataset only and names no catalogue property for a
    // series (SEMICeu/DCAT-AP#348); DCAT 3's generic dcat:resource links them instead.
    ...(catalogSeries.length ? { "dcat:resource": catalogSeries } : {}),
  };

  return {
    "@context": DCAT_CONTEXT,
    "@graph": [catalog, ...seriesNodes, ...datasetNodes, ...versionNodes, ...distributionNodes, ...g.nodes.values()],
  };
}

/**
 * datasets/catalogue.jsonld: the DCAT-AP 3 catalogue, rendered like {@link renderCatalogue} so that
 * `run` writes it and `verify` compares it. Absolute URLs come from {@link siteBaseUrl}.
 */
export async function renderDcatFiles(
  datasetsDir: string,
  datasets: readonly string[],
  sources: readonly SourceRecord[],
  baseUrl: string = siteBaseUrl(),
): Promise<Map<string, string>> {
  const doc = await buildDcatCatalogue(datasetsDir, datasets, sources, baseUrl);
  return new Map([[join(datasetsDir, "catalogue.jsonld"), `${JSON.stringify(doc, null, 2)}\n`]]);
}

/** Writes what {@link renderDcatFiles} renders, atomically. */
export async function writeDcatFiles(datasetsDir: string, datasets: readonly string[], sources: readonly SourceRecord[], baseUrl: string = siteBaseUrl()): Promise<void> {
  for (const [path, content] of await renderDcatFiles(datasetsDir, datasets, sources, baseUrl)) await writeFileAtomic(path, content);
}
