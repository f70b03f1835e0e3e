import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMAS, observation } from "./contract.js";
import { OBSERVATION_COLUMNS } from "./columns.js";
import { JSON_SCHEMA_NAMES, toJsonSchema } from "./json-schema.js";

const committed = (name: string) => readFileSync(new URL(`../json/${name}.schema.json`, import.meta.url), "utf8");

describe("the published columns", () => {
  it("are the observation schema's keys, in its order (contract.ts also refuses to load otherwise)", () => {
    expect(OBSERVATION_COLUMNS).toEqual(Object.keys(observation.shape));
    expect(OBSERVATION_COLUMNS).toHaveLength(14);
  });
});

describe("generated JSON Schemas", () => {
  it.each(JSON_SCHEMA_NAMES)("json/%s.schema.json is what the zod definition generates (run npm run generate -w schemas)", (name) => {
    expect(committed(name)).toBe(`${JSON.stringify(toJsonSchema(name), null, 2)}\n`);
  });

  it("carries a versioned $id and draft 2020-12", () => {
    const s = JSON.parse(committed("observation"));
    expect(s.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(s.$id).toMatch(/\/schemas\/\d+\.\d+\.\d+\/observation\.schema\.json$/);
    expect(Object.keys(s.properties)).toEqual(Object.keys(observation.shape));
  });

  it("compiles every schema in ajv strict mode", () => {
    const ajv = new Ajv2020({ strict: true });
    for (const name of JSON_SCHEMA_NAMES) expect(() => ajv.compile(JSON.parse(committed(name)))).not.toThrow();
  });
});

describe("zod and ajv agree", () => {
  // JSON.parse keeps "__proto__" as an own key, so the pollution fixture reaches both validators as data.
  const fixtures = JSON.parse(readFileSync(new URL("../test/fixtures/observations.json", import.meta.url), "utf8")) as {
    valid: unknown[];
    invalid: { why: string; row: unknown }[];
  };
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const ajvValidate = ajv.compile(JSON.parse(committed("observation")));

  it.each(fixtures.valid.map((row, i) => [i, row] as const))("valid fixture %i passes both", (_i, row) => {
    expect(observation.safeParse(row).success).toBe(true);
    expect(ajvValidate(row)).toBe(true);
  });

  it.each(fixtures.invalid.map((f) => [f.why, f.row] as const))("invalid fixture (%s) fails both", (_why, row) => {
    expect(observation.safeParse(row).success).toBe(false);
    expect(ajvValidate(row)).toBe(false);
  });

  it("agrees on every schema for the pipeline's real inputs", () => {
    const pipeline = JSON.parse(readFileSync(new URL("../../pipelines/lang-son/pipeline.json", import.meta.url), "utf8"));
    const sources = JSON.parse(readFileSync(new URL("../../pipelines/lang-son/sources/sources.json", import.meta.url), "utf8"));
    for (const [name, value] of [["pipeline", pipeline], ["sources", sources]] as const) {
      const v = ajv.compile(JSON.parse(committed(name)));
      expect(v(value)).toBe(true);
      expect(JSON_SCHEMAS[name].safeParse(value).success).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
