import { IssueList } from "../report.js";
import { type Interval, type Issue, periodBounds } from "@langson-open-data/schemas";
import {
  type Check,
  type CheckContext,
  type CheckedObservation,
  HUNDRED,
  ONE,
  decodeChecked,
  encodeChecked,
  groupBy,
  intervalInSourceUnits,
  intervalOf,
  monthMask,
  previousYear,
  yearOf,
} from "./model.js";
import { impliedPlan } from "./rules.js";
import { GroupSpill, spilledGroups } from "../spill.js";

const loc = (o: CheckedObservation) => ({
  file: o.file,
  row: o.row,
  dataset: o.obs.dataset,
  indicator: o.obs.indicator,
  measure: o.obs.measure,
  period: o.obs.time_period,
});

/**
 * Checks across periods and measures of one indicator, which need the whole series:
 * - plans: an indicator's implied annual plan is one number in every period of a year;
 * - growth: a stated growth rate agrees with the previous year's level where we have it;
 * - periods: flows only grow from January (Q1 ≤ first half ≤ nine months ≤ year) and parts add up to
 *   wholes (quarters to halves and years); cumulative stocks never shrink within a year.
 * Sets aside LEVEL, PCT_OF_PLAN and YOY_GROWTH figures only, by series in a GroupSpill, and checks
 * one series at a time.
 */
export function seriesChecks(ctx: CheckContext): Check {
  const spill = new GroupSpill("series");
  return {
    id: "series",
    dispose: () => spill.dispose(),
    row(o) {
      if (o.obs.measure === "LEVEL" || o.obs.measure === "PCT_OF_PLAN" || o.obs.measure === "YOY_GROWTH") {
        spill.add(`${o.obs.indicator}|${o.obs.ref_area}`, encodeChecked(o, ctx.names));
      }
    },
    end: () => seriesFindings(ctx, spill.groups()),
    handOver: () => spill.handOver(),
  };
}

/**
 * The end of the series checks over their records grouped by series: from the check's own spill,
 * or from a spill folder it handed over (spilledGroups), in another thread.
 */
export function seriesFindings(ctx: CheckContext, groups: Iterable<[key: string, lines: string[]]>): IssueList {
  const issues = new IssueList();
  for (const [, lines] of groups) {
    const series = lines.map((line) => decodeChecked(line, ctx.names));
    const nature = ctx.indicators.get(series[0]!.obs.indicator)?.def.nature;
    const at = new Map(series.map((o) => [`${o.obs.measure}|${o.obs.time_period}|${o.obs.source}`, o]));
    // Where the same report gives no level, the first level of that period from any report.
    const firstLevel = new Map<string, CheckedObservation>();
    for (const o of series) if (o.obs.measure === "LEVEL" && !firstLevel.has(o.obs.time_period)) firstLevel.set(o.obs.time_period, o);
    const levelAt = (period: string, source: string) => at.get(`LEVEL|${period}|${source}`) ?? firstLevel.get(period);
    issues.push(...planConsistency(series, levelAt), ...growthAgreement(series, levelAt));
    const levels = series.filter((o) => o.obs.measure === "LEVEL");
    if (nature === "flow") issues.push(...flowPeriods(levels));
    if (nature === "stock") issues.push(...stockPeriods(levels));
  }
  return issues;
}

/**
 * The series checks' end over a spill folder that another thread reads too (spilledGroups with
 * shared claims): the findings of the buckets this thread claims, with those the other thread found
 * (`there`), as one list.
 */
export async function sharedSeriesFindings(ctx: CheckContext, spillDir: string, claim: () => number, there: Promise<readonly Issue[]>): Promise<IssueList> {
  const list = seriesFindings(ctx, spilledGroups(spillDir, claim));
  list.absorb(await there);
  return list;
}

function planConsistency(
  series: CheckedObservation[],
  levelAt: (period: string, source: string) => CheckedObservation | undefined,
): Issue[] {
  const plans = series
    .filter((o) => o.obs.measure === "PCT_OF_PLAN")
    .map((pct) => {
      const level = levelAt(pct.obs.time_period, pct.obs.source);
      const plan = level ? impliedPlan(level, pct) : undefined;
      return plan && level ? { pct, level, plan } : undefined;
    })
    .filter((p) => p !== undefined);
  const issues: Issue[] = [];
  for (const year of groupBy(plans, (p) => String(yearOf(p.pct.obs.time_period))).values()) {
    let common: Interval | undefined = year[0]!.plan;
    for (const p of year.slice(1)) {
      const next: Interval | undefined = common?.intersect(p.plan);
      if (!next) {
        const first = year[0]!;
        issues.push({
          code: "plan-inconsistent",
          severity: "error",
          message: `${p.level.obs.indicator}: the annual plan implied in ${p.pct.obs.time_period} (${p.level.valueText} ${p.level.unitText} at ${p.pct.valueText} %) differs from the one implied in ${first.pct.obs.time_period} (${first.level.valueText} ${first.level.unitText} at ${first.pct.valueText} %); a year has one plan`,
          location: loc(p.pct),
          expected: intervalInSourceUnits(common ?? first.plan, p.level, 0),
          found: intervalInSourceUnits(p.plan, p.level, 0),
        });
        break;
      }
      common = next;
    }
  }
  return issues;
}

function growthAgreement(
  series: CheckedObservation[],
  levelAt: (period: string, source: string) => CheckedObservation | undefined,
): Issue[] {
  const issues: Issue[] = [];
  for (const g of series.filter((o) => o.obs.measure === "YOY_GROWTH")) {
    const now = levelAt(g.obs.time_period, g.obs.source);
    const before = levelAt(previousYear(g.obs.time_period), g.obs.source);
    if (!now || !before) continue;
    const prev = intervalOf(before.obs);
    if (prev.lo.sign() <= 0) continue;
    const level = intervalOf(now.obs);
    const stated = intervalOf(g.obs);
    if (level.lo.sign() >= 0 && growthAgrees(level, prev, stated)) continue;
    const implied = level.divPositive(prev);
    const impliedGrowth = { lo: implied.lo.sub(ONE).mul(HUNDRED), hi: implied.hi.sub(ONE).mul(HUNDRED) };
    if (stated.lo.cmp(impliedGrowth.hi) <= 0 && impliedGrowth.lo.cmp(stated.hi) <= 0) continue;
    issues.push({
      code: "growth-mismatch",
      severity: "error",
      message: `${g.obs.indicator}: growth of ${g.valueText} % in ${g.obs.time_period} does not agree with the levels ${before.valueText} ${before.unitText} (${before.obs.time_period}) and ${now.valueText} ${now.unitText}`,
      location: loc(g),
      expected: `[${impliedGrowth.lo.toFixed(2)}, ${impliedGrowth.hi.toFixed(2)}] % from the levels`,
      found: `${stated.lo.toFixed(3)} to ${stated.hi.toFixed(3)} %`,
    });
  }
  return issues;
}

/**
 * Whether a stated growth rate (%) meets the one two levels imply: [stated] meets
 * [(now.lo / prev.hi − 1)·100, (now.hi / prev.lo − 1)·100], for prev.lo > 0 and now.lo ≥ 0. The two
 * comparisons are cross-multiplied over positive denominators, so no fraction is formed or reduced:
 *   stated.lo ≤ (now.hi / prev.lo − 1)·100  ⇔  (stated.lo + 100)·prev.lo ≤ 100·now.hi
 *   (now.lo / prev.hi − 1)·100 ≤ stated.hi  ⇔  100·now.lo ≤ (stated.hi + 100)·prev.hi
 */
export function growthAgrees(now: Interval, prev: Interval, stated: Interval): boolean {
  // Each side as numerator × the other side's denominators (all positive): x = xn/xd for every x.
  const { lo: s, hi: t } = stated;
  const { lo: p, hi: q } = prev;
  const { lo: m, hi: n } = now;
  const lowAgrees = (s.num + 100n * s.den) * p.num * n.den <= 100n * n.num * s.den * p.den;
  const highAgrees = 100n * m.num * t.den * q.den <= (t.num + 100n * t.den) * q.num * m.den;
  return lowAgrees && highAgrees;
}

function flowPeriods(levels: CheckedObservation[]): Issue[] {
  const issues: Issue[] = [];
  // Across sources: a half-year report's figure is compared with the first quarter's report.
  const groups = groupBy(levels, (o) => String(yearOf(o.obs.time_period)));
  for (const group of groups.values()) {
    const withMask = group
      .map((o) => ({ o, mask: monthMask(o.obs.time_period), i: intervalOf(o.obs) }))
      .filter((x): x is { o: CheckedObservation; mask: number; i: Interval } => x.mask !== undefined);
    for (const a of withMask) {
      for (const b of withMask) {
        const inside = a.mask !== b.mask && (a.mask & b.mask) === a.mask;
        if (inside && a.i.lo.cmp(b.i.hi) > 0) {
          issues.push({
            code: "period-flow-shrinks",
            severity: "error",
            message: `${a.o.obs.indicator}: ${a.o.obs.time_period} (${a.o.valueText} ${a.o.unitText}) is larger than ${b.o.obs.time_period} (${b.o.valueText} ${b.o.unitText}), which contains it`,
            location: loc(b.o),
            expected: `≥ ${a.o.valueText} ${a.o.unitText}`,
            found: `${b.o.valueText} ${b.o.unitText}`,
          });
        }
      }
    }
    // Parts add up to wholes: the largest disjoint parts present that cover the whole exactly.
    for (const whole of withMask) {
      const parts = withMask.filter((p) => p.mask !== whole.mask && (p.mask & whole.mask) === p.mask);
      parts.sort((x, y) => popcount(y.mask) - popcount(x.mask));
      let covered = 0;
      const chosen: typeof parts = [];
      for (const p of parts) {
        if ((p.mask & covered) === 0) {
          covered |= p.mask;
          chosen.push(p);
        }
      }
      if (covered !== whole.mask || chosen.length < 2) continue;
      const sum = chosen.map((p) => p.i).reduce((x, y) => x.add(y));
      if (!sum.meets(whole.i)) {
        issues.push({
          code: "period-parts-mismatch",
          severity: "error",
          message: `${whole.o.obs.indicator}: ${chosen.map((p) => p.o.obs.time_period).join(" + ")} does not add up to ${whole.o.obs.time_period}`,
          location: loc(whole.o),
          expected: intervalInSourceUnits(sum, whole.o),
          found: `${whole.o.valueText} ${whole.o.unitText}`,
        });
      }
    }
  }
  return issues;
}

function stockPeriods(levels: CheckedObservation[]): Issue[] {
  const issues: Issue[] = [];
  for (const group of groupBy(levels, (o) => String(yearOf(o.obs.time_period))).values()) {
    const ordered = group.map((o) => ({ o, end: periodEnd(o.obs.time_period) })).sort((a, b) => a.end.localeCompare(b.end));
    // The largest figure of any earlier day is the one a later stock must not fall below. Days come
    // in order, so the earlier days of a figure are the runs of days before its own: `earliest` is
    // the largest of those (the first of equals), brought up to date at each new day.
    let earliest: CheckedObservation | undefined;
    let pending: CheckedObservation[] = [];
    let day: string | undefined;
    for (const { o: later, end } of ordered) {
      if (end !== day) {
        for (const o of pending) if (!earliest || intervalOf(o.obs).lo.cmp(intervalOf(earliest.obs).lo) > 0) earliest = o;
        pending = [];
        day = end;
      }
      pending.push(later);
      const earlier = earliest;
      if (earlier && intervalOf(later.obs).hi.cmp(intervalOf(earlier.obs).lo) < 0) {
        issues.push({
          code: "period-stock-shrinks",
          severity: "error",
          message: `${later.obs.indicator} is a cumulative stock (lũy kế), yet it falls from ${earlier.valueText} ${earlier.unitText} on ${periodEnd(earlier.obs.time_period)} to ${later.valueText} ${later.unitText} on ${end}`,
          location: loc(later),
          expected: `≥ ${earlier.valueText} ${earlier.unitText}`,
          found: `${later.valueText} ${later.unitText}`,
        });
      }
    }
  }
  return issues;
}

/** The last day a period covers, for ordering stocks ("2023-Q1" → "2023-03-31"). */
const periodEnd = (period: string) => periodBounds(period).end;

function popcount(n: number): number {
  let c = 0;
  for (; n; n &= n - 1) c++;
  return c;
}
