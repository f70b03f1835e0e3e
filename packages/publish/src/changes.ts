import { type DatasetMetadata, type Observation, formatVi, Decimal } from "@langson-open-data/schemas";
import type { DatasetDiff } from "./diff.js";
import type { DatasetInput } from "./release.js";
import { jsonValue } from "./json-text.js";

/** A published value in the units the source printed it in: "1.689,3 × 10^9 VND" → "1.689,3 (10^9 VND)". */
export function printed(o: Observation): string {
  const v = formatVi(Decimal.parse(o.value).shift(-o.unit_mult), o.decimals);
  const mult = o.unit_mult ? ` × 10^${o.unit_mult}` : "";
  return `${v}${mult} ${o.unit}`;
}

const keyText = (o: Observation) => `${o.indicator} ${o.measure} ${o.ref_area} ${o.time_period}`;

const diffRow = (o: Observation) => ({ key: keyText(o), value: o.value, unit: o.unit, obs_status: o.obs_status, source: o.source });

/** The marker the added list stands at while diff.json is rendered in two parts (no diff text has "<>"). */
const ADDED_MARK = "<added figures>";

/**
 * diff.json around its list of added figures, for a first release whose figures stream past once:
 * the text before the first added item and after the last; `diffJsonAdded` renders each item. With
 * no figure added the list is empty and the two parts are the whole file.
 */
export function renderDiffJsonParts(diff: DatasetDiff, version: string): [string, string] {
  if (diff.counts.added === 0) return [renderDiffJson(diff, version), ""];
  const text = renderDiffJson(diff, version, [ADDED_MARK]);
  const at = text.indexOf(JSON.stringify(ADDED_MARK));
  return [text.slice(0, text.lastIndexOf("\n", at) + 1), text.slice(text.indexOf("\n", at))];
}

/** One item of diff.json's added list, as JSON.stringify with two spaces of indent renders it there. */
export function diffJsonAdded(o: Observation, index: number): string {
  // Written out rather than pretty-printed per row: the text JSON.stringify(…, null, 2) gives there.
  const q = jsonValue;
  return `${index === 0 ? "" : ",\n"}    {\n      "key": ${q(keyText(o))},\n      "value": ${q(o.value)},\n      "unit": ${q(o.unit)},\n      "obs_status": ${q(o.obs_status)},\n      "source": ${q(o.source)}\n    }`;
}

export function renderDiffJson(diff: DatasetDiff, version: string, addedItems?: readonly unknown[]): string {
  const row = diffRow;
  return `${JSON.stringify(
    {
      dataset: diff.dataset,
      from: diff.from,
      to: version,
      change: diff.change,
      reasons: diff.reasons,
      added: addedItems ?? diff.added.map(row),
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
  if (diff.change === "initial") lines.push(`First release: ${diff.counts.added} figures.`, "");
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
    lines.push(`First release: ${diff.counts.added} figures from ${sources}.`);
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
