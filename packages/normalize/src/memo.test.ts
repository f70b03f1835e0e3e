import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseComparison } from "./comparison.js";
import { memoize } from "./memo.js";
import { comparisonPhrase } from "./observation.js";
import { parsePeriod } from "./period.js";
import { parseStatus } from "./status.js";
import { parseUnitWords } from "./unit.js";

describe("memoize", () => {
  it("returns what the function returns, whatever the order of calls and however often the cache starts over", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (keys, limit) => {
        const fn = (k: string) => ({ k, n: k.length });
        const memo = memoize(fn, limit);
        for (const k of keys) expect(memo(k)).toEqual(fn(k));
      }),
    );
  });

  it("keeps the reference year in a period's key", () => {
    expect(parsePeriod("quý I", { year: 2023 })).toEqual({ ok: true, value: { timePeriod: "2023-Q1", kind: "quarter" } });
    expect(parsePeriod("quý I", { year: 2024 })).toEqual({ ok: true, value: { timePeriod: "2024-Q1", kind: "quarter" } });
    expect(parsePeriod("quý I").ok).toBe(false);
    expect(parsePeriod("quý I/2022", { year: 2024 })).toEqual(parsePeriod("quý I/2022"));
  });

  it("gives the memoized parsers' answers again on a second call", () => {
    const words = fc.constantFrom("tỷ đồng", "triệu USD", "nghìn lượt", "%", "tỷ đông", "ước đạt", "sơ bộ", "quý I", "tháng 3/2023", "6 tháng", "", " Tỷ  Đồng ");
    fc.assert(
      fc.property(words, fc.option(fc.integer({ min: 900, max: 2100 }), { nil: undefined }), (text, year) => {
        expect(parseUnitWords(text)).toEqual(parseUnitWords(text));
        expect(parseStatus(text)).toBe(parseStatus(text));
        expect(parsePeriod(text, { year })).toEqual(parsePeriod(text, year === undefined ? {} : { year }));
      }),
    );
  });
});

describe("comparisonPhrase", () => {
  // The definition it is measured against: one pattern per number, as before the fast path.
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const reference = (quote: string, valueText: string) =>
    [...quote.normalize("NFC").matchAll(new RegExp(`(?:tăng|giảm|đạt|bằng)\\s+${escapeRegExp(valueText)}\\s*%[^,;)(]*?(?=\\s+và\\s|[,;)(]|$)`, "giu"))].map((m) =>
      m[0].trim(),
    );

  it("finds the phrases one pattern per number finds, for plain numbers and others", () => {
    const number = fc.constantFrom("5", "5,5", "6", "15", "1.5", "5.", "8,46", "20", "-5", "5 000", "a", "(5)");
    const piece = fc.oneof(number, fc.constantFrom("tăng ", "Giảm ", "đạt\u00A0", "bằng  ", "%", " % ", "kế hoạch", ", ", "; ", " và ", "(", ")", " so cùng kỳ ", "TĂNG ", " "));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), number, (pieces, valueText) => {
        const quote = pieces.join("");
        const expected = reference(quote, valueText);
        expect(comparisonPhrase(quote, valueText)).toBe(expected[0]);
        const yoy = expected.find((p) => {
          const parsed = parseComparison(p);
          return parsed.ok && parsed.value.measure === "YOY_GROWTH";
        });
        expect(comparisonPhrase(quote, valueText, "YOY_GROWTH")).toBe(yoy ?? expected[0]);
      }),
      { numRuns: 3000 },
    );
  });

  it("finds a phrase that another number's phrase contains", () => {
    expect(comparisonPhrase("tăng 6% so với tăng 5%", "5")).toBe("tăng 5%");
    expect(comparisonPhrase("tăng 6% so với tăng 5%", "6")).toBe("tăng 6% so với tăng 5%");
  });
});
