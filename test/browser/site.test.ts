/**
 * The published site in a real browser: the repository's pipelines are published by the CLI's `run`
 * into a temp folder, DCAT and CKAN files rendered, the site built and served on 127.0.0.1, then
 * checked in headless Chromium: every dataset listed, every download answering with the bytes its
 * SHA256SUMS names, one chart mark per figure, the language switch, no console errors, no serious or
 * critical axe-core violations. Screenshots go to test-artifacts/. The same releases are checked
 * against the standards (Data Package v2 profile, DCAT-AP 3.0.1 shapes), which needs no browser.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { PORTAL, buildSite, listVersions, serveSite } from "@langson-open-data/publish";
import type { Observation } from "@langson-open-data/schemas";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Test helpers of the publish package (its dev dependencies ajv, jsonld, n3 and rdf-validate-shacl).
import { HAS_STANDARDS, validateDatapackage, validateDcat, warnMissingStandards } from "../../packages/publish/test/standards.js";
import { type Published, REPO, publishRealPipelines } from "./_published.js";

const ARTIFACTS = join(REPO, "test-artifacts");
const CHROMIUM = "/usr/bin/chromium";
const HAS_CHROMIUM = existsSync(CHROMIUM);
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

if (!HAS_CHROMIUM) {
  console.warn(`[browser] ${CHROMIUM} is absent: skipping the browser test of the site. Install it with: apt-get install -y chromium`);
}

warnMissingStandards("the standards checks of the real releases");

let published: Published | undefined;
beforeAll(async () => {
  if (HAS_CHROMIUM || HAS_STANDARDS) published = await publishRealPipelines();
});
afterAll(() => published?.dispose());

describe.skipIf(!HAS_STANDARDS)("the real releases against the standards", () => {
  it("every version's datapackage.json is valid against the Data Package v2 profile", async () => {
    const { datasetsDir, datasets } = published!;
    let checked = 0;
    for (const d of datasets) {
      for (const v of await listVersions(datasetsDir, d)) {
        const { valid, errors } = await validateDatapackage(JSON.parse(await readFile(join(datasetsDir, d, v, "datapackage.json"), "utf8")));
        expect(errors, `${d} ${v}`).toEqual([]);
        expect(valid).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(datasets.length);
  });

  it("catalogue.jsonld conforms to the DCAT-AP 3.0.1 shapes", async () => {
    const doc = JSON.parse(await readFile(join(published!.datasetsDir, "catalogue.jsonld"), "utf8"));
    const report = await validateDcat(doc);
    expect(report.results).toEqual([]);
    expect(report.conforms).toBe(true);
    const types = new Set(doc["@graph"].map((n: { "@type"?: string }) => n["@type"]));
    for (const t of ["dcat:Catalog", "dcat:Dataset", "dcat:DatasetSeries", "dcat:Distribution"]) expect(types).toContain(t);
  });
});

describe.runIf(!HAS_CHROMIUM && process.env.CI)("browser test in CI", () => {
  it("needs Chromium", () => {
    throw new Error(`CI is set but ${CHROMIUM} is missing: the browser test of the site must run in CI (apt-get install -y chromium)`);
  });
});

describe.skipIf(!HAS_CHROMIUM)("the site in Chromium", () => {
  let datasetsDir: string;
  let datasets: string[];
  let url: string;
  let closeServer: () => Promise<void>;
  let browser: Browser;
  let shared: BrowserContext;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ({ datasetsDir, datasets } = published!);
    await buildSite(datasetsDir, join(published!.root, "site"));
    const served = await serveSite(join(published!.root, "site"), { port: 0, host: "127.0.0.1" });
    url = served.url;
    closeServer = () => new Promise((ok) => served.server.close(() => ok()));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    });
    shared = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await closeServer?.();
  });

  /** Opens a page in the shared desktop context, or in a fresh one (own viewport, own localStorage). */
  async function open(path: string, viewport?: { width: number; height: number }): Promise<Page> {
    const context = viewport ? await browser.newContext({ viewport }) : shared;
    const page = await context.newPage();
    if (viewport) page.on("close", () => void context.close().catch(() => undefined));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(`${path}: ${m.text()}`);
    });
    page.on("pageerror", (e) => consoleErrors.push(`${path}: ${e.message}`));
    const res = await page.goto(new URL(path, url).href);
    expect(res?.status(), path).toBe(200);
    return page;
  }

  /** Runs `task` over `items`, `limit` at a time: the pages are independent, the machine has cores. */
  async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return out;
  }

  async function seriousViolations(page: Page): Promise<string[]> {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, {
        resultTypes: ["violations"],
        iframes: false,
      });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
    });
    return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
  }

  it("lists every dataset on the catalogue page, and its search and domain filter narrow the list", async () => {
    const page = await open("");
    const listed = await page.locator("#datasets [data-dataset]").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-dataset")));
    expect([...listed].sort()).toEqual(datasets);
    expect(datasets.length).toBeGreaterThan(5);
    await page.fill("#q", "du lịch");
    expect(await page.locator("#datasets [data-dataset]:visible").evaluateAll((c) => c.map((x) => x.getAttribute("data-dataset")))).toEqual(["lang-son-tourism"]);
    await page.fill("#q", "");
    await page.click('[data-domain-filter="trade"]');
    expect(await page.locator("#datasets [data-dataset]:visible").count()).toBe(1);
    expect(await page.textContent("#count")).toBe("1");
    await page.close();
  });

  it("answers every link with 200, and every download with the bytes its version's SHA256SUMS names", async () => {
    const pages = ["", ...datasets.map((d) => `datasets/${d}/`)];
    const links = (
      await inParallel(pages, 4, async (path) => {
        const page = await open(path);
        const found = await page.locator("a[href]").evaluateAll((as) => as.map((a) => ({ href: (a as HTMLAnchorElement).href.split("#")[0]!, download: a.getAttribute("data-download") })));
        await page.close();
        return found.map((l) => ({ ...l, path }));
      })
    ).flat();
    const unique = [...new Map(links.filter((l) => new URL(l.href).origin === new URL(url).origin).map((l) => [`${l.href}|${l.download}`, l])).values()];
    const checked = await inParallel(unique, 8, async ({ href, download, path }) => {
      const res = await fetch(href);
      expect(res.status, `${href} (on /${path})`).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      const [, dataset, version, name] = /^datasets\/([^/]+)\/([^/]+)\/(.+)$/.exec(download ?? "") ?? [];
      if (!version || !/^\d+\.\d+\.\d+$/.test(version) || name === "SHA256SUMS") return 0;
      const sums = await readFile(join(datasetsDir, dataset!, version, "SHA256SUMS"), "utf8");
      const listed = new RegExp(`^([0-9a-f]{64}) {2}${name!.replace(/\./g, "\\.")}$`, "m").exec(sums)?.[1];
      expect(listed, `${download} is listed in SHA256SUMS`).toBeDefined();
      expect(createHash("sha256").update(body).digest("hex"), `${download}`).toBe(listed);
      return 1;
    });
    // Every version file but SHA256SUMS itself: data, metadata, report, diff, changelog, release manifest.
    expect(checked.reduce((a: number, b) => a + b, 0)).toBeGreaterThanOrEqual(datasets.length * 9);
  });

  it("draws one visible mark per level and % of plan figure in each indicator's chart", async () => {
    await inParallel(datasets, 4, async (d) => {
      const observations: Observation[] = JSON.parse(await readFile(join(datasetsDir, d, (await latestVersion(d)), "data.json"), "utf8"));
      const page = await open(`datasets/${d}/`);
      const charts = await page.locator("figure.chart").evaluateAll((figs) =>
        figs.map((f) => ({
          indicator: f.getAttribute("data-indicator"),
          marks: [...f.querySelectorAll("rect.mark")].filter((r) => {
            const box = r.getBoundingClientRect();
            return box.width > 0 && box.height > 0;
          }).length,
        })),
      );
      await page.close();
      const expected = new Map<string, number>();
      for (const o of observations) if (o.measure === "LEVEL" || o.measure === "PCT_OF_PLAN") expected.set(o.indicator, (expected.get(o.indicator) ?? 0) + 1);
      expect(charts.map((c) => [c.indicator, c.marks]).sort(), d).toEqual([...expected].sort());
    });
  });

  it("switches between Vietnamese and English, and remembers the choice", async () => {
    const page = await open("", { width: 1280, height: 900 });
    const heading = page.locator("h1 >> visible=true");
    expect(await heading.innerText()).toBe(PORTAL.title.vi);
    expect(await page.getAttribute("html", "lang")).toBe("vi");
    await page.click('[data-set-lang="en"]');
    expect(await heading.innerText()).toBe(PORTAL.title.en);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.getAttribute('[data-set-lang="en"]', "aria-pressed")).toBe("true");
    expect(await page.title()).toBe(PORTAL.title.en);
    await page.goto(new URL("datasets/lang-son-trade/", url).href);
    expect(await page.locator("#h-downloads").innerText()).toBe("Downloads");
    expect(await page.locator("table.figures td.num").first().innerText()).toBe("640 triệu USD");
    await page.reload();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.click('[data-set-lang="vi"]');
    expect(await page.locator("#h-downloads").innerText()).toBe("Tải về");
    await page.close();
  });

  it("has no serious or critical axe-core violations, in both languages", async () => {
    // The catalogue in both languages, and the dataset template in Vietnamese on the largest dataset and
    // in English on trade (all dataset pages share one template; axe is the slow part of this suite).
    const largest = await inParallel(datasets, 8, async (d) => ({ d, size: (await readFile(join(datasetsDir, d, await latestVersion(d), "data.json"))).byteLength }));
    const big = `datasets/${largest.sort((a, b) => b.size - a.size)[0]!.d}/`;
    const runs = [
      { path: "", lang: "vi" },
      { path: "", lang: "en" },
      { path: "datasets/lang-son-trade/", lang: "en" },
      { path: big, lang: "vi" },
    ];
    const found = await inParallel(runs, 2, async ({ path, lang }) => {
      const page = await open(path, { width: 1280, height: 900 });
      if (lang === "en") await page.click('[data-set-lang="en"]');
      const violations = (await seriousViolations(page)).map((v) => `/${path} ${lang}: ${v}`);
      await page.close();
      return violations;
    });
    expect(found.flat()).toEqual([]);
  });

  it("saves screenshots at desktop and phone width", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      for (const [tag, context] of [["desktop", shared], ["phone", phone]] as const) {
        for (const [name, path] of [["catalogue", ""], ["dataset-trade", "datasets/lang-son-trade/"]] as const) {
          const page = await context.newPage();
          page.on("console", (m) => void (m.type() === "error" && consoleErrors.push(`${path} (${tag}): ${m.text()}`)));
          expect((await page.goto(new URL(path, url).href))?.status()).toBe(200);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `/${path} scrolls sideways on ${tag}`).toBeLessThanOrEqual(0);
          await page.screenshot({ path: join(ARTIFACTS, `${name}-${tag}.png`), fullPage: true });
          await page.close();
        }
      }
    } finally {
      await phone.close();
    }
    expect(existsSync(join(ARTIFACTS, "dataset-trade-phone.png"))).toBe(true);
  });

  it("logs no console errors on any page", () => {
    expect(consoleErrors).toEqual([]);
  });

  async function latestVersion(dataset: string): Promise<string> {
    return JSON.parse(await readFile(join(datasetsDir, dataset, "latest.json"), "utf8")).version;
  }
});
