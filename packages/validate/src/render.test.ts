import type { Issue } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { makeReport } from "./report.js";
import { renderJson, renderMarkdown, renderTerminal } from "./render.js";

const issues: Issue[] = [
  {
    code: "totals-residual",
    severity: "warning",
    rule: "budget-revenue-total",
    message: "totals: the source leaves 1,30 tỷ đồng (0,08 % of the total) of BUDGET_REVENUE_TOTAL unitemized",
    location: { file: "pipelines/lang-son/pipeline.json", dataset: "lang-son-budget-revenue", indicator: "BUDGET_REVENUE_TOTAL", period: "2023-Q1" },
    expected: "residual ≥ 0 (declared partly itemized)",
    found: "residual [0,25 tỷ đồng, 2,35 tỷ đồng]",
  },
  {
    code: "quote-number-mismatch",
    severity: "error",
    message: 'value_text 6.698,12 is not a number the quote states; the quote "số tiền xử lý vi phạm hành chính 6.698,21 triệu đồng" states 6.698,21',
    location: { file: "pipelines/lang-son/observations.csv", row: 24, column: "value_text" },
    expected: "one of 6.698,21",
    found: "6.698,12",
  },
];
const report = makeReport(issues, { pipelines: 1, datasets: 8, observations: 65, rules: 3 });

describe("rendered reports", () => {
  it("orders errors first and counts them", () => {
    expect(report.valid).toBe(false);
    expect(report.stats).toEqual({ pipelines: 1, datasets: 8, observations: 65, rules: 3, errors: 1, warnings: 1 });
    expect(report.issues.map((i) => i.code)).toEqual(["quote-number-mismatch", "totals-residual"]);
  });

  it("terminal, plain", () => {
    expect(renderTerminal(report)).toMatchInlineSnapshot(`
      "pipelines/lang-son/observations.csv
        error   quote-number-mismatch row 24, value_text: value_text 6.698,12 is not a number the quote states; the quote "số tiền xử lý vi phạm hành chính 6.698,21 triệu đồng" states 6.698,21
                expected: one of 6.698,21
                found:    6.698,12
      pipelines/lang-son/pipeline.json
        warning totals-residual [budget-revenue-total] totals: the source leaves 1,30 tỷ đồng (0,08 % of the total) of BUDGET_REVENUE_TOTAL unitemized
                expected: residual ≥ 0 (declared partly itemized)
                found:    residual [0,25 tỷ đồng, 2,35 tỷ đồng]
      ✗ check failed: 65 observations in 8 datasets, 3 rules: 1 error, 1 warning
      "
    `);
  });

  it("terminal colours only when asked", () => {
    expect(renderTerminal(report)).not.toContain("\u001b[");
    expect(renderTerminal(report, { color: true })).toContain("\u001b[31m");
  });

  it("markdown for a pull request, with cells escaped", () => {
    expect(renderMarkdown(report)).toMatchInlineSnapshot(`
      "### ❌ Check failed

      65 observations in 8 datasets, 3 rules: 1 error, 1 warning

      | | code | where | message | expected | found |
      |---|---|---|---|---|---|
      | ❌ | \`quote-number-mismatch\` | pipelines/lang-son/observations.csv:24 [value_text] | value_text 6.698,12 is not a number the quote states; the quote "số tiền xử lý vi phạm hành chính 6.698,21 triệu đồng" states 6.698,21 | one of 6.698,21 | 6.698,12 |
      | ⚠️ | \`totals-residual\` (budget-revenue-total) | pipelines/lang-son/pipeline.json · lang-son-budget-revenue / BUDGET_REVENUE_TOTAL / 2023-Q1 | totals: the source leaves 1,30 tỷ đồng (0,08 % of the total) of BUDGET_REVENUE_TOTAL unitemized | residual ≥ 0 (declared partly itemized) | residual [0,25 tỷ đồng, 2,35 tỷ đồng] |

      "
    `);
    const hostile = makeReport([{ ...issues[1]!, message: "a | b <script>" }], { pipelines: 1, datasets: 1, observations: 1, rules: 0 });
    expect(renderMarkdown(hostile)).toContain("a \\| b &lt;script&gt;");
  });

  it("JSON is the report model itself", () => {
    expect(JSON.parse(renderJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
