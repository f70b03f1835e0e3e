import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { indicatorRegistry } from "../src/index.js";
import type { IndicatorEntry, Score, ScoredRow } from "../src/index.js";

export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const repoFile = (path: string): string => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
export const read = (path: string): string => readFileSync(path, "utf8");

/** Rows of a CSV file with a header, as string records. */
export function readCsv(path: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(read(path), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${path}: ${parsed.errors[0]?.message}`);
  return parsed.data;
}

/** The lang-son pipeline: its indicators (for suggestions) and reference year. */
export function langSon(): { readonly indicators: readonly IndicatorEntry[]; readonly referenceYear: number; readonly pipeline: PipelineLike } {
  const pipeline = JSON.parse(read(repoFile("pipelines/lang-son/pipeline.json"))) as PipelineLike;
  const registry = indicatorRegistry(pipeline);
  if (!registry.ok) throw new Error(registry.error.message);
  return { ...registry.value, pipeline };
}

export interface PipelineLike {
  readonly reference_year: number;
  readonly datasets: readonly { readonly id: string; readonly indicators: readonly { readonly code: string; readonly nature: string }[] }[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const show = (r: ScoredRow) => `${r.measure} ${r.value} ${r.unit} ${r.time_period ?? ""} ${r.indicator ?? ""}`.trim();

/** Prints recall and precision, what is missing and what is extra, and how the other columns agree. */
export function report(name: string, score: Score): { period: number; status: number; indicator: number } {
  const agree = (k: keyof ScoredRow) => score.pairs.filter((p) => p.expected[k] === undefined || p.expected[k] === p.found[k]).length / Math.max(1, score.pairs.length);
  const result = { period: agree("time_period"), status: agree("obs_status"), indicator: agree("indicator") };
  const lines = [
    `${name}: recall ${pct(score.recall)} (${score.matched}/${score.expected}), precision ${pct(score.precision)} (${score.matched}/${score.found})` +
      ` — of matched rows, time_period agrees ${pct(result.period)}, obs_status ${pct(result.status)}, indicator ${pct(result.indicator)}`,
    ...score.missing.map((r) => `  missing: ${show(r)}`),
    ...score.extra.map((r) => `  extra:   ${show(r)}`),
    ...score.pairs
      .filter((p) => (["time_period", "obs_status", "indicator"] as const).some((k) => p.expected[k] !== undefined && p.expected[k] !== p.found[k]))
      .map((p) => `  differs: expected ${show(p.expected)} ${p.expected.obs_status ?? ""} / found ${show(p.found)} ${p.found.obs_status ?? ""}`),
  ];
  console.log(lines.join("\n"));
  return result;
}
