import { cp, mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, HOSTILE, publishFixture } from "../../test/fixture.js";
import { buildSite, linkTree } from "./build.js";

const BASE = "https://data.example.org/";
let fixture: Fixture;
let site: string;
let pages: number;
const read = (p: string) => readFile(join(site, p), "utf8");

beforeAll(async () => {
  fixture = await publishFixture();
  site = join(fixture.root, "site");
  ({ pages } = await buildSite(fixture.datasetsDir, site, { baseUrl: BASE }));
});
afterAll(() => fixture?.dispose());

describe("buildSite", () => {
  it("writes the catalogue, a page per dataset and a 404 page", async () => {
    expect(pages).toBe(4);
    expect(await readdir(site)).toEqual(expect.arrayContaining(["index.html", "404.html", "assets", "datasets"]));
    const index = await read("index.html");
    expect(index).toContain('href="datasets/fixture-trade/index.html"');
    expect(index).toContain('href="datasets/fixture-score/index.html"');
    expect(index.match(/<li class="card"/g)).toHaveLength(2);
  });

  it("escapes the hostile title, description and quote on every page", async () => {
    for (const [page, scripts] of [["index.html", 2], ["datasets/fixture-score/index.html", 3]] as const) {
      const text = await read(page);
      expect(text).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
      expect(text).not.toContain('<script>alert("x")');
      expect(text).not.toContain("<img src=x");
      // Only the site's own: the language bootstrap, site.js, and on dataset pages the schema.org JSON-LD.
      expect(text.match(/<script\b/g)).toHaveLength(scripts);
    }
  });

  it("embeds schema.org Dataset JSON-LD that parses and names the latest downloads", async () => {
    const page = await read("datasets/fixture-trade/index.html");
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!;
    const ld = JSON.parse(json);
    expect(ld).toMatchObject({ "@context": "https://schema.org", "@type": "Dataset", name: "Trade (fixture)", version: "1.1.0", temporalCoverage: "2023-01-01/2023-06-30" });
    expect(ld.distribution.map((d: { contentUrl: string }) => d.contentUrl)).toEqual([`${BASE}datasets/fixture-trade/1.1.0/data.csv`, `${BASE}datasets/fixture-trade/1.1.0/data.json`, `${BASE}datasets/fixture-trade/1.1.0/data.parquet`]);
    expect(ld.variableMeasured.map((v: { propertyID: string; unitCode: string }) => `${v.propertyID}:${v.unitCode}`)).toEqual(["TRADE_EXPORT:USD", "TRADE_GATES:BORDER_GATES"]);
  });

  it("shows each figure as printed and in base units, a chart mark per level and % of plan, every version's downloads", async () => {
    const page = await read("datasets/fixture-trade/index.html");
    expect(page).toContain("412,5 triệu USD");
    expect(page).toContain("412.500.000 USD");
    expect(page).toContain("412,500,000 USD");
    const chart = /<figure class="chart" data-indicator="TRADE_EXPORT"[\s\S]*?<\/figure>/.exec(page)![0];
    expect(chart.match(/<rect class="mark/g)).toHaveLength(4);
    expect(/<figure class="chart" data-indicator="TRADE_GATES"[\s\S]*?<\/figure>/.exec(page)![0].match(/<rect class="mark/g)).toHaveLength(1);
    expect(page).toContain('id="v1.1.0"');
    expect(page).toContain('id="v1.0.0"');
    const sums = await readFile(join(fixture.datasetsDir, "fixture-trade", "1.0.0", "SHA256SUMS"), "utf8");
    const csvSum = /^([0-9a-f]{64}) {2}data\.csv$/m.exec(sums)![1];
    expect(page).toContain(`<a href="1.0.0/data.csv" data-download="datasets/fixture-trade/1.0.0/data.csv" data-sha256="${csvSum}">`);
  });

  it("copies the published files byte for byte so that the site stands alone", async () => {
    for (const f of ["fixture-trade/1.0.0/data.csv", "fixture-trade/1.1.0/SHA256SUMS", "fixture-trade/vintages.csv", "catalogue.json"]) {
      expect(await read(join("datasets", f))).toBe(await readFile(join(fixture.datasetsDir, f), "utf8"));
    }
  });

  it("links the published files instead of copying them, where the file system allows", async () => {
    for (const f of ["fixture-trade/1.0.0/data.csv", "catalogue.json"]) {
      expect((await stat(join(site, "datasets", f))).ino).toBe((await stat(join(fixture.datasetsDir, f))).ino);
    }
  });

  it("never writes a page into a published file it linked", async () => {
    const datasets = join(fixture.root, "datasets-with-page");
    await cp(fixture.datasetsDir, datasets, { recursive: true });
    await writeFile(join(datasets, "fixture-trade", "index.html"), "published");
    await expect(buildSite(datasets, join(fixture.root, "site-collision"), { baseUrl: BASE })).rejects.toThrow(
      `${join(datasets, "fixture-trade", "index.html")} is a published file where the site puts its page datasets/fixture-trade/index.html`,
    );
    expect(await readFile(join(datasets, "fixture-trade", "index.html"), "utf8")).toBe("published");
    // Nothing of the build is left: neither the site nor its temporary folder.
    expect((await readdir(fixture.root)).filter((n) => n.includes("site-collision"))).toEqual([]);
  });

  it("copies a file where it cannot be linked, and fails on any other error", async () => {
    const failing = (code: string) => async () => {
      throw Object.assign(new Error(code), { code });
    };
    const copied = join(fixture.root, "copied");
    await linkTree(fixture.datasetsDir, copied, failing("EXDEV"));
    const f = "fixture-trade/1.0.0/data.csv";
    expect(await readFile(join(copied, f), "utf8")).toBe(await readFile(join(fixture.datasetsDir, f), "utf8"));
    expect((await stat(join(copied, f))).ino).not.toBe((await stat(join(fixture.datasetsDir, f))).ino);
    await expect(linkTree(fixture.datasetsDir, join(fixture.root, "io"), failing("EIO"))).rejects.toThrow("EIO");
  });

  it("replaces its own earlier build, and refuses a folder it did not build", async () => {
    await buildSite(fixture.datasetsDir, site, { baseUrl: BASE });
    const other = join(fixture.root, "not-a-site");
    await mkdir(other);
    await writeFile(join(other, "keep.txt"), "mine");
    await expect(buildSite(fixture.datasetsDir, other)).rejects.toThrow(/not built by buildSite/);
    expect(await readFile(join(other, "keep.txt"), "utf8")).toBe("mine");
    expect(HOSTILE).toContain("<script>");
  });
});

describe("buildSite on a dataset with more figures than a page lists", () => {
  it("summarizes the figures and points to the downloads instead of rendering a table per indicator", async () => {
    const small = join(fixture.root, "site-summary");
    await buildSite(fixture.datasetsDir, small, { baseUrl: BASE, figuresLimit: 3 });
    const trade = await readFile(join(small, "datasets/fixture-trade/index.html"), "utf8");
    expect(trade).toContain('data-summary="figures"');
    expect(trade).toContain("Version 1.1.0 has 6 figures of");
    expect(trade).not.toContain('<table class="figures"');
    expect(trade).toContain('href="1.1.0/data.parquet"');
    // Under the limit, the figures are listed as before.
    const score = await readFile(join(small, "datasets/fixture-score/index.html"), "utf8");
    expect(score).toContain('<table class="figures"');
    expect(score).not.toContain('data-summary="figures"');
  });
});
