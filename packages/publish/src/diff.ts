import type { DatasetMetadata, Observation } from "@langson-open-data/schemas";
import semver from "semver";
import { ExternalSort } from "./external-sort.js";
import { observationJson } from "./render.js";
import type { ObservationRows } from "./rows.js";

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
  /** Figures added; empty for a first release, whose figures are all added (see `counts`). */
  readonly added: readonly Observation[];
  readonly removed: readonly Observation[];
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number };
  readonly changed: readonly ValueChange[];
  readonly unitChanges: readonly ValueChange[];
  readonly metadataChanged: boolean;
  readonly indicatorsRemoved: readonly string[];
  readonly indicatorsUnitChanged: readonly string[];
  /** Why the change kind was chosen, one line each. */
  readonly reasons: readonly string[];
}

const COMPARED: readonly (keyof Observation)[] = ["value", "unit", "unit_mult", "decimals", "obs_status", "source", "origin", "quote", "note"];

interface DiffArgs {
  dataset: string;
  from: string | null;
  metaBefore: DatasetMetadata | null;
  metaAfter: DatasetMetadata;
  metadataChanged: boolean;
}

interface RowChanges {
  added: Observation[];
  addedCount: number;
  removed: Observation[];
  changed: ValueChange[];
  unitChanges: ValueChange[];
}

function compare(key: string, b: Observation, a: Observation, into: RowChanges): void {
  const columns = COMPARED.filter((c) => String(a[c]) !== String(b[c]));
  if (columns.length === 0) return;
  const change = { key, before: b, after: a, columns };
  (columns.includes("unit") ? into.unitChanges : into.changed).push(change);
}

/**
 * Diffs two releases by key. MAJOR when a figure, an indicator or a unit disappears or changes unit;
 * MINOR when figures, indicators or periods are added; PATCH when values, statuses or metadata are
 * corrected; "none" when nothing changed. A first release passes the number of its figures as
 * `added` instead of listing them.
 */
export function diffReleases(args: DiffArgs & { before: readonly Observation[]; after: readonly Observation[]; added?: number }): DatasetDiff {
  const { before, after } = args;
  const old = new Map(before.map((o) => [releaseKey(o), o]));
  const now = new Map(after.map((o) => [releaseKey(o), o]));
  const added = after.filter((o) => !old.has(releaseKey(o)));
  const rows: RowChanges = { added, addedCount: args.added ?? added.length, removed: before.filter((o) => !now.has(releaseKey(o))), changed: [], unitChanges: [] };
  for (const [key, a] of now) {
    const b = old.get(key);
    if (b) compare(key, b, a, rows);
  }
  return decide(args, rows);
}

/**
 * The same diff over streamed rows, with flat memory: both versions go through an external sort by
 * key (on disk past a few million characters) and are merged; only the changes are kept, and they
 * are listed in the order diffReleases lists them (added and changed in the new version's order,
 * removed in the old one's).
 */
export async function diffRows(args: DiffArgs & { before: ObservationRows; after: ObservationRows }): Promise<DatasetDiff> {
  const sorted = async (rows: ObservationRows, label: string) => {
    const sort = new ExternalSort(`diff-${label}`);
    let seq = 0;
    // Joined, not a template: the sort holds its keys, and a template's rope would stay one.
    const add = (o: Observation, json: string) => sort.add([releaseKey(o), String(seq++).padStart(12, "0")].join("\u0001"), json);
    if (rows.withJson) for await (const [o, json] of rows.withJson()) add(o, json);
    else for await (const o of rows.rows()) add(o, observationJson(o));
    return sort;
  };
  const before = await sorted(args.before, "before");
  let after: ExternalSort | undefined;
  try {
    after = await sorted(args.after, "after");
    const added: [number, Observation][] = [];
    const removed: [number, Observation][] = [];
    const changes: [number, string, Observation, Observation][] = [];
    const a = after.sorted()[Symbol.asyncIterator]();
    const b = before.sorted()[Symbol.asyncIterator]();
    const parse = (r: IteratorResult<readonly [string, string]>) => {
      if (r.done) return undefined;
      const [key, line] = r.value;
      const cut = key.indexOf("\u0001");
      return { key: key.slice(0, cut), seq: Number(key.slice(cut + 1)), o: JSON.parse(line) as Observation };
    };
    let x = parse(await a.next());
    let y = parse(await b.next());
    while (x || y) {
      if (x && (!y || x.key < y.key)) {
        added.push([x.seq, x.o]);
        x = parse(await a.next());
      } else if (y && (!x || y.key < x.key)) {
        removed.push([y.seq, y.o]);
        y = parse(await b.next());
      } else {
        changes.push([x!.seq, x!.key, y!.o, x!.o]);
        x = parse(await a.next());
        y = parse(await b.next());
      }
    }
    const bySeq = <T extends [number, ...unknown[]]>(list: T[]) => list.sort((p, q) => p[0] - q[0]);
    const rows: RowChanges = { added: bySeq(added).map(([, o]) => o), addedCount: added.length, removed: bySeq(removed).map(([, o]) => o), changed: [], unitChanges: [] };
    for (const [, key, b0, a0] of bySeq(changes)) compare(key, b0, a0, rows);
    return decide(args, rows);
  } finally {
    before.dispose();
    after?.dispose();
  }
}

function decide(args: DiffArgs, rows: RowChanges): DatasetDiff {
  const { dataset, from, metaBefore, metaAfter } = args;
  const { added, removed, changed, unitChanges } = rows;
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
  if (rows.addedCount) reasons.push(`${rows.addedCount} figure(s) added`);
  if (newIndicators.length && metaBefore) reasons.push(`indicator(s) added: ${newIndicators.join(", ")}`);
  const minor = !major && (rows.addedCount > 0 || (newIndicators.length > 0 && metaBefore !== null));
  if (changed.length) reasons.push(`${changed.length} figure(s) corrected`);
  if (args.metadataChanged && metaBefore) reasons.push("metadata corrected");
  const patch = changed.length > 0 || args.metadataChanged;

  const change: DatasetDiff["change"] =
    from === null ? "initial" : major ? "major" : minor ? "minor" : patch ? "patch" : "none";
  return {
    dataset,
    from,
    change,
    added,
    removed,
    changed,
    unitChanges,
    counts: { added: rows.addedCount, removed: removed.length, changed: changed.length + unitChanges.length },
    metadataChanged: args.metadataChanged,
    indicatorsRemoved,
    indicatorsUnitChanged,
    reasons,
  };
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
