import { type DatasetMetadata, type Observation, formatVi, Decimal } from "@langson-open-data/schemas";
import type { DatasetDiff } from "./diff.js";
import type { DatasetInput } from "./release.js";

/** A published value in the units the source printed it in: "1.689,3 × 10^9 VND" → "1.689,3 (10^9 VND)". */
export function printed(o: Observation): string {
  const v = formatVi(Decimal.parse(o.value).shift(-o.unit_mult), o.decimals);
  const mult = o.unit_mult ? ` × 10^${o.unit_mult}` : "";
  return `${v}${mult} ${o.unit}`;
}

const keyText = (o: Observation) => `${o.indicator} ${o.measure} ${o.ref_area} ${o.time_period}`;

export function renderDiffJson(diff: DatasetDiff, version: string): string {
  const row = (o: Observation) => ({ key: keyText(o), value: o.value, unit: o.unit, obs_status: o.obs_status, source: o.source });
  return `${JSON.stringify(
    {
      dataset: diff.dataset,
      from: diff.from,
      to: version,
      change: diff.change,
      reasons: diff.reasons,
      added: diff.added.map(row),
      removed: diff.removed.map(row),
      changed: [...diff.unitChanges, ...diff.changed].map((c) => ({
        key: keyText(c.after),
        columns: c.columns,
        before: row(c.before),
        after: row(c.after),
        note: c.after.note,
      })),
      metadata_changed: diff.metadataChanged,
    },
    null,
    2,
  )}\n`;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

export function renderDiffMarkdown(diff: DatasetDiff, version: string, meta: DatasetMetadata): string {
  const lines = [`# ${meta.title.en} — ${diff.from ?? "(none)"} → ${version} (${diff.change})`, ""];
  if (diff.change === "initial") lines.push(`First release: ${diff.added.length} figures.`, "");
  else {
    lines.push(...diff.reasons.map((r) => `- ${r}`), "");
    const changes = [...diff.unitChanges, ...diff.changed];
    if (changes.length) {
      lines.push("| figure | before | after | changed | note |", "|---|---|---|---|---|");
      for (const c of changes) lines.push(`| ${keyText(c.after)} | ${printed(c.before)} | ${printed(c.after)} | ${c.columns.join(", ")} | ${cell(c.after.note)} |`);
      lines.push("");
    }
    if (diff.added.length) {
      lines.push("| added figure | value |", "|---|---|", ...diff.added.map((o) => `| ${keyText(o)} | ${printed(o)} |`), "");
    }
    if (diff.removed.length) {
      lines.push("| removed figure | value |", "|---|---|", ...diff.removed.map((o) => `| ${keyText(o)} | ${printed(o)} |`), "");
    }
  }
  return `${lines.join("\n")}\n`;
}

/** One entry of the dataset's changelog: what changed, why, and the evidence. */
export function renderChangelogEntry(diff: DatasetDiff, version: string, input: DatasetInput): string {
  const lines = [`## ${version} — as of ${input.asOf}${diff.change === "initial" ? "" : ` (${diff.change})`}`, ""];
  if (diff.change === "initial") {
    const sources = input.sources.map((s) => `${s.title} (${s.publisher}, ${s.published})`).join("; ");
    lines.push(`First release: ${diff.added.length} figures from ${sources}.`);
  } else {
    lines.push(...diff.reasons.map((r) => `- ${r}`));
    for (const c of [...diff.unitChanges, ...diff.changed]) {
      lines.push(`- ${keyText(c.after)}: ${printed(c.before)} → ${printed(c.after)}${c.after.note ? `. ${c.after.note}` : ""}`);
    }
    for (const o of diff.added) lines.push(`- added ${keyText(o)}: ${printed(o)} (source ${o.source})`);
    for (const o of diff.removed) lines.push(`- removed ${keyText(o)} (was ${printed(o)})`);
  }
  return `${lines.join("\n")}\n`;
}
