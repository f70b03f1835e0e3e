import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import type { Observation } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDiffJson, renderDiffJsonParts, diffJsonAdded } from "./changes.js";
import { diffReleases } from "./diff.js";
import { type VersionHead, planRelease, readHead, readStatuses, versionRows, versionVintageRecords, writeRelease } from "./release.js";
import { csvRecord } from "./csv-line.js";
import { releaseKey } from "./diff.js";
import type { ObservationRows } from "./rows.js";
import { FileSink, renderCsv, renderJson, sha256Hex, streamDataFiles } from "./render.js";
import { ObservationSpool, collectRows, rowsOf } from "./rows.js";
import { arbitraryRow } from "../test/arbitrary.js";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const DATASETS = join(ROOT, "datasets");

async function published(dataset: string): Promise<Observation[]> {
  return JSON.parse(await readFile(join(DATASETS, dataset, "1.0.0", "data.json"), "utf8")) as Observation[];
}

/** Every vintage record of a version, in order. */
async function vintageRecords(datasetsDir: string, head: VersionHead): Promise<(readonly [string, string])[]> {
  const out: (readonly [string, string])[] = [];
  for await (const batch of versionVintageRecords(datasetsDir, head)) out.push(...batch);
  return out;
}

/** What vintages.csv keeps of a figure, from the object: its key, and its cells from indicator to source by csvRecord. */
const vintageReference = (o: Observation) =>
  [releaseKey(o), csvRecord([o.indicator, o.measure, o.ref_area, o.time_period, o.value, o.unit, String(o.unit_mult), String(o.decimals), o.obs_status, o.source]).slice(0, -1)] as const;

const row = (n: number, source = "s1"): Observation => ({
  dataset: "d",
  indicator: `IND_${n % 7}`,
  measure: "LEVEL",
  ref_area: "VN-09",
  time_period: `2023-${String((n % 12) + 1).padStart(2, "0")}`,
  value: String(n),
  unit: "VND",
  unit_mult: 9,
  decimals: 1,
  obs_status: "E",
  source,
  origin: "stated",
  quote: `Thu ngân sách ước đạt ${n} tỷ đồng, "tăng" 12,5%`,
  note: "",
});

describe("ObservationSpool", () => {
  it("gives back every row in input order, from disk once it outgrows memory", async () => {
    const spool = new ObservationSpool("test");
    const rows = Array.from({ length: 5000 }, (_, n) => row(n));
    rows.forEach((r, n) => expect(spool.append(r)).toBe(n));
    expect(spool.count).toBe(5000);
    expect(spool.periods).toEqual(Array.from({ length: 12 }, (_, m) => `2023-${String(m + 1).padStart(2, "0")}`));
    expect(await collectRows(spool)).toEqual(rows);
    spool.dispose();
  });

  it("publishes the winner of a figure several sources give at the place of its first row, and drops the others", async () => {
    const spool = new ObservationSpool("test");
    const a = row(1, "estimate");
    const b = row(2, "s1");
    const c = { ...row(1, "official"), value: "11" };
    [a, b, c].forEach((r) => spool.append(r));
    const sources = ["estimate", "s1", "official"];
    spool.resolve([0, 2], 2, (p) => sources[p]!);
    expect(spool.count).toBe(2);
    expect(await collectRows(spool)).toEqual([c, b]);
    expect(spool.sources).toEqual(["s1", "official"]);
  });
});

describe("ObservationSpool at scale", () => {
  it("a whole report restated by a later one: each figure's winner at its first place, every other row left out", async () => {
    const spool = new ObservationSpool("test");
    const n = 6000;
    const first = Array.from({ length: n }, (_, k) => ({ ...row(k, "preliminary"), indicator: `IND_${k}` }));
    const restated = first.map((o, k) => ({ ...o, source: "official", value: String(k + 0.5) }));
    const uncontested = { ...row(1, "other"), indicator: "ONLY" };
    first.forEach((o) => spool.append(o));
    spool.append(uncontested);
    restated.forEach((o) => spool.append(o));
    const sourceOf = (p: number) => (p < n ? "preliminary" : p === n ? "other" : "official");
    // The official restatement wins every even figure; the preliminary figure stands for the odd ones.
    for (let k = 0; k < n; k++) spool.resolve([k, n + 1 + k], k % 2 === 0 ? n + 1 + k : k, sourceOf);
    expect(spool.count).toBe(n + 1);
    const expected = [...first.map((o, k) => (k % 2 === 0 ? restated[k]! : o)), uncontested];
    expect(await collectRows(spool)).toEqual(expected);
    // Read twice (measured, then written): the same rows.
    expect(await collectRows(spool)).toEqual(expected);
    expect(spool.sources.sort()).toEqual(["official", "other", "preliminary"]);
    spool.dispose();
  });
});

describe("streamed data files", () => {
  it("are byte for byte renderCsv and renderJson on every published dataset", async () => {
    for (const dataset of ["lang-son-trade", "lang-son-budget-revenue", "lang-son-competitiveness"]) {
      const rows = await published(dataset);
      const csv = new FileSink();
      const json = new FileSink();
      const shape = await streamDataFiles(rowsOf(rows), csv, json);
      const committedCsv = await readFile(join(DATASETS, dataset, "1.0.0", "data.csv"));
      // The shape the Parquet writer would otherwise scan for: the data records, and the longest
      // record in bytes with its "\n" (the header counts; no published cell holds a line break).
      const lines = committedCsv.toString("utf8").split("\n").slice(0, -1);
      expect(shape).toEqual({ records: rows.length, longestRecordBytes: Math.max(...lines.map((l) => Buffer.byteLength(l) + 1)) });
      expect(csv.close()).toMatchObject({ bytes: committedCsv.byteLength, sha256: sha256Hex(Buffer.concat(renderCsv(rows))) });
      expect(json.close().sha256).toBe(sha256Hex(Buffer.concat(renderJson(rows))));
    }
  });

  it("from a spool and from a published version, whose rows are kept as JSON text, are the same bytes as from objects", async () => {
    const head = await readHead(DATASETS, "lang-son-trade", "1.0.0");
    const rows = await published("lang-son-trade");
    const spool = new ObservationSpool("stream");
    for (const o of rows) spool.append(o);
    // One figure restated by a later row: the stand-in's own text is written at the first row's place.
    const restated = { ...rows[0]!, source: "official", value: "1" };
    spool.resolve([0, spool.append(restated)], rows.length, () => "s");
    const expected = [restated, ...rows.slice(1)];
    const render = async (from: ObservationRows) => {
      const csv = new FileSink();
      const json = new FileSink();
      await streamDataFiles(from, csv, json);
      return [csv.close().sha256, json.close().sha256];
    };
    expect(spool.withJson).toBeDefined();
    expect(await render(spool)).toEqual(await render(rowsOf(expected)));
    expect(await render(versionRows(DATASETS, head))).toEqual(await render(rowsOf(rows)));
    spool.dispose();
  });

  it("diff.json of a first release, streamed around its added list, equals the whole rendering", async () => {
    const rows = await published("lang-son-trade");
    const meta = JSON.parse(await readFile(join(DATASETS, "lang-son-trade", "1.0.0", "metadata.json"), "utf8"));
    const args = { dataset: "lang-son-trade", from: null, metaBefore: null, metaAfter: meta, metadataChanged: false };
    const whole = renderDiffJson(diffReleases({ ...args, before: [], after: rows }), "1.0.0");
    const counted = diffReleases({ ...args, before: [], after: [], added: rows.length });
    const [head, tail] = renderDiffJsonParts(counted, "1.0.0");
    expect(head + rows.map(diffJsonAdded).join("") + tail).toBe(whole);
    expect(whole).toBe(await readFile(join(DATASETS, "lang-son-trade", "1.0.0", "diff.json"), "utf8"));
  });

  it("diff.json's added items are JSON.stringify's text for any text in their cells", async () => {
    const meta = JSON.parse(await readFile(join(DATASETS, "lang-son-trade", "1.0.0", "metadata.json"), "utf8"));
    const args = { dataset: "lang-son-trade", from: null, metaBefore: null, metaAfter: meta, metadataChanged: false };
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', "\\", "\n", "\u0000", "\u2028", "\ud800", "\udc00", "\ud83d\ude00", "ạ", "A"), fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c))), maxLength: 6 });
    fc.assert(
      fc.property(fc.array(arbitraryRow(text), { minLength: 1, maxLength: 5 }), (rows) => {
        const whole = renderDiffJson(diffReleases({ ...args, before: [], after: rows }), "1.0.0");
        const [head, tail] = renderDiffJsonParts(diffReleases({ ...args, before: [], after: [], added: rows.length }), "1.0.0");
        expect(head + rows.map(diffJsonAdded).join("") + tail).toBe(whole);
      }),
      { numRuns: 1_000 },
    );
  });

  it("the vintage records of a published version are its rows' keys and cells up to the source, as csvRecord writes them", async () => {
    for (const dataset of ["lang-son-trade", "lang-son-market-control"]) {
      const head = await readHead(DATASETS, dataset, "1.0.1");
      const rows = await collectRows(versionRows(DATASETS, head));
      expect(rows.length).toBeGreaterThan(0);
      expect(await vintageRecords(DATASETS, head)).toEqual(rows.map(vintageReference));
    }
  });

  it("the vintage records of any data.json the renderer writes are the reference's, cells that CSV quotes included", async () => {
    const dir = await mkdtemp(join(tmpdir(), "langson-vintage-records-"));
    try {
      const head = { version: "1.0.0", manifest: { dataset: "d" }, meta: {} } as unknown as VersionHead;
      await mkdir(join(dir, "d", "1.0.0"), { recursive: true });
      // Mostly codes and decimals, as publishing writes them (cut out without parsing), now and then
      // any text (parsed): both paths, and rows where one cell alone takes the line off the first.
      const plain = fc.string({ unit: fc.constantFrom("A", "9", "-", ".", "_", "|", "ạ", "0"), maxLength: 6 });
      const any = fc.string({ unit: fc.constantFrom("A", "9", "-", ".", ",", ";", '"', "\\", " ", "\t", "|", "ạ", "\u00a0", "0"), maxLength: 6 });
      const cell = fc.oneof({ weight: 12, arbitrary: plain }, { weight: 1, arbitrary: any });
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryRow(cell), { minLength: 1, maxLength: 20 }), async (figures) => {
          // Any text in any cell, as a damaged or foreign data.json could hold, not only what the contract allows.
          const rows = figures.map((f) => ({ ...f, dataset: "d" }));
          await writeFile(join(dir, "d", "1.0.0", "data.json"), Buffer.concat(renderJson(rows)));
          expect(await vintageRecords(dir, head)).toEqual(rows.map(vintageReference));
        }),
        { numRuns: 300 },
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a data.json line that is not one figure is named, by file and line, by both readers", async () => {
    const dir = await mkdtemp(join(tmpdir(), "langson-data-json-"));
    try {
      await cp(join(DATASETS, "lang-son-trade", "1.0.1"), join(dir, "lang-son-trade", "1.0.1"), { recursive: true });
      const path = join(dir, "lang-son-trade", "1.0.1", "data.json");
      const lines = (await readFile(path, "utf8")).split("\n");
      lines[2] = '  {"dataset":"lang-son-trade","indicator":';
      await writeFile(path, lines.join("\n"));
      const head = await readHead(dir, "lang-son-trade", "1.0.1");
      const expected = `${path}, line 3: expected one figure as a JSON object per line, as publishing writes data.json`;
      await expect(collectRows(versionRows(dir, head))).rejects.toThrow(expected);
      await expect(vintageRecords(dir, head)).rejects.toThrow(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the statuses of a version this process wrote are known from its rendering, without reading data.json again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "langson-statuses-"));
    try {
      const head = await readHead(DATASETS, "lang-son-trade", "1.0.1");
      const rows = await published("lang-son-trade");
      const sources = JSON.parse(await readFile(join(ROOT, "pipelines", "lang-son", "sources", "sources.json"), "utf8")).sources;
      const plan = await planRelease(dir, { meta: head.meta, pipeline: "lang-son", sources, observations: rowsOf(rows), issues: [], asOf: "2023-06" }, { write: true });
      await writeRelease(dir, plan);
      const written = await readHead(dir, "lang-son-trade", "1.0.0");
      // Gone from the disk: the answer can only be what rendering data.json saw.
      await rm(join(dir, "lang-son-trade", "1.0.0", "data.json"));
      const statuses = new Set(rows.map((o) => o.obs_status));
      expect(statuses.size).toBeGreaterThan(1);
      expect(await readStatuses(dir, written)).toEqual(statuses);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a published version reads back row by row as its data.json holds it", async () => {
    const head = await readHead(DATASETS, "lang-son-tourism", "1.0.0");
    const rows = versionRows(DATASETS, head);
    expect(rows.count).toBe(head.manifest.observations);
    expect(await collectRows(rows)).toEqual(await published("lang-son-tourism"));
  });
});
