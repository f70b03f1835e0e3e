import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, Interval, Rational } from "./decimal.js";

describe("Decimal", () => {
  it("scales by a power of ten exactly", () => {
    expect(Decimal.parse("1689.3").shift(9).toString()).toBe("1689300000000");
    expect(Decimal.parse("0.07").shift(6).toString()).toBe("70000");
    expect(Decimal.parse("6698.21").shift(6).toString()).toBe("6698210000");
    expect(Decimal.parse("1350.053").shift(3).toString()).toBe("1350053");
  });
  it("prints canonical plain decimals", () => {
    expect(Decimal.parse("-3.430").toString()).toBe("-3.43");
    expect(Decimal.parse("0.05").toString()).toBe("0.05");
    expect(Decimal.parse("-0").toString()).toBe("0");
    expect(Decimal.parse("100").shift(-3).toString()).toBe("0.1");
  });
  it("adds and compares without float noise", () => {
    expect(Decimal.parse("638").add(Decimal.parse("1050")).toString()).toBe("1688");
    expect(Decimal.parse("0.1").add(Decimal.parse("0.2")).toString()).toBe("0.3");
    expect(Decimal.parse("1689.3").cmp(Decimal.parse("1688"))).toBe(1);
  });
  it("rejects what is not a plain decimal", () => {
    expect(() => Decimal.parse("1e3")).toThrow(/not a plain decimal/);
    expect(() => Decimal.parse("1,5")).toThrow(RangeError);
  });
  it("round-trips any string of digits through parse and toString", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: -20, max: 20 }), (coef, exp) => {
        const d = Decimal.of(coef, exp);
        expect(Decimal.parse(d.toString()).eq(d)).toBe(true);
        expect(d.shift(exp).shift(-exp).eq(d)).toBe(true);
      }),
    );
  });
});

describe("Interval", () => {
  it("gives the rounding interval of a printed figure", () => {
    // 1.689,3 tỷ đồng: one decimal in units of 10^9 → ±0.05 × 10^9
    const i = Interval.rounding(Decimal.parse("1689300000000"), 9, 1);
    expect(i.format(0)).toBe("[1689250000000, 1689350000000]");
  });
  it("adds intervals and tests whether they meet", () => {
    const a = Interval.rounding(Decimal.parse("300"), 0, 0);
    const b = Interval.rounding(Decimal.parse("340"), 0, 0);
    expect(a.add(b).meets(Interval.rounding(Decimal.parse("640"), 0, 0))).toBe(true);
    expect(a.add(b).meets(Interval.rounding(Decimal.parse("642"), 0, 0))).toBe(false);
  });
  it("divides positive intervals exactly", () => {
    const plan = Interval.rounding(Decimal.parse("640"), 0, 0)
      .divPositive(Interval.rounding(Decimal.parse("16.84"), 0, 2))
      .scale(Rational.of(100n, 1n));
    expect(plan.contains(Rational.of(3800n, 1n))).toBe(true);
    expect(plan.format(1)).toBe("[3796.4, 3804.6]");
  });
});

describe("Rational", () => {
  // Around 2^53 too, where gcd leaves doubles for BigInts.
  const edge = fc.bigInt({ min: 2n ** 53n - 4096n, max: 2n ** 53n + 4096n });
  const big = fc.oneof(fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), edge, edge.map((n) => -n));
  const den = fc.oneof(fc.constant(1n), fc.constantFrom(10n, 100n, 1000n), fc.bigInt({ min: 1n, max: 10n ** 12n }), edge);
  const rational = fc.tuple(big, den).map(([n, d]) => Rational.of(n, d));
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  /** The fraction n/d in lowest terms with a positive denominator, computed the long way. */
  const lowest = (n: bigint, d: bigint) => {
    const g = gcd(n, d) || 1n;
    const s = d < 0n ? -1n : 1n;
    return [(s * n) / g, (s * d) / g];
  };

  it("adds, subtracts, multiplies, divides and compares exactly, in lowest terms", () => {
    fc.assert(
      fc.property(rational, rational, (a, b) => {
        expect([a.add(b).num, a.add(b).den]).toEqual(lowest(a.num * b.den + b.num * a.den, a.den * b.den));
        expect([a.sub(b).num, a.sub(b).den]).toEqual(lowest(a.num * b.den - b.num * a.den, a.den * b.den));
        expect([a.mul(b).num, a.mul(b).den]).toEqual(lowest(a.num * b.num, a.den * b.den));
        if (b.num !== 0n) expect([a.div(b).num, a.div(b).den]).toEqual(lowest(a.num * b.den, a.den * b.num));
        const cross = a.num * b.den - b.num * a.den;
        expect(a.cmp(b)).toBe(cross < 0n ? -1 : cross > 0n ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
  });
});
