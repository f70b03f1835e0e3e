import { describe, expect, it } from "vitest";
import { AJV_OPTIONS, MAX_ERRORS_PER_VALUE, MAX_NODES_FOR_ALL_ERRORS, createAjv, validateValue, validator } from "./schema.js";

describe("ajv options", () => {
  it("compiles every committed schema in strict mode", () => {
    for (const name of ["observation", "input-observation", "correction", "source", "sources", "dataset-metadata", "rules", "pipeline", "release-manifest"] as const) {
      expect(typeof validator(name)).toBe("function");
    }
    expect(AJV_OPTIONS).toMatchObject({ strict: true, $data: false, loadSchema: undefined });
  });

  it("refuses a schema with an unknown keyword (strict), instead of ignoring it", () => {
    expect(() => createAjv().compile({ type: "string", maxLenght: 3 })).toThrow(/strict mode: unknown keyword: "maxLenght"/);
  });

  it("never loads a remote $ref: compiling one fails without a request", () => {
    const fetched: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string) => {
      fetched.push(String(url));
      throw new Error("no network in tests");
    }) as typeof fetch;
    try {
      expect(() => createAjv().compile({ $ref: "https://example.org/evil.schema.json" })).toThrow(/can't resolve reference https:\/\/example.org\/evil.schema.json/);
      // Even asked to load, it has nothing to load with.
      expect(() => createAjv().compileAsync({ $ref: "https://example.org/evil.schema.json" })).toThrow(/options.loadSchema should be a function/);
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(fetched).toEqual([]);
  });
});

describe("validateValue", () => {
  const row = { indicator: "TRADE_TOTAL", measure: "LEVEL", ref_area: "VN-09", period_text: "quý I", value_text: "640", unit_text: "triệu USD", status_text: "", source: "s", quote: "q" };

  it("turns an error into an issue with the column and what was found", () => {
    expect(validateValue("input-observation", { ...row, measure: "TOTAL" }, { file: "o.csv", row: 2 })).toEqual([
      expect.objectContaining({ code: "schema-enum", location: { file: "o.csv", row: 2, column: "measure" }, found: '"TOTAL"' }),
    ]);
  });

  it(`lists at most ${MAX_ERRORS_PER_VALUE} errors, then says how many more`, () => {
    const bad = Object.fromEntries(Object.keys(row).map((k) => [k, 7]));
    const extra = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`x${i}`, 1]));
    const issues = validateValue("input-observation", { ...bad, ...extra }, { file: "o.csv", row: 2 });
    expect(issues).toHaveLength(MAX_ERRORS_PER_VALUE + 1);
    expect(issues.at(-1)).toMatchObject({ code: "schema-too-many-errors", message: expect.stringMatching(/^\d+ more schema errors/) });
  });

  it("reports only the first error of a huge broken value, quickly and in bounded memory", () => {
    const value = { id: "x", title: { vi: "a", en: "a" }, reference_year: 2023, rules: [], datasets: Array.from({ length: MAX_NODES_FOR_ALL_ERRORS * 4 }, () => ({})) };
    const started = performance.now();
    const issues = validateValue("pipeline", value, { file: "pipeline.json" });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(issues.map((i) => i.code)).toEqual([expect.stringMatching(/^schema-/), "schema-too-many-errors"]);
    expect(issues[1]!.message).toContain("only its first schema error is listed");
  });
});
