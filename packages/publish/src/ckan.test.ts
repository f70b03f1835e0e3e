import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCES, type Fixture, publishFixture } from "../test/fixture.js";
import { CKAN_NAME_PATTERN, CKAN_TAG_PATTERN, renderCkanFiles } from "./ckan.js";

const BASE = "https://data.example.org/";
let fixture: Fixture;
let files: Map<string, string>;

beforeAll(async () => {
  fixture = await publishFixture();
  files = await renderCkanFiles(fixture.datasetsDir, fixture.datasets, SOURCES, BASE);
});
afterAll(() => fixture?.dispose());

describe("CKAN records", () => {
  it("writes datasets/<dataset>/ckan.json for each released dataset", () => {
    expect([...files.keys()]).toEqual([join(fixture.datasetsDir, "fixture-score", "ckan.json"), join(fixture.datasetsDir, "fixture-trade", "ckan.json")]);
  });

  it("has the shape of a package_show response, with names and tags CKAN accepts", () => {
    const record = JSON.parse(files.get(join(fixture.datasetsDir, "fixture-trade", "ckan.json"))!);
    expect(record).toMatchObject({ success: true, help: expect.stringContaining("package_show") });
    const p = record.result;
    expect(p).toMatchObject({
      name: "fixture-trade",
      title: "Trade (fixture)",
      version: "1.1.0",
      type: "dataset",
      license_id: "CC-BY-4.0",
      url: `${BASE}datasets/fixture-trade/`,
      organization: { name: "lang-son-provincial-people-s-committee", is_organization: true },
      groups: [{ name: "trade" }],
    });
    expect(p.name).toMatch(CKAN_NAME_PATTERN);
    expect(p.organization.name).toMatch(CKAN_NAME_PATTERN);
    expect(p.tags.map((t: { name: string }) => t.name)).toEqual(["xuất khẩu", "Lạng Sơn", "exports"]);
    for (const t of p.tags) expect(t.name).toMatch(CKAN_TAG_PATTERN);
    expect(p.num_tags).toBe(p.tags.length);
    const extras = Object.fromEntries(p.extras.map((e: { key: string; value: string }) => [e.key, e.value]));
    expect(extras).toMatchObject({ temporal_start: "2023-01-01", temporal_end: "2023-06-30", issued: "2023-04", modified: "2023-07-05", title_vi: "Xuất nhập khẩu (mẫu)" });
    expect(extras.frequency).toBe("http://publications.europa.eu/resource/authority/frequency/QUARTERLY");
  });

  it("offers every version's files, newest first, with the manifest's sizes and hashes", async () => {
    const p = JSON.parse(files.get(join(fixture.datasetsDir, "fixture-trade", "ckan.json"))!).result;
    expect(p.resources.map((r: { name: string }) => r.name)).toEqual([
      "data.csv (1.1.0)",
      "data.json (1.1.0)",
      "data.parquet (1.1.0)",
      "datapackage.json (1.1.0)",
      "data.csv (1.0.0)",
      "data.json (1.0.0)",
      "data.parquet (1.0.0)",
      "datapackage.json (1.0.0)",
    ]);
    expect(p.num_resources).toBe(8);
    for (const r of p.resources) {
      const [, version] = /\((.+)\)$/.exec(r.name)!;
      const file = r.name.split(" ")[0];
      const manifest = JSON.parse(await readFile(join(fixture.datasetsDir, "fixture-trade", version!, "release.json"), "utf8"));
      const listed = manifest.files.find((f: { path: string }) => f.path === file);
      expect(r).toMatchObject({ url: `${BASE}datasets/fixture-trade/${version}/${file}`, size: listed.bytes, hash: listed.sha256, mimetype: listed.media_type });
    }
  });
});
