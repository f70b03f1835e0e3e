import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkQuote } from "./quotes.js";

const SNAPSHOT = readFileSync(join(import.meta.dirname, "..", "..", "..", "..", "pipelines", "lang-son", "sources", "lang-son-2023-q1.vi.txt"), "utf8").normalize("NFC");

const figure = (quote: string, valueText = "1", unitText = "") => ({ file: "observations.csv", row: 2, source: "s", valueText, unitText, quote });
const codes = (quote: string, text: string) => checkQuote(figure(quote), text).map((i) => i.code);

describe("checkQuote", () => {
  it("finds a verbatim span of the real report and names the numbers of a wrong one", () => {
    const quote = SNAPSHOT.slice(1000, 1080);
    expect(codes(quote, SNAPSHOT)).not.toContain("quote-not-in-source");
    expect(codes(`${quote}§`, SNAPSHOT)).toContain("quote-not-in-source");
    const issues = checkQuote(figure("xuất khẩu 1.689,3 tỷ đồng", "1.689,2", "tỷ đồng"), "Kim ngạch xuất khẩu 1.689,3 tỷ đồng.");
    expect(issues.map((i) => i.code)).toEqual(["quote-number-mismatch"]);
    expect(issues[0]!.expected).toBe("one of 1.689,3");
  });

  it("finds every quote wherever it stands, in any order of rows, as a plain search does", () => {
    // The search starts where the last quote of the same snapshot stood: quotes before it, after it,
    // repeated, absent, and other snapshots in between must all get the answer of text.includes.
    const other = "Một báo cáo khác: 12,5 tỷ đồng.";
    const span = fc.tuple(fc.nat({ max: SNAPSHOT.length - 1 }), fc.integer({ min: 1, max: 120 })).map(([at, n]) => SNAPSHOT.slice(at, at + n));
    const step = fc.oneof(
      span.map((quote) => ({ quote, text: SNAPSHOT })),
      span.map((quote) => ({ quote: `${quote}§`, text: SNAPSHOT })),
      fc.string({ maxLength: 6 }).map((quote) => ({ quote, text: SNAPSHOT })),
      fc.constantFrom("12,5 tỷ", "tỷ đồng", "khác").map((quote) => ({ quote, text: other })),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        for (const { quote, text } of steps) {
          const found = !codes(quote, text).includes("quote-not-in-source");
          expect(found).toBe(text.includes(quote.normalize("NFC")));
        }
      }),
      { numRuns: 300 },
    );
  });
});
