import { type DatasetMetadata, Decimal, Interval, type Issue, type Observation, Rational, type Rule, formatVi, periodBounds } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { type CheckedObservation, buildContext, encodeChecked, monthMask, previousYear } from "./model.js";
import { compareIssues } from "../report.js";
import { GroupSpill, bucketClaims } from "../spill.js";
import { runChecks } from "./index.js";
import { growthAgrees, seriesChecks, sharedSeriesFindings } from "./series.js";

const meta = (indicators: { code: string; unit: string; nature: string }[]): DatasetMetadata =>
  ({
    id: "d",
    indicators: indicators.map((i) => ({ ...i, name: { vi: i.code, en: i.code }, definition: { vi: "-", en: "-" } })),
  }) as unknown as DatasetMetadata;

let row = 1;
function fig(indicator: string, measure: Observation["measure"], period: string, value: string, unit: Observation["unit"], unitMult: number, decimals: number, printed: string, unitText: string, source = "s1"): CheckedObservation {
  row++;
  return {
    obs: { dataset: "d", indicator, measure, ref_area: "VN-09", time_period: period, value, unit, unit_mult: unitMult, decimals, obs_status: "E", source, origin: "stated", quote: "", note: "" },
    file: "observations.csv",
    row,
    valueText: printed,
    unitText,
  };
}
const usd = (indicator: string, period: string, millions: string, source?: string) =>
  fig(indicator, "LEVEL", period, (BigInt(millions) * 1_000_000n).toString(), "USD", 6, 0, formatVi(Decimal.parse(millions), 0), "triệu USD", source);
const pct = (indicator: string, measure: "PCT_OF_PLAN" | "YOY_GROWTH", period: string, value: string, source?: string) =>
  fig(indicator, measure, period, value, "PERCENT", 0, value.split(".")[1]?.length ?? 0, value.replace(".", ","), "%", source);

async function check(rows: CheckedObservation[], rules: Rule[] = [], nature = "flow") {
  const ctx = buildContext([meta([{ code: "TRADE_TOTAL", unit: "USD", nature }, { code: "TRADE_EXPORT", unit: "USD", nature }, { code: "TRADE_IMPORT", unit: "USD", nature }])], rules, "pipeline.json");
  return runChecks(ctx, rows);
}

describe("period helpers", () => {
  it("maps periods to the months they cover and their last day", () => {
    expect(monthMask("2023-Q1")).toBe(0b111);
    expect(monthMask("2023-S1")).toBe(0b111111);
    expect(monthMask("2023-01/2023-09")).toBe(0b111111111);
    expect(monthMask("2023")).toBe(0xfff);
    expect(monthMask("2023-Q2")).toBe(0b111000);
    expect(monthMask("2023-03-27")).toBeUndefined();
    expect(previousYear("2023-01/2023-09")).toBe("2022-01/2022-09");
  });
});

describe("flows across periods", () => {
  it("accepts Q1 ≤ first half ≤ nine months ≤ year, quarters adding up to the half and the year", async () => {
    const rows = [
      usd("TRADE_TOTAL", "2023-Q1", "640", "q1"),
      usd("TRADE_TOTAL", "2023-Q2", "700", "h1"),
      usd("TRADE_TOTAL", "2023-S1", "1340", "h1"),
      usd("TRADE_TOTAL", "2023-01/2023-09", "2100", "m9"),
      usd("TRADE_TOTAL", "2023-Q3", "760", "m9"),
      usd("TRADE_TOTAL", "2023-Q4", "875", "y"),
      usd("TRADE_TOTAL", "2023", "2975", "y"),
    ];
    expect(await check(rows)).toEqual([]);
  });

  it("reports a first half smaller than its first quarter, from two reports", async () => {
    const issues = await check([usd("TRADE_TOTAL", "2023-Q1", "640", "q1"), usd("TRADE_TOTAL", "2023-S1", "600", "h1")]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "period-flow-shrinks", expected: "≥ 640 triệu USD", found: "600 triệu USD", location: expect.objectContaining({ period: "2023-S1" }) }),
    ]);
  });

  it("reports quarters that do not add up to their half-year, by intervals", async () => {
    const issues = await check([usd("TRADE_TOTAL", "2023-Q1", "640"), usd("TRADE_TOTAL", "2023-Q2", "700"), usd("TRADE_TOTAL", "2023-S1", "1345")]);
    expect(issues).toEqual([
      expect.objectContaining({ code: "period-parts-mismatch", expected: "[1.339,0 triệu USD, 1.341,0 triệu USD]", found: "1.345 triệu USD" }),
    ]);
  });

  it("finds every stock that falls below the largest figure of an earlier day, as comparing all pairs does", async () => {
    // The reference: each figure against the largest figure of a strictly earlier day of its year.
    const periods = ["2023-01-31", "2023-02-28", "2023-03-27", "2023-Q1", "2023-06-30", "2023-S1", "2023", "2022-12-31", "2022-Q4"];
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(fc.constantFrom(...periods), fc.integer({ min: 1, max: 30 })), { minLength: 1, maxLength: periods.length, selector: ([period]) => period }), async (figures) => {
        const rows = figures.map(([period, value]) => usd("TRADE_TOTAL", period, String(value)));
        const expected: string[] = [];
        for (const year of ["2022", "2023"]) {
          const ordered = rows.filter((r) => r.obs.time_period.startsWith(year)).map((o) => ({ o, end: periodBounds(o.obs.time_period).end }));
          ordered.sort((a, b) => a.end.localeCompare(b.end));
          for (let k = 1; k < ordered.length; k++) {
            const earlier = ordered.slice(0, k).filter((x) => x.end < ordered[k]!.end).reduce<(typeof ordered)[number] | undefined>((m, x) => (!m || BigInt(x.o.obs.value) > BigInt(m.o.obs.value) ? x : m), undefined);
            // Printed in whole millions: each stands for ±0.5 million, so a fall must exceed 1 million.
            if (earlier && BigInt(ordered[k]!.o.obs.value) + 1_000_000n < BigInt(earlier.o.obs.value)) expected.push(`${ordered[k]!.o.row} ≥ ${earlier.o.valueText} ${earlier.o.unitText} on ${earlier.end}`);
          }
        }
        const found = (await check(rows, [], "stock")).filter((i) => i.code === "period-stock-shrinks");
        const named = found.map((i) => `${i.location.row} ${i.expected} on ${/ on (\S+) to /.exec(i.message)![1]}`);
        expect(named.sort()).toEqual(expected.sort());
      }),
      { numRuns: 300 },
    );
  });

  it("reports a cumulative stock that shrinks, but not a flow of a later month", async () => {
    const stocks = [usd("TRADE_TOTAL", "2023-03-27", "500"), usd("TRADE_TOTAL", "2023-06-30", "490")];
    expect((await check(stocks, [], "stock")).map((i) => i.code)).toEqual(["period-stock-shrinks"]);
    expect(await check([usd("TRADE_TOTAL", "2023-03", "300"), usd("TRADE_TOTAL", "2023-04", "200")])).toEqual([]);
  });
});

describe("growth and plans across periods", () => {
  it("checks a stated growth against the previous year's level", async () => {
    const ok = await check([usd("TRADE_TOTAL", "2022-Q1", "485"), usd("TRADE_TOTAL", "2023-Q1", "640"), pct("TRADE_TOTAL", "YOY_GROWTH", "2023-Q1", "31.96")]);
    expect(ok).toEqual([]);
    const bad = await check([usd("TRADE_TOTAL", "2022-Q1", "485"), usd("TRADE_TOTAL", "2023-Q1", "640"), pct("TRADE_TOTAL", "YOY_GROWTH", "2023-Q1", "13.96")]);
    expect(bad).toEqual([expect.objectContaining({ code: "growth-mismatch", found: "13.955 to 13.965 %" })]);
    expect(bad[0]!.expected).toBe("[31.72, 32.20] % from the levels");
  });

  it("keeps one annual plan across the periods of a year: 640 at 16,84 % and 4.975 at 130,9 % both imply 3.800", async () => {
    const rows = [usd("TRADE_TOTAL", "2023-Q1", "640", "q1"), pct("TRADE_TOTAL", "PCT_OF_PLAN", "2023-Q1", "16.84", "q1"), usd("TRADE_TOTAL", "2023", "4975", "y"), pct("TRADE_TOTAL", "PCT_OF_PLAN", "2023", "130.9", "y")];
    expect(await check(rows)).toEqual([]);
    const planted = [...rows.slice(0, 3), pct("TRADE_TOTAL", "PCT_OF_PLAN", "2023", "120.9", "y")];
    const issues = await check(planted);
    expect(issues).toEqual([expect.objectContaining({ code: "plan-inconsistent", expected: "[3.796 triệu USD, 3.805 triệu USD]", found: "[4.113 triệu USD, 4.117 triệu USD]" })]);
  });

  it("a growth rule: the components' implied previous-year levels add up to the total's", async () => {
    const rule: Rule = { id: "trade-growth", type: "growth", total: "TRADE_TOTAL", components: ["TRADE_EXPORT", "TRADE_IMPORT"], itemized: "full" };
    const consistent = [usd("TRADE_TOTAL", "2023-Q1", "640"), pct("TRADE_TOTAL", "YOY_GROWTH", "2023-Q1", "31.96"), usd("TRADE_EXPORT", "2023-Q1", "300"), pct("TRADE_EXPORT", "YOY_GROWTH", "2023-Q1", "85.71"), usd("TRADE_IMPORT", "2023-Q1", "340"), pct("TRADE_IMPORT", "YOY_GROWTH", "2023-Q1", "5.1")];
    expect(await check(consistent, [rule])).toEqual([]);
    const inconsistent = [...consistent.slice(0, 5), pct("TRADE_IMPORT", "YOY_GROWTH", "2023-Q1", "25.1")];
    expect((await check(inconsistent, [rule])).map((i) => [i.code, i.rule])).toEqual([["growth-components-mismatch", "trade-growth"]]);
  });
});

describe("growthAgrees", () => {
  // Printed figures as the rounding intervals the checks use: a level of up to 12 digits with 0–3
  // decimals in units of 10^0, 10^3, 10^9; a growth rate of −100 to 1000 % with 0–2 decimals.
  const printed = (digits: bigint, decimals: number, unitMult: number) => Interval.rounding(Decimal.of(digits, -decimals).shift(unitMult), unitMult, decimals);
  const level = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 3, 9)).map(([d, k, u]) => printed(d, k, u));
  const growth = fc.tuple(fc.bigInt({ min: -10_000n, max: 100_000n }), fc.integer({ min: 0, max: 2 })).map(([d, k]) => printed(d, k, 0));

  it("says what dividing the levels and comparing the implied growth says, without forming a fraction", () => {
    const HUNDRED = Rational.of(100n, 1n);
    const ONE = Rational.of(1n, 1n);
    let agreed = 0;
    let checked = 0;
    fc.assert(
      fc.property(level, level, growth, (now, prev, stated) => {
        fc.pre(prev.lo.sign() > 0 && now.lo.sign() >= 0);
        const implied = now.divPositive(prev);
        const lo = implied.lo.sub(ONE).mul(HUNDRED);
        const hi = implied.hi.sub(ONE).mul(HUNDRED);
        const reference = stated.lo.cmp(hi) <= 0 && lo.cmp(stated.hi) <= 0;
        checked++;
        if (reference) agreed++;
        expect(growthAgrees(now, prev, stated)).toBe(reference);
      }),
      { numRuns: 5000 },
    );
    // Both answers came up often enough to mean something.
    expect(agreed).toBeGreaterThan(0);
    expect(checked - agreed).toBeGreaterThan(0);
  });

  it("agrees with a growth inside what the rounded levels imply, and not with one outside", () => {
    // 110 after 100, each ± 0.5: from +8.96 % to +11.06 %. 10,0 % agrees; 20,0 % and 0,0 % do not.
    const now = printed(110n, 0, 0);
    const prev = printed(100n, 0, 0);
    expect(growthAgrees(now, prev, printed(100n, 1, 0))).toBe(true);
    expect(growthAgrees(now, prev, printed(200n, 1, 0))).toBe(false);
    expect(growthAgrees(now, prev, printed(0n, 1, 0))).toBe(false);
  });

  it("counts a growth that only touches the implied range at an end as agreeing, as the interval check does", () => {
    const r = (n: bigint, d = 1n) => Rational.of(n, d);
    // 110 to 120 after exactly 100: +10 % to +20 %.
    const now = new Interval(r(110n), r(120n));
    const prev = Interval.exact(r(100n));
    expect(growthAgrees(now, prev, new Interval(r(5n), r(10n)))).toBe(true);
    expect(growthAgrees(now, prev, new Interval(r(20n), r(25n)))).toBe(true);
    expect(growthAgrees(now, prev, new Interval(r(5n), r(9999n, 1000n)))).toBe(false);
    expect(growthAgrees(now, prev, new Interval(r(20001n, 1000n), r(25n)))).toBe(false);
  });
});

describe("the series checks' end, shared with another thread", () => {
  it("gives, from a handed-over spill, what the check's own end gives, whichever thread reads which bucket", async () => {
    const ctx = buildContext([meta([{ code: "TRADE_TOTAL", unit: "USD", nature: "flow" }, { code: "TRADE_EXPORT", unit: "USD", nature: "flow" }])], [], "pipeline.json");
    // Series in many buckets, one in three with a first half smaller than its first quarter.
    const rows: CheckedObservation[] = [];
    for (let area = 0; area < 300; area++) {
      const code = area % 2 ? "TRADE_TOTAL" : "TRADE_EXPORT";
      const q1 = usd(code, "2023-Q1", "640");
      const s1 = usd(code, "2023-S1", area % 3 === 0 ? "600" : "1340");
      for (const o of [q1, s1]) rows.push({ ...o, obs: { ...o.obs, ref_area: `VN-${String(area).padStart(3, "0")}` } as Observation });
    }
    const fill = () => {
      const check = seriesChecks(ctx);
      for (const o of rows) check.row!(o);
      return check;
    };
    const expected = fill().end();
    expect(expected.filter((i) => i.code === "period-flow-shrinks")).toHaveLength(100);
    // The same records, in a spill made to go to disk by a small memory limit.
    const spill = new GroupSpill("series-test", { memoryBytes: 4_000 });
    for (const o of rows) if (o.obs.measure === "LEVEL") spill.add(`${o.obs.indicator}|${o.obs.ref_area}`, encodeChecked(o, ctx.names));
    const dir = spill.handOver()!;
    expect(dir).toBeDefined();
    try {
      // This thread reads every bucket; the other found nothing.
      const here = await sharedSeriesFindings(ctx, dir, bucketClaims().claim, Promise.resolve([]));
      expect(sortIssues([...here])).toEqual(sortIssues([...expected]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const sortIssues = (issues: Issue[]) => issues.sort(compareIssues);
