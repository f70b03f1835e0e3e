import { normalizeObservation } from "@langson-open-data/normalize";
import type { InputObservation } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { extract, scoreCandidates } from "../src/index.js";
import type { ScoredRow } from "../src/index.js";
import { langSon, read, readCsv, repoFile, report } from "./_helpers.js";

// The pipeline's own inputs: what a careful reviewer recorded from the Q1/2023 snapshot.
describe("the Q1/2023 snapshot against the pipeline's observations.csv", () => {
  const { indicators, referenceYear, pipeline } = langSon();
  const nature = new Map(pipeline.datasets.flatMap((d) => d.indicators.map((i) => [i.code, { nature: i.nature, dataset: d.id }] as const)));
  const expected: ScoredRow[] = readCsv(repoFile("pipelines/lang-son/observations.csv")).map((row) => {
    const declared = nature.get(row.indicator ?? "");
    const normalized = normalizeObservation(row as unknown as InputObservation, { dataset: declared?.dataset ?? "", nature: declared?.nature ?? "flow", referenceYear });
    if (!normalized.ok) throw new Error(`observations.csv row ${row.indicator} ${row.measure}: ${normalized.error.message}`);
    const o = normalized.value;
    return { value: o.value, unit: o.unit, measure: o.measure, time_period: o.time_period, obs_status: o.obs_status, indicator: o.indicator };
  });
  const result = extract(read(repoFile("pipelines/lang-son/sources/lang-son-2023-q1.vi.txt")), { indicators, referenceYear, source: "lang-son-2023-q1" });
  const score = scoreCandidates(result.candidates, expected);

  it("reproduces the rows by (value, unit, measure): recall ≥ 95%, precision ≥ 90%", () => {
    report("Q1/2023 snapshot", score);
    expect(score.expected).toBe(65);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.9);
  });

  it("reads the heading's period and the report's year", () => {
    expect(result.heading).toMatchObject({ timePeriod: "2023-Q1", periodText: "quý I/2023", year: 2023 });
  });

  it("agrees with the reviewer on status and indicator for nearly every matched row", () => {
    const agree = (k: "obs_status" | "indicator") => score.pairs.filter((p) => p.expected[k] === p.found[k]).length / score.pairs.length;
    expect(agree("obs_status")).toBe(1);
    expect(agree("indicator")).toBeGreaterThanOrEqual(0.95);
  });

  it("writes rows the pipeline's normalizer reads back to the same value, period and status", () => {
    const unclean = result.candidates.filter((c) => c.paste_check !== "" && c.paste_check !== "indicator-missing");
    expect(unclean.map((c) => `${c.value_text} ${c.measure}: ${c.paste_check}`)).toEqual([]);
  });

  it("keeps each quote a verbatim span of the text that holds its number", () => {
    for (const c of result.candidates) {
      expect(result.text.slice(c.offset, c.offset + c.value_text.length)).toBe(c.value_text);
      expect(c.quote).toContain(c.value_text);
      expect(result.text).toContain(c.quote);
    }
  });

  it("does not take dates, years, captions, names or version numbers for figures", () => {
    const codes = new Map(result.skipped.map((s) => [s.text, s.code]));
    expect(codes.get("8/1/2023")).toBe("date");
    expect(codes.get("2021 - 2025")).toBe("plan-period");
    expect(codes.get("phiên bản 2.0")).toBe("name-number");
    expect(codes.get("Đề án 06")).toBe("name-number");
    expect(codes.get("2/")).toBe("caption-number");
    expect(codes.get("năm 2030")).toBe("period");
    expect(codes.get("11/4/2023")).toBe("date");
    // "Covid-19": a number glued to a word by a hyphen is never read at all.
    expect(result.candidates.filter((c) => ["2030", "2022", "2021", "19", "06", "2.0", "8", "11"].includes(c.value_text))).toEqual([]);
  });
});
