import type { DatasetMetadata, Observation } from "@langson-open-data/schemas";
import semver from "semver";

/** Key of a published figure: indicator × measure × area × period. */
export const releaseKey = (o: Pick<Observation, "indicator" | "measure" | "ref_area" | "time_period">) =>
  `${o.indicator}|${o.measure}|${o.ref_area}|${o.time_period}`;

export type ChangeKind = "major" | "minor" | "patch";

export interface ValueChange {
  readonly key: string;
  readonly before: Observation;
  readonly after: Observation;
  /** Which published columns changed. */
  readonly columns: readonly string[];
}

/** What changed between the latest release of a dataset and what the pipeline would publish now. */
export interface DatasetDiff {
  readonly dataset: string;
  readonly from: string | null;
  readonly change: ChangeKind | "initial" | "none";
  readonly added: readonly Observation[];
  readonly removed: readonly Observation[];
  readonly changed: readonly ValueChange[];
  readonly unitChanges: readonly ValueChange[];
  readonly metadataChanged: boolean;
  readonly indicatorsRemoved: readonly string[];
  readonly indicatorsUnitChanged: readonly string[];
  /** Why the change kind was chosen, one line each. */
  readonly reasons: readonly string[];
}

const COMPARED: readonly (keyof Observation)[] = ["value", "unit", "unit_mult", "decimals", "obs_status", "source", "origin", "quote", "note"];

/**
 * Diffs two releases by key. MAJOR when a figure, an indicator or a unit disappears or changes unit;
 * MINOR when figures, indicators or periods are added; PATCH when values, statuses or metadata are
 * corrected; "none" when nothing changed.
 */
export function diffReleases(args: {
  dataset: string;
  from: string | null;
  before: readonly Observation[];
  after: readonly Observation[];
  metaBefore: DatasetMetadata | null;
  metaAfter: DatasetMetadata;
  metadataChanged: boolean;
}): DatasetDiff {
  const { dataset, from, before, after, metaBefore, metaAfter } = args;
  const old = new Map(before.map((o) => [releaseKey(o), o]));
  const now = new Map(after.map((o) => [releaseKey(o), o]));
  const added = after.filter((o) => !old.has(releaseKey(o)));
  const removed = before.filter((o) => !now.has(releaseKey(o)));
  const changed: ValueChange[] = [];
  const unitChanges: ValueChange[] = [];
  for (const [key, a] of now) {
    const b = old.get(key);
    if (!b) continue;
    const columns = COMPARED.filter((c) => String(a[c]) !== String(b[c]));
    if (columns.length === 0) continue;
    const change = { key, before: b, after: a, columns };
    (columns.includes("unit") ? unitChanges : changed).push(change);
  }
  const defsBefore = new Map((metaBefore?.indicators ?? []).map((i) => [i.code, i]));
  const defsAfter = new Map(metaAfter.indicators.map((i) => [i.code, i]));
  const indicatorsRemoved = [...defsBefore.keys()].filter((c) => !defsAfter.has(c));
  const indicatorsUnitChanged = [...defsBefore.values()].filter((d) => defsAfter.has(d.code) && defsAfter.get(d.code)!.unit !== d.unit).map((d) => d.code);

  const reasons: string[] = [];
  if (removed.length) reasons.push(`${removed.length} figure(s) removed`);
  if (unitChanges.length) reasons.push(`${unitChanges.length} figure(s) changed unit`);
  if (indicatorsRemoved.length) reasons.push(`indicator(s) removed: ${indicatorsRemoved.join(", ")}`);
  if (indicatorsUnitChanged.length) reasons.push(`indicator unit changed: ${indicatorsUnitChanged.join(", ")}`);
  const major = reasons.length > 0;
  const newIndicators = metaAfter.indicators.filter((i) => !defsBefore.has(i.code)).map((i) => i.code);
  if (added.length) reasons.push(`${added.length} figure(s) added`);
  if (newIndicators.length && metaBefore) reasons.push(`indicator(s) added: ${newIndicators.join(", ")}`);
  const minor = !major && (added.length > 0 || (newIndicators.length > 0 && metaBefore !== null));
  if (changed.length) reasons.push(`${changed.length} figure(s) corrected`);
  if (args.metadataChanged && metaBefore) reasons.push("metadata corrected");
  const patch = changed.length > 0 || args.metadataChanged;

  const change: DatasetDiff["change"] =
    from === null ? "initial" : major ? "major" : minor ? "minor" : patch ? "patch" : "none";
  return { dataset, from, change, added, removed, changed, unitChanges, metadataChanged: args.metadataChanged, indicatorsRemoved, indicatorsUnitChanged, reasons };
}

/** The version a diff leads to, by semver's own arithmetic. */
export function nextVersion(diff: DatasetDiff): string | null {
  if (diff.change === "none") return null;
  if (diff.change === "initial" || diff.from === null) return "1.0.0";
  const v = semver.inc(diff.from, diff.change);
  if (!v) throw new Error(`cannot increment version ${diff.from}`);
  return v;
}

/** Published versions, oldest first. */
export function sortVersions(versions: readonly string[]): string[] {
  return versions.filter((v) => semver.valid(v) === v).sort(semver.compare);
}
