import {
  Decimal,
  type DatasetMetadata,
  formatVi,
  type IndicatorDef,
  Interval,
  type Issue,
  type Observation,
  Rational,
  type Rule,
} from "@langson-open-data/schemas";
import { Numbered } from "../spill.js";

/** A canonical observation with where it came from and how the source printed it. */
export interface CheckedObservation {
  readonly obs: Observation;
  /** Input file and row (spreadsheet numbering) the figure was read from. */
  readonly file: string;
  readonly row: number;
  /** As printed, for messages in the source's own units. */
  readonly valueText: string;
  readonly unitText: string;
  /** Its place among its dataset's observations as they are set aside, for source precedence (FigureRow). */
  readonly position?: number;
}

/** A row of a figure several rows give (the same indicator, measure, area and period), as source precedence needs it. */
export interface FigureRow {
  readonly dataset: string;
  /** CheckedObservation.position. */
  readonly position: number;
  readonly source: string;
}

let lastEncoded: CheckedObservation | undefined;
let lastNames: Numbered | undefined;
let lastLine = "";

/**
 * A checked observation as one line of JSON text, for the checks that set rows aside on disk
 * (GroupSpill): [file, row, valueText, unitText, dataset, indicator, measure, ref_area, time_period,
 * value, unit, unit_mult, decimals, source], the file, unit words, dataset and source by their code
 * in `names`, the context's: a number, or the text itself past Numbered's limit. Spelled out on
 * every row, they made the spills a third larger, and the unit words ("tỷ đồng") made a bucket of
 * them two-byte text when read back. The checks encode the same row one after another, so the last
 * encoding is kept and reused.
 */
export function encodeChecked(o: CheckedObservation, names: Numbered): string {
  if (o === lastEncoded && names === lastNames) return lastLine;
  const { obs } = o;
  lastEncoded = o;
  lastNames = names;
  lastLine = JSON.stringify([
    names.code(o.file),
    o.row,
    o.valueText,
    names.code(o.unitText),
    names.code(obs.dataset),
    obs.indicator,
    obs.measure,
    obs.ref_area,
    obs.time_period,
    obs.value,
    obs.unit,
    obs.unit_mult,
    obs.decimals,
    names.code(obs.source),
  ]);
  return lastLine;
}

/**
 * The observation back from encodeChecked, with the same `names`; the columns the checks do not read
 * are empty (model.test.ts holds the two to each other).
 */
export function decodeChecked(line: string, names: Numbered): CheckedObservation {
  const c = JSON.parse(line) as [number | string, number, string, number | string, number | string, ...unknown[]];
  // One object literal in the public column order: every decoded observation gets the same shape.
  const obs = {
    dataset: names.text(c[4]),
    indicator: c[5],
    measure: c[6],
    ref_area: c[7],
    time_period: c[8],
    value: c[9],
    unit: c[10],
    unit_mult: c[11],
    decimals: c[12],
    obs_status: "",
    source: names.text(c[13] as number | string),
    origin: "",
    quote: "",
    note: "",
  };
  return { obs: obs as unknown as Observation, file: names.text(c[0]), row: c[1], valueText: c[2], unitText: names.text(c[3]) };
}

/** What every check may consult: the declared datasets, indicators and rules. */
export interface CheckContext {
  readonly datasets: readonly DatasetMetadata[];
  readonly rules: readonly Rule[];
  readonly indicators: ReadonlyMap<string, { readonly def: IndicatorDef; readonly dataset: string }>;
  /** File the rules are declared in, for locations. */
  readonly rulesFile: string;
  /** Files, unit words, datasets and sources by number, as the checks' spills name them (encodeChecked). */
  readonly names: Numbered;
}

/**
 * A check with a lifecycle: it sees each observation once (`row`), keeps only what it needs, and
 * yields its findings at the `end`. Checks never throw for bad data.
 */
export interface Check {
  readonly id: string;
  row?(o: CheckedObservation): void;
  end(): Issue[];
  /** Removes what the check set aside on disk, when a run stops before its end. */
  dispose?(): void;
  /**
   * Gives up the records the check set aside, when they are on disk: the folder of its spill, for
   * its end to run elsewhere (the series checks: seriesFindings over spilledGroups, in the rows
   * thread). Undefined when there is nothing to hand over; `end` must then run here.
   */
  handOver?(): string | undefined;
}

/** `names`: as another thread's context numbered them, for its spills read here (seriesFindings). */
export function buildContext(datasets: readonly DatasetMetadata[], rules: readonly Rule[], rulesFile: string, names: readonly string[] = []): CheckContext {
  const indicators = new Map<string, { def: IndicatorDef; dataset: string }>();
  for (const d of datasets) for (const def of d.indicators) if (!indicators.has(def.code)) indicators.set(def.code, { def, dataset: d.id });
  return { datasets, rules, indicators, rulesFile, names: new Numbered(names) };
}

/** The rounding interval of an observation's value, in base units. */
export function intervalOf(o: Observation): Interval {
  // The series and rules ask for the same figure's interval several times; exact arithmetic on big
  // integers is the costly part of a check, so each observation object computes it once.
  let known = intervals.get(o);
  if (!known) intervals.set(o, (known = Interval.rounding(Decimal.parse(o.value), o.unit_mult, o.decimals)));
  return known;
}

const intervals = new WeakMap<Observation, Interval>();

export const HUNDRED = Rational.of(100n, 1n);
export const ONE = Rational.of(1n, 1n);

/** Formats a base-unit amount in the printed units of an observation: "1.689,3 tỷ đồng". */
export function inSourceUnits(x: Rational, like: CheckedObservation, extraDecimals = 0): string {
  const scaled = x.div(Decimal.of(1n, like.obs.unit_mult).toRational());
  return `${formatVi(scaled, like.obs.decimals + extraDecimals)} ${like.unitText}`;
}

export function intervalInSourceUnits(i: Interval, like: CheckedObservation, extraDecimals = 1): string {
  return `[${inSourceUnits(i.lo, like, extraDecimals)}, ${inSourceUnits(i.hi, like, extraDecimals)}]`;
}

export function figureLabel(o: CheckedObservation): string {
  return `${o.obs.indicator} ${o.valueText} ${o.unitText}`;
}

/** Year of an SDMX period ("2023-Q1" → 2023). */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/** The same period one year earlier ("2023-Q1" → "2022-Q1", "2023-01/2023-09" → "2022-01/2022-09"). */
export function previousYear(period: string): string {
  return period.replace(/[0-9]{4}/g, (y) => String(Number(y) - 1));
}

/**
 * The months of its year a flow period covers, as a 12-bit mask, or undefined for a day (a stock date).
 * "2023-Q1" → Jan–Mar; "2023-S1" → Jan–Jun; "2023-01/2023-09" → Jan–Sep; "2023" → all.
 */
export function monthMask(period: string): number | undefined {
  const rest = period.slice(5);
  const range = (from: number, to: number) => ((1 << to) - 1) & ~((1 << (from - 1)) - 1);
  if (rest === "") return range(1, 12);
  let m: RegExpExecArray | null;
  if ((m = /^Q([1-4])$/.exec(rest))) return range(Number(m[1]) * 3 - 2, Number(m[1]) * 3);
  if ((m = /^S([12])$/.exec(rest))) return range(Number(m[1]) * 6 - 5, Number(m[1]) * 6);
  if ((m = /^01\/[0-9]{4}-([0-9]{2})$/.exec(rest))) return range(1, Number(m[1]));
  if ((m = /^([0-9]{2})$/.exec(rest))) return range(Number(m[1]), Number(m[1]));
  return undefined;
}


export function groupBy<T>(items: Iterable<T>, key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}
