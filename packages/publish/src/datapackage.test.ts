import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { TIME_PERIOD_PATTERN } from "@langson-open-data/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, publishFixture } from "../test/fixture.js";
import { HAS_STANDARDS, REPO_ROOT, validateDatapackage, warnMissingStandards } from "../test/standards.js";
import { listVersions } from "./release.js";
import { sha256Hex } from "./render.js";
import { xsdPattern } from "./datapackage.js";

let fixture: Fixture;
const packages: { path: string; descriptor: Record<string, any> }[] = [];

beforeAll(async () => {
  fixture = await publishFixture();
  for (const d of fixture.datasets) {
    for (const v of await listVersions(fixture.datasetsDir, d)) {
      const path = join(fixture.datasetsDir, d, v, "datapackage.json");
      packages.push({ path, descriptor: JSON.parse(await readFile(path, "utf8")) });
    }
  }
});
afterAll(() => fixture?.dispose());
warnMissingStandards("the Data Package v2 profile checks of datapackage.json");

describe("datapackage.json", () => {
  it.skipIf(!HAS_STANDARDS)("is valid against the official Data Package v2 profile, every version", async () => {
    expect(packages).toHaveLength(3);
    for (const { path, descriptor } of packages) {
      const { valid, errors } = await validateDatapackage(descriptor);
      expect(errors, path).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  it.skipIf(!HAS_STANDARDS)("is rejected by the profile when broken, so the check above is real", async () => {
    const broken = structuredClone(packages[0]!.descriptor);
    broken.resources[0].hash = "sha256:not-hex";
    broken.resources[1].schema.fields[0].type = "text";
    const { valid, errors } = await validateDatapackage(broken);
    expect(valid).toBe(false);
    expect(errors.map((e) => e.instancePath)).toEqual(expect.arrayContaining(["/resources/0/hash"]));
  });

  it("describes each resource's bytes and sha256 as SHA256SUMS does", async () => {
    for (const { path, descriptor } of packages) {
      const dir = path.slice(0, -"datapackage.json".length);
      const sums = await readFile(join(dir, "SHA256SUMS"), "utf8");
      for (const r of descriptor.resources) {
        const body = await readFile(join(dir, r.path));
        expect(r.bytes).toBe(body.byteLength);
        expect(r.hash).toBe(`sha256:${sha256Hex(body)}`);
        expect(sums).toContain(`${sha256Hex(body)}  ${r.path}\n`);
      }
    }
  });

  it("types every column, keys the rows and carries units as a documented extension", async () => {
    const { descriptor } = packages[0]!;
    const schema = descriptor.resources[0].schema;
    const csv = await readFile(join(fixture.datasetsDir, "fixture-trade", "1.0.0", "data.csv"), "utf8");
    expect(schema.fields.map((f: { name: string }) => f.name).join(",")).toBe(csv.split("\n")[0]);
    for (const f of schema.fields) expect(["string", "number", "integer"]).toContain(f.type);
    expect(schema.primaryKey).toEqual(["indicator", "measure", "ref_area", "time_period"]);
    for (const k of schema.primaryKey) expect(schema.fields.find((f: { name: string }) => f.name === k).constraints.required).toBe(true);
    expect(schema.fields.find((f: { name: string }) => f.name === "value")["x-unit"]).toEqual({ unitField: "unit", multiplierField: "unit_mult", decimalsField: "decimals" });
    expect(descriptor["x-indicators"].map((i: { code: string; unit: string }) => `${i.code}:${i.unit}`)).toEqual(["TRADE_EXPORT:USD", "TRADE_GATES:BORDER_GATES"]);
    expect(descriptor["x-temporal"]).toEqual({ periods: ["2023-Q1"], start: "2023-01-01", end: "2023-03-31" });
  });

  it("documents every x- extension it writes in docs/metadata.md", async () => {
    const doc = await readFile(join(REPO_ROOT, "docs", "metadata.md"), "utf8");
    const used = new Set<string>();
    const visit = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === "object")
        for (const [k, x] of Object.entries(v)) {
          if (k.startsWith("x-")) used.add(k);
          visit(x);
        }
    };
    for (const p of packages) visit(p.descriptor);
    expect(used.size).toBeGreaterThan(5);
    for (const k of used) expect(doc, `docs/metadata.md should document ${k}`).toContain(`\`${k}\``);
  });

  it("turns the contract's period pattern into an XML Schema pattern that accepts the same periods", () => {
    const xsd = new RegExp(`^(?:${xsdPattern(TIME_PERIOD_PATTERN)})$`);
    for (const p of ["2023", "2023-S1", "2023-Q4", "2023-03", "2023-03-27", "2023-01/2023-09", "2023-01-01/2023-03-27"]) expect(xsd.test(p), p).toBe(true);
    for (const p of ["2023-Q5", "23-Q1", "2023-13", "2023-02/2023-09"]) expect(xsd.test(p), p).toBe(false);
    expect(xsdPattern(TIME_PERIOD_PATTERN)).not.toMatch(/\?:|^\^|\$$/);
  });
});
