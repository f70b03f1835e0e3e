import { IssueList } from "../report.js";
import { type GrowthRule, Interval, type Issue, Rational, type TotalsRule } from "@langson-open-data/schemas";
import {
  type Check,
  type CheckContext,
  type CheckedObservation,
  HUNDRED,
  ONE,
  decodeChecked,
  encodeChecked,
  intervalInSourceUnits,
  intervalOf,
  inSourceUnits,
} from "./model.js";
import { GroupSpill, type Numbered } from "../spill.js";

/** Figures of one (area, period, source), by indicator and measure; the unit of every rule check. */
type Slice = Map<string, CheckedObservation>;
const sliceKey = (o: CheckedObservation) => `${o.obs.ref_area}|${o.obs.time_period}|${o.obs.source}`;
const memberKey = (indicator: string, measure: string) => `${indicator}|${measure}`;

function location(rule: TotalsRule | GrowthRule, total: CheckedObservation, ctx: CheckContext) {
  return {
    file: ctx.rulesFile,
    dataset: total.obs.dataset,
    indicator: rule.total,
    period: total.obs.time_period,
  };
}

/** The implied annual plan of a level stated at p % of plan: level ÷ p × 100, as an interval. */
export function impliedPlan(level: CheckedObservation, pct: CheckedObservation): Interval | undefined {
  const p = intervalOf(pct.obs);
  const l = intervalOf(level.obs);
  if (p.lo.sign() <= 0 || l.lo.sign() < 0) return undefined;
  return l.divPositive(p).scale(HUNDRED);
}

/** The implied level a year earlier of a level that grew g %: level ÷ (1 + g/100), as an interval. */
export function impliedPrevious(level: CheckedObservation, growth: CheckedObservation): Interval | undefined {
  const g = intervalOf(growth.obs).scale(Rational.of(1n, 100n));
  const factor = new Interval(g.lo.add(ONE), g.hi.add(ONE));
  const l = intervalOf(level.obs);
  if (factor.lo.sign() <= 0 || l.lo.sign() < 0) return undefined;
  return l.divPositive(factor);
}

function sumIntervals(items: Interval[]): Interval {
  return items.reduce((a, b) => a.add(b));
}

/**
 * Compares a total with the sum of its components, by interval arithmetic. Fully itemized: the intervals
 * must meet. Partly itemized: the residual must be ≥ 0 within rounding, and is reported as a warning.
 */
function compareSum(args: {
  rule: TotalsRule | GrowthRule;
  ctx: CheckContext;
  total: CheckedObservation;
  totalInterval: Interval;
  parts: { o: CheckedObservation; i: Interval }[];
  what: string;
  codes: { mismatch: string; exceed: string; residual: string };
  decimals: number;
  /** Whether a partly itemized residual is reported (a warning); false reports contradictions only. */
  residual?: boolean;
}): Issue[] {
  const { rule, ctx, total, totalInterval, parts, what, codes, decimals } = args;
  const sum = sumIntervals(parts.map((p) => p.i));
  const shown = (i: Interval) => intervalInSourceUnits(i, total, decimals);
  // Formatted only for a finding: formatting every part of every passing total cost more than the check.
  const list = () => parts.map((p) => `${p.o.obs.indicator} ${shown(p.i)}`).join(" + ");
  if (rule.itemized === "full" && totalInterval.meets(sum)) return [];
  const loc = location(rule, total, ctx);
  if (rule.itemized === "full") {
    return [
      {
        code: codes.mismatch,
        severity: "error",
        rule: rule.id,
        message: `${what}: ${rule.total} does not equal the sum of ${rule.components.join(" + ")} (${list()})`,
        location: loc,
        expected: `${shown(sum)} (the sum of the components, within rounding)`,
        found: `${shown(totalInterval)}`,
      },
    ];
  }
  const residual = totalInterval.sub(sum);
  if (residual.hi.sign() < 0) {
    return [
      {
        code: codes.exceed,
        severity: "error",
        rule: rule.id,
        message: `${what}: the components of ${rule.total} add up to more than the total, which the source itemizes only in part (${list()})`,
        location: loc,
        expected: `components ≤ total ${shown(totalInterval)}`,
        found: `components sum to ${shown(sum)}`,
      },
    ];
  }
  if (args.residual === false) return [];
  const mid = (i: Interval) => i.lo.add(i.hi).mul(Rational.of(1n, 2n));
  const point = mid(totalInterval).sub(mid(sum));
  const share = mid(totalInterval).sign() > 0 ? point.div(mid(totalInterval)).mul(HUNDRED) : undefined;
  return [
    {
      code: codes.residual,
      severity: "warning",
      rule: rule.id,
      message: `${what}: the source leaves ${inSourceUnits(point, total, decimals)}${share ? ` (${share.toFixed(2).replace(".", ",")} % of the total)` : ""} of ${rule.total} unitemized beyond ${rule.components.join(" + ")}`,
      location: loc,
      expected: `residual ≥ 0 (declared partly itemized)`,
      found: `residual ${shown(residual)}`,
    },
  ];
}

/** How many powers of ten apart two positive amounts are, rounded; 0 when they are alike. */
function ordersApart(a: Interval, b: Interval): number {
  const am = a.lo.add(a.hi);
  const bm = b.lo.add(b.hi);
  if (am.sign() <= 0 || bm.sign() <= 0) return 0;
  return Math.round(Math.log10(am.toNumber() / bm.toNumber()));
}

/**
 * Collects, per (area, period, source), the figures of the indicators some rule names, for the given
 * measures: what a rule over one report's figures needs, and nothing else. The figures are set aside
 * in a GroupSpill, so a national input is compared one slice at a time with flat memory.
 */
function sliceCollector<R extends TotalsRule | GrowthRule>(label: string, rules: readonly R[], measures: readonly string[], names: Numbered) {
  const wanted = new Set(rules.flatMap((r) => [r.total, ...r.components]));
  const spill = new GroupSpill(label);
  // Rule positions by total: a rule applies to a slice only where its total's LEVEL is there, so a
  // slice is compared with its few rules, not with every declared one.
  const byTotal = new Map<string, number[]>();
  rules.forEach((r, k) => {
    const list = byTotal.get(r.total);
    if (list) list.push(k);
    else byTotal.set(r.total, [k]);
  });
  return {
    /** Every slice, one at a time: its figures by indicator and measure (a later row wins). */
    *slices(): Generator<Slice> {
      for (const [, lines] of spill.groups()) {
        const slice: Slice = new Map();
        for (const line of lines) {
          const o = decodeChecked(line, names);
          slice.set(memberKey(o.obs.indicator, o.obs.measure), o);
        }
        yield slice;
      }
    },
    /** The rules whose total's LEVEL the slice holds, in declaration order. */
    rulesFor(slice: Slice): R[] {
      const found: number[] = [];
      for (const o of slice.values()) if (o.obs.measure === "LEVEL") found.push(...(byTotal.get(o.obs.indicator) ?? []));
      return found.sort((a, b) => a - b).map((k) => rules[k]!);
    },
    dispose: () => spill.dispose(),
    row(o: CheckedObservation): void {
      if (!wanted.has(o.obs.indicator) || !measures.includes(o.obs.measure)) return;
      spill.add(sliceKey(o), encodeChecked(o, names));
    },
  };
}

/**
 * The declared totals rules: total = Σ components (LEVEL, same area, period, source, unit), the
 * components' implied annual plans add up to the total's, and no member is orders of magnitude off.
 */
export function totalsChecks(ctx: CheckContext): Check {
  const rules = ctx.rules.filter((r): r is TotalsRule => r.type === "totals");
  const collected = sliceCollector("totals", rules, ["LEVEL", "PCT_OF_PLAN"], ctx.names);
  return {
    id: "totals",
    row: collected.row,
    dispose: collected.dispose,
    end() {
      const issues = new IssueList();
      for (const slice of collected.slices()) {
        for (const rule of collected.rulesFor(slice)) {
          const total = slice.get(memberKey(rule.total, "LEVEL"));
          const comps = rule.components.map((c) => slice.get(memberKey(c, "LEVEL")));
          if (!total || comps.some((c) => !c)) continue;
          const members = comps as CheckedObservation[];
          const loc = location(rule, total, ctx);
          const alien = members.find((m) => m.obs.unit !== total.obs.unit);
          if (alien) {
            const money = [alien.obs.unit, total.obs.unit].every((u) => u === "USD" || u === "VND");
            issues.push({
              code: "units-mismatch-in-rule",
              severity: "error",
              rule: rule.id,
              message: `${alien.obs.indicator} is in ${alien.obs.unit} but ${rule.total} is in ${total.obs.unit}: ${money ? "money in different currencies is never added" : "a rule adds only figures of one unit"}`,
              location: { ...loc, indicator: alien.obs.indicator },
              expected: total.obs.unit,
              found: `${alien.obs.unit} (row ${alien.row}: "${alien.valueText} ${alien.unitText}")`,
            });
            continue;
          }
          const totalInterval = intervalOf(total.obs);
          const parts = members.map((o) => ({ o, i: intervalOf(o.obs) }));
          const apart = ordersApart(totalInterval, sumIntervals(parts.map((p) => p.i)));
          if (Math.abs(apart) >= 2) {
            issues.push({
              code: "units-magnitude",
              severity: "error",
              rule: rule.id,
              message: `${rule.total} (row ${total.row}: "${total.valueText} ${total.unitText}") is about 10^${Math.abs(apart)} times ${apart < 0 ? "smaller" : "larger"} than the sum of its components: are the unit words right (a "triệu" typed for "tỷ", or the reverse)?`,
              location: loc,
              expected: `${rule.total} of the same order as ${rule.components.join(" + ")} = ${intervalInSourceUnits(sumIntervals(parts.map((p) => p.i)), total, 0)}`,
              found: `${total.valueText} ${total.unitText}`,
            });
            continue;
          }
          issues.push(
            ...compareSum({
              rule,
              ctx,
              total,
              totalInterval,
              parts,
              what: "totals",
              codes: { mismatch: "totals-mismatch", exceed: "totals-components-exceed", residual: "totals-residual" },
              decimals: 1,
            }),
          );
          if (!rule.plans) continue;
          const plan = (o: CheckedObservation) => {
            const pct = slice.get(memberKey(o.obs.indicator, "PCT_OF_PLAN"));
            return pct ? impliedPlan(o, pct) : undefined;
          };
          const totalPlan = plan(total);
          const partPlans = members.map((o) => ({ o, i: plan(o) }));
          if (!totalPlan || partPlans.some((p) => !p.i)) continue;
          const planIssues = compareSum({
            rule,
            ctx,
            total,
            totalInterval: totalPlan,
            parts: partPlans as { o: CheckedObservation; i: Interval }[],
            what: "implied annual plans (level ÷ % of plan)",
            codes: { mismatch: "plan-sum-mismatch", exceed: "plan-components-exceed", residual: "plan-residual" },
            decimals: 0,
            // The residual of plans repeats the residual of levels; only a contradiction is news.
            residual: false,
          });
          issues.push(...planIssues);
        }
      }
      return issues;
    },
  };
}

/**
 * The declared growth rules: the components' implied previous-year levels (level ÷ (1 + growth)) must
 * add up to the total's, where the total and every component state a growth rate.
 */
export function growthRuleChecks(ctx: CheckContext): Check {
  const rules = ctx.rules.filter((r): r is GrowthRule => r.type === "growth");
  const collected = sliceCollector("growth-rules", rules, ["LEVEL", "YOY_GROWTH"], ctx.names);
  return {
    id: "growth-rules",
    row: collected.row,
    dispose: collected.dispose,
    end() {
      const issues = new IssueList();
      for (const slice of collected.slices()) {
        for (const rule of collected.rulesFor(slice)) {
          const previous = (indicator: string) => {
            const level = slice.get(memberKey(indicator, "LEVEL"));
            const growth = slice.get(memberKey(indicator, "YOY_GROWTH"));
            return level && growth ? { o: level, i: impliedPrevious(level, growth) } : undefined;
          };
          const total = previous(rule.total);
          const parts = rule.components.map(previous);
          if (!total?.i || parts.some((p) => !p?.i)) continue;
          if (parts.some((p) => p!.o.obs.unit !== total.o.obs.unit)) continue; // reported by the totals rule
          issues.push(
            ...compareSum({
              rule,
              ctx,
              total: total.o,
              totalInterval: total.i,
              parts: parts as { o: CheckedObservation; i: Interval }[],
              what: "implied previous-year levels (level ÷ (1 + growth))",
              codes: { mismatch: "growth-components-mismatch", exceed: "growth-components-exceed", residual: "growth-residual" },
              decimals: 1,
            }).filter((i) => i.severity === "error"),
          );
        }
      }
      return issues;
    },
  };
}
