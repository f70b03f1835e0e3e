/**
 * Exact decimal numbers for published values: a BigInt coefficient and a power of ten.
 * Scaling by a unit word moves the decimal point; nothing ever goes through a binary float.
 *
 * @example
 * Decimal.parse("1689.3").shift(9).toString() // "1689300000000"
 */
export class Decimal {
  /** value = coef × 10^exp; normalized so that coef has no trailing zeros (or is 0 with exp 0). */
  readonly coef: bigint;
  readonly exp: number;

  private constructor(coef: bigint, exp: number) {
    if (coef === 0n) {
      this.coef = 0n;
      this.exp = 0;
      return;
    }
    while (coef % 10n === 0n) {
      coef /= 10n;
      exp += 1;
    }
    this.coef = coef;
    this.exp = exp;
  }

  static readonly ZERO = new Decimal(0n, 0);

  static of(coef: bigint, exp = 0): Decimal {
    return new Decimal(coef, exp);
  }

  static fromInt(n: number | bigint): Decimal {
    if (typeof n === "number" && !Number.isSafeInteger(n)) {
      throw new RangeError(`Decimal.fromInt expects a safe integer, got ${n}`);
    }
    return new Decimal(BigInt(n), 0);
  }

  /** Canonical plain form: optional "-", digits, optional "." and digits. No exponent, no "+". */
  static readonly CANONICAL = /^-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?$/;
  static readonly PLAIN = /^([+-]?)([0-9]+)(?:\.([0-9]+))?$/;

  /** Parses a plain decimal string ("-12.50", "640"). Throws RangeError on anything else. */
  static parse(text: string): Decimal {
    const m = Decimal.PLAIN.exec(text);
    if (!m) throw new RangeError(`not a plain decimal: ${JSON.stringify(text.slice(0, 40))}`);
    const frac = m[3] ?? "";
    const coef = BigInt((m[2] ?? "0") + frac);
    return new Decimal(m[1] === "-" ? -coef : coef, -frac.length);
  }

  static tryParse(text: string): Decimal | undefined {
    return Decimal.PLAIN.test(text) ? Decimal.parse(text) : undefined;
  }

  /** Multiplies by 10^k exactly. */
  shift(k: number): Decimal {
    return new Decimal(this.coef, this.exp + k);
  }

  neg(): Decimal {
    return new Decimal(-this.coef, this.exp);
  }

  abs(): Decimal {
    return this.coef < 0n ? this.neg() : this;
  }

  sign(): -1 | 0 | 1 {
    return this.coef === 0n ? 0 : this.coef < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.coef === 0n;
  }

  add(other: Decimal): Decimal {
    const e = Math.min(this.exp, other.exp);
    return new Decimal(this.scaledTo(e) + other.scaledTo(e), e);
  }

  sub(other: Decimal): Decimal {
    return this.add(other.neg());
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.coef * other.coef, this.exp + other.exp);
  }

  cmp(other: Decimal): -1 | 0 | 1 {
    const e = Math.min(this.exp, other.exp);
    const a = this.scaledTo(e);
    const b = other.scaledTo(e);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }

  /** Number of digits after the decimal point in the canonical form. */
  scale(): number {
    return this.exp < 0 ? -this.exp : 0;
  }

  /** Coefficient at exponent e (e ≤ this.exp). */
  scaledTo(e: number): bigint {
    if (e > this.exp) throw new RangeError("scaledTo would lose digits");
    return this.coef * 10n ** BigInt(this.exp - e);
  }

  toRational(): Rational {
    return this.exp >= 0
      ? Rational.of(this.coef * 10n ** BigInt(this.exp), 1n)
      : Rational.of(this.coef, 10n ** BigInt(-this.exp));
  }

  /** Canonical plain decimal string: "1689300000000", "67.88", "-3.43", "0". */
  toString(): string {
    if (this.exp >= 0) return (this.coef * 10n ** BigInt(this.exp)).toString();
    const neg = this.coef < 0n;
    const digits = (neg ? -this.coef : this.coef).toString().padStart(-this.exp + 1, "0");
    const cut = digits.length + this.exp;
    return `${neg ? "-" : ""}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }

  /** Fixed number of decimals, rounding half away from zero (for display only). */
  toFixed(decimals: number): string {
    return this.toRational().toFixed(decimals);
  }

  /** Nearest float, for charts only; never for published values. */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  // Both below 2^53 (the common case: figures in base units, powers of ten): Euclid on doubles, whose
  // remainder of integers below 2^53 is exact, about ten times faster than on BigInts.
  if (a <= SAFE && b <= SAFE) {
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const r = x % y;
      x = y;
      y = r;
    }
    return BigInt(x);
  }
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Exact fractions, for the arithmetic that division brings (implied plans, growth). */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint, den: bigint): Rational {
    // Whole numbers are the common case (base units): canonical already, no gcd to take.
    if (den === 1n) return new Rational(num, 1n);
    if (den === 0n) throw new RangeError("division by zero");
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den) || 1n;
    return new Rational(num / g, den / g);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num - o.num, this.den);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const same = this.den === o.den;
    const a = same ? this.num : this.num * o.den;
    const b = same ? o.num : o.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }
  static min(a: Rational, b: Rational): Rational {
    return a.cmp(b) <= 0 ? a : b;
  }
  static max(a: Rational, b: Rational): Rational {
    return a.cmp(b) >= 0 ? a : b;
  }

  /** Rounds half away from zero to a fixed number of decimals. */
  toFixed(decimals: number): string {
    const scale = 10n ** BigInt(decimals);
    const neg = this.num < 0n;
    const n = (neg ? -this.num : this.num) * scale;
    let q = n / this.den;
    if ((n % this.den) * 2n >= this.den) q += 1n;
    const d = Decimal.of(neg ? -q : q, -decimals);
    const s = d.toString();
    if (decimals === 0) return s;
    const [int, frac = ""] = s.split(".");
    return `${int}.${frac.padEnd(decimals, "0")}`;
  }

  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }
}

/**
 * The closed interval a printed figure stands for: printed with `decimals` decimals, in base units
 * after scaling by 10^unitMult, it is [x − ½·10^(unitMult−decimals), x + ½·10^(unitMult−decimals)].
 */
export class Interval {
  readonly lo: Rational;
  readonly hi: Rational;

  constructor(lo: Rational, hi: Rational) {
    if (lo.cmp(hi) > 0) throw new RangeError("interval with lo > hi");
    this.lo = lo;
    this.hi = hi;
  }

  static exact(x: Rational): Interval {
    return new Interval(x, x);
  }

  /** The rounding interval of a printed figure (value in base units). */
  static rounding(value: Decimal, unitMult: number, decimals: number): Interval {
    const x = value.toRational();
    const half = Decimal.of(5n, unitMult - decimals - 1).toRational();
    return new Interval(x.sub(half), x.add(half));
  }

  add(o: Interval): Interval {
    return new Interval(this.lo.add(o.lo), this.hi.add(o.hi));
  }
  sub(o: Interval): Interval {
    return new Interval(this.lo.sub(o.hi), this.hi.sub(o.lo));
  }
  /** Division by an interval that lies strictly on one side of zero, both positive here. */
  divPositive(o: Interval): Interval {
    if (o.lo.sign() <= 0 || this.lo.sign() < 0) throw new RangeError("divPositive needs positive intervals");
    return new Interval(this.lo.div(o.hi), this.hi.div(o.lo));
  }
  scale(k: Rational): Interval {
    const a = this.lo.mul(k);
    const b = this.hi.mul(k);
    return k.sign() >= 0 ? new Interval(a, b) : new Interval(b, a);
  }
  meets(o: Interval): boolean {
    return this.lo.cmp(o.hi) <= 0 && o.lo.cmp(this.hi) <= 0;
  }
  intersect(o: Interval): Interval | undefined {
    return this.meets(o) ? new Interval(Rational.max(this.lo, o.lo), Rational.min(this.hi, o.hi)) : undefined;
  }
  contains(x: Rational): boolean {
    return this.lo.cmp(x) <= 0 && x.cmp(this.hi) <= 0;
  }
  /** "[a, b]" with a fixed number of decimals, for messages. */
  format(decimals = 2): string {
    return `[${this.lo.toFixed(decimals)}, ${this.hi.toFixed(decimals)}]`;
  }
}

/**
 * Vietnamese print form with a fixed number of decimals: "." groups thousands, "," marks decimals
 * (other marks on request). Rounds half away from zero; for display and messages.
 *
 * @example
 * formatVi(Decimal.parse("1689.3"), 1) // "1.689,3"
 */
export function formatVi(x: Decimal | Rational, decimals: number, marks: { readonly group: string; readonly decimal: string } = VI_MARKS): string {
  const fixed = (x instanceof Decimal ? x.toRational() : x).toFixed(decimals);
  const neg = fixed.startsWith("-");
  const [int = "0", frac] = (neg ? fixed.slice(1) : fixed).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, marks.group);
  return `${neg ? "-" : ""}${grouped}${frac ? `${marks.decimal}${frac}` : ""}`;
}

const VI_MARKS = { group: ".", decimal: "," } as const;
