import { MAX_ERRORS_PER_VALUE } from "@langson-open-data/validate";
import { describe, expect, it } from "vitest";
import { PIPELINE_JSON, findings, withProject } from "./_project.js";

// ajv's options (strict, no loadSchema, no $data) are pinned by packages/validate/src/schema.test.ts:
// an unknown keyword fails to compile and a remote $ref fails without a request. Here: what input
// can make of them through the real pipeline.

describe("ajv on hostile input", () => {
  it("a $ref planted in pipeline.json is data, never followed: schema-additional-properties, no request", () =>
    withProject(async (p) => {
      const requested: string[] = [];
      const realFetch = globalThis.fetch;
      globalThis.fetch = (async (url: string) => {
        requested.push(String(url));
        throw new Error("no network");
      }) as typeof fetch;
      try {
        const json = JSON.parse(await p.read(PIPELINE_JSON));
        await p.write(PIPELINE_JSON, JSON.stringify({ $ref: "https://example.org/evil.schema.json", ...json }));
        const issues = (await findings(p)).filter((i) => i.severity === "error");
        expect(issues.map((i) => [i.code, i.location])).toEqual([["schema-additional-properties", { file: PIPELINE_JSON, column: "$ref" }]]);
      } finally {
        globalThis.fetch = realFetch;
      }
      expect(requested).toEqual([]);
    }));

  it(`bounded error output: 300 broken indicators give ${MAX_ERRORS_PER_VALUE} findings and one schema-too-many-errors`, () =>
    withProject(async (p) => {
      const json = JSON.parse(await p.read(PIPELINE_JSON));
      json.datasets[0].indicators = Array.from({ length: 300 }, (_, i) => ({ code: `bad code ${i}`, unit: "PARSECS" }));
      await p.write(PIPELINE_JSON, JSON.stringify(json));
      const issues = (await findings(p)).filter((i) => i.location.file === PIPELINE_JSON);
      expect(issues).toHaveLength(MAX_ERRORS_PER_VALUE + 1);
      expect(issues.slice(0, -1).every((i) => i.code.startsWith("schema-"))).toBe(true);
      expect(issues.at(-1)).toMatchObject({ code: "schema-too-many-errors", location: { file: PIPELINE_JSON } });
      expect(issues.at(-1)!.message).toMatch(/^\d{3,} more schema errors in the same value are not listed$/);
    }));

  it("bounded work: 1 000 000 empty indicators (an 8 MB pipeline.json) give two findings in well under a few seconds", () =>
    withProject(async (p) => {
      const json = JSON.parse(await p.read(PIPELINE_JSON));
      json.datasets[0].indicators = Array.from({ length: 1_000_000 }, () => ({}));
      await p.write(PIPELINE_JSON, JSON.stringify(json));
      const started = performance.now();
      const issues = (await findings(p)).filter((i) => i.location.file === PIPELINE_JSON);
      expect(performance.now() - started).toBeLessThan(5000);
      expect(issues.map((i) => i.code)).toEqual([expect.stringMatching(/^schema-/), "schema-too-many-errors"]);
      expect(issues[1]!.message).toContain("only its first schema error is listed");
    }), 20_000);
});
