import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCES, type Fixture, publishFixture } from "../test/fixture.js";
import { HAS_STANDARDS, jsonldToStore, validateDcat, warnMissingStandards } from "../test/standards.js";
import { buildDcatCatalogue, renderDcatFiles } from "./dcat.js";

const BASE = "https://data.example.org/langson/";
let fixture: Fixture;
let doc: { "@context": object; "@graph": Record<string, any>[] };
const node = (id: string) => doc["@graph"].find((n) => n["@id"] === id)!;

beforeAll(async () => {
  fixture = await publishFixture();
  doc = (await buildDcatCatalogue(fixture.datasetsDir, fixture.datasets, SOURCES, BASE)) as typeof doc;
});
afterAll(() => fixture?.dispose());
warnMissingStandards("the DCAT-AP 3.0.1 SHACL checks of catalogue.jsonld");

describe("DCAT-AP catalogue", () => {
  it.skipIf(!HAS_STANDARDS)("conforms to the DCAT-AP 3.0.1 shapes (shapes.ttl and range.ttl)", async () => {
    const report = await validateDcat(doc);
    expect(report.results).toEqual([]);
    expect(report.conforms).toBe(true);
    expect(report.triples).toBeGreaterThan(200);
  });

  it.skipIf(!HAS_STANDARDS)("fails the shapes when a mandatory property or a range class is missing, so the check is real", async () => {
    const broken = structuredClone(doc);
    const dataset = broken["@graph"].find((n) => n["@id"] === `${BASE}datasets/fixture-trade/#dataset`)!;
    delete dataset["dct:description"];
    const frequency = broken["@graph"].find((n) => String(n["@id"]).endsWith("/frequency/QUARTERLY"))!;
    delete frequency["@type"];
    const report = await validateDcat(broken);
    expect(report.conforms).toBe(false);
    const paths = report.results.map((r) => r.path);
    expect(paths).toContain("http://purl.org/dc/terms/description");
    expect(paths).toContain("http://purl.org/dc/terms/accrualPeriodicity");
  });

  it("describes each distribution with download URL, media type, size and sha256 from the manifest", async () => {
    const manifest = JSON.parse(await readFile(join(fixture.datasetsDir, "fixture-trade", "1.1.0", "release.json"), "utf8"));
    const csv = manifest.files.find((f: { path: string }) => f.path === "data.csv");
    const dist = node(`${BASE}datasets/fixture-trade/#v1.1.0-csv`);
    expect(dist["dcat:downloadURL"]).toEqual({ "@id": `${BASE}datasets/fixture-trade/1.1.0/data.csv` });
    expect(dist["dcat:mediaType"]).toEqual({ "@id": "https://www.iana.org/assignments/media-types/text/csv" });
    expect(dist["dcat:byteSize"]).toEqual({ "@value": String(csv.bytes), "@type": "xsd:nonNegativeInteger" });
    expect(dist["spdx:checksum"]["spdx:checksumValue"]).toEqual({ "@value": csv.sha256, "@type": "xsd:hexBinary" });
    expect(dist["dct:conformsTo"]).toEqual({ "@id": "https://langson-open-data.github.io/schemas/1.0.0/observation.schema.json" });
  });

  it("links a dataset to its versions, its latest distributions, its series and its coverage", () => {
    const d = node(`${BASE}datasets/fixture-trade/#dataset`);
    expect(d["dcat:version"]).toBe("1.1.0");
    expect(d["dct:hasVersion"]).toEqual([{ "@id": `${BASE}datasets/fixture-trade/#v1.0.0` }, { "@id": `${BASE}datasets/fixture-trade/#v1.1.0` }]);
    expect(d["dcat:distribution"]).toEqual([{ "@id": `${BASE}datasets/fixture-trade/#v1.1.0-csv` }, { "@id": `${BASE}datasets/fixture-trade/#v1.1.0-json` }, { "@id": `${BASE}datasets/fixture-trade/#v1.1.0-parquet` }]);
    expect(d["dct:temporal"]).toMatchObject({ "dcat:startDate": { "@value": "2023-01-01" }, "dcat:endDate": { "@value": "2023-06-30" } });
    expect(d["dct:accrualPeriodicity"]).toEqual({ "@id": "http://publications.europa.eu/resource/authority/frequency/QUARTERLY" });
    expect(d["dct:modified"]).toEqual({ "@value": "2023-07-05", "@type": "xsd:date" });
    expect(d["dct:issued"]).toEqual({ "@value": "2023-04", "@type": "xsd:gYearMonth" });
    expect(node(`${BASE}datasets/fixture-trade/#v1.1.0`)["dcat:previousVersion"]).toEqual({ "@id": `${BASE}datasets/fixture-trade/#v1.0.0` });
    const series = node(`${BASE}#series-fixture-quarterly`);
    expect(series["@type"]).toBe("dcat:DatasetSeries");
    expect(d["dcat:inSeries"]).toEqual({ "@id": series["@id"] });
    expect(node(`${BASE}#catalog`)["dcat:resource"]).toContainEqual({ "@id": series["@id"] });
    expect(JSON.stringify(d["dct:provenance"])).toContain("Báo cáo 6 tháng đầu năm 2023");
  });

  it("reads as RDF without the network: the context is inline", async () => {
    expect(JSON.stringify(doc["@context"])).not.toMatch(/"https?:\/\/[^"]*context/);
    const store = await jsonldToStore(doc);
    expect(store.size).toBeGreaterThan(200);
  });

  it("is rendered to datasets/catalogue.jsonld, the same bytes every time, with the base URL from SITE_BASE_URL", async () => {
    const a = await renderDcatFiles(fixture.datasetsDir, fixture.datasets, SOURCES, BASE);
    const b = await renderDcatFiles(fixture.datasetsDir, [...fixture.datasets].reverse(), SOURCES, BASE);
    expect([...a.keys()]).toEqual([join(fixture.datasetsDir, "catalogue.jsonld")]);
    expect([...a.values()]).toEqual([...b.values()]);
    const previous = process.env.SITE_BASE_URL;
    process.env.SITE_BASE_URL = "https://mirror.example.net/open";
    try {
      const c = [...(await renderDcatFiles(fixture.datasetsDir, fixture.datasets, SOURCES)).values()][0]!;
      expect(c).toContain('"https://mirror.example.net/open/datasets/fixture-trade/1.1.0/data.csv"');
      expect(c).not.toContain("https://data.example.org/");
    } finally {
      if (previous === undefined) delete process.env.SITE_BASE_URL;
      else process.env.SITE_BASE_URL = previous;
    }
  });
});
