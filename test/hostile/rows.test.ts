import { copyFile, rm, symlink, writeFile } from "node:fs/promises";
import { parseNumber } from "@langson-open-data/normalize";
import type { Issue } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import {
  CORRECTIONS,
  CORRECTION_HEADER,
  FIXTURES,
  OBS,
  PIPELINE_JSON,
  type ProjectCopy,
  SOURCES_JSON,
  at,
  finding,
  findings,
  plantRow,
  withProject,
} from "./_project.js";

// Rows, identifiers, rules and corrections: each case is planted in a copy of the real pipeline and
// checked with the CLI's loadProject, the code path of `npm run check` and `npm start`.

const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
/** The findings at one row of observations.csv, pinned exactly (code order, so the list is stable). */
const rowFindings = (issues: Issue[], row: number, file = OBS) => at(issues, file, row).map(finding).sort(byCode);
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === "error");

async function editJson(project: ProjectCopy, path: string, edit: (json: any) => void): Promise<void> {
  const json = JSON.parse(await project.read(path));
  edit(json);
  await project.write(path, `${JSON.stringify(json, null, 2)}\n`);
}

/** A Q2 export figure whose value and quote are `printed`, stated by a new source that prints it. */
const plantExport = (project: ProjectCopy, printed: string) =>
  plantRow(project, `TRADE_EXPORT,LEVEL,VN-09,quý II,"${printed}",triệu USD,,hostile,"xuất khẩu ${printed} triệu USD"`, `Quý II, xuất khẩu ${printed} triệu USD.`);

const value = (row: number, code: string, expected: string, found: string) => ({ code, location: { file: OBS, row, column: "value_text" }, expected, found });
const MALFORMED = 'digits, "." between groups of three, "," before decimals';

describe("numbers", () => {
  it('"1.2.3": number-bad-grouping at value_text', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "1.2.3");
      expect(rowFindings(await findings(p), row)).toEqual([value(row, "number-bad-grouping", "groups of three digits", "1.2.3")]);
    }));

  it('"1,,5": number-multiple-decimal-marks at value_text (and the quote states no such number)', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "1,,5");
      expect(rowFindings(await findings(p), row)).toEqual([
        value(row, "number-multiple-decimal-marks", 'at most one ","', "1,,5"),
        value(row, "quote-number-mismatch", "one of 1, 5", "1,,5"),
      ]);
    }));

  it('"--5": number-bad-sign at value_text', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "--5");
      expect(rowFindings(await findings(p), row)).toEqual([value(row, "number-bad-sign", "at most one sign", "--5"), value(row, "quote-number-mismatch", "one of 5", "--5")]);
    }));

  it('"1e309": number-malformed (exponent) at value_text, never Infinity', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "1e309");
      const issues = await findings(p);
      expect(rowFindings(issues, row)).toEqual([value(row, "number-malformed", MALFORMED, "1e309"), value(row, "quote-number-mismatch", "one of 1, 309", "1e309")]);
      expect(at(issues, OBS, row).find((i) => i.code === "number-malformed")!.message).toContain("exponent notation");
    }));

  it('"NaN": number-malformed (a number word) at value_text', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "NaN");
      expect(rowFindings(await findings(p), row)).toEqual([value(row, "number-malformed", MALFORMED, "NaN"), value(row, "quote-number-mismatch", "a number stated in the quote", "NaN")]);
    }));

  it('"Infinity": number-malformed (a number word) at value_text', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "Infinity");
      expect(rowFindings(await findings(p), row)).toEqual([
        value(row, "number-malformed", MALFORMED, "Infinity"),
        value(row, "quote-number-mismatch", "a number stated in the quote", "Infinity"),
      ]);
    }));

  it('"0x10": number-malformed (hexadecimal) at value_text, never 16', () =>
    withProject(async (p) => {
      const row = await plantExport(p, "0x10");
      const issues = await findings(p);
      expect(rowFindings(issues, row)).toEqual([value(row, "number-malformed", MALFORMED, "0x10"), value(row, "quote-number-mismatch", "one of 0, 10", "0x10")]);
      expect(at(issues, OBS, row).find((i) => i.code === "number-malformed")!.message).toContain("hexadecimal");
    }));

  it('"-0" parses to 0 (never a negative zero in output); in a row, the quote check flags it, as no report prints "-0"', () =>
    withProject(async (p) => {
      const parsed = parseNumber("-0");
      expect(parsed.ok && parsed.value.value.toString()).toBe("0");
      const row = await plantRow(p, "MARKET_CONTROL_PROSECUTED_CASES,LEVEL,VN-09,quý II,-0,vụ,,hostile,khởi tố -0 vụ", "Quý II, khởi tố -0 vụ.");
      expect(rowFindings(await findings(p), row)).toEqual([value(row, "quote-number-mismatch", "one of 0", "-0")]);
    }));

  it("a negative count: negative-count at value_text", () =>
    withProject(async (p) => {
      const row = await plantRow(p, "MARKET_CONTROL_PROSECUTED_CASES,LEVEL,VN-09,quý II,-5,vụ,,hostile,khởi tố -5 vụ", "Quý II, khởi tố -5 vụ.");
      expect(rowFindings(await findings(p), row)).toEqual([
        value(row, "negative-count", "0 or more", "-5"),
        // The quote check reads numbers without their sign (see the report: quotes.ts).
        value(row, "quote-number-mismatch", "one of 5", "-5"),
      ]);
    }));

  it("a share over 100 %: share-out-of-range at value_text", () =>
    withProject(async (p) => {
      const row = await plantRow(
        p,
        "DIGITAL_SIGNATURE_AGENCY_COVERAGE,LEVEL,VN-09,quý II/2023,120,%,,hostile,chữ ký số được triển khai đến 120% cơ quan",
        "Quý II, chữ ký số được triển khai đến 120% cơ quan nhà nước.",
      );
      expect(rowFindings(await findings(p), row)).toEqual([value(row, "share-out-of-range", "0 to 100", "120 %")]);
    }));

  it("a value beyond 2^53 in base units is accepted exactly (published in output.test.ts)", () =>
    withProject(async (p) => {
      const row = await plantRow(p, "INVESTMENT_NEW_PROJECTS_CAPITAL,LEVEL,VN-09,quý II,9.007.199.254.740.993,đồng,,hostile,vốn 9.007.199.254.740.993 đồng", "Quý II, vốn 9.007.199.254.740.993 đồng.");
      const issues = await findings(p);
      expect(rowFindings(issues, row)).toEqual([]);
      expect(errors(issues)).toEqual([]);
    }));

  it("zero-width characters in a code and a number, a non-breaking space after it: read as TRADE_EXPORT 300, no finding", () =>
    withProject(async (p) => {
      await p.replace(OBS, "TRADE_EXPORT,LEVEL,VN-09,quý I,300,", "\u200BTRADE_\u200BEXPORT\u2060,LEVEL,VN-09,quý I,3\u200B00\u00A0,");
      expect(errors(await findings(p))).toEqual([]);
    }));

  it("a left-to-right mark inside a number: number-malformed at value_text, the invisible character named by its code point", () =>
    withProject(async (p) => {
      const row = await plantExport(p, "3\u200E10");
      const issues = at(await findings(p), OBS, row);
      expect(issues.map(finding).sort(byCode)).toEqual([
        value(row, "number-malformed", MALFORMED, "3\u200E10"),
        value(row, "quote-number-mismatch", "one of 3, 10", "3\u200E10"),
      ]);
      expect(issues.find((i) => i.code === "number-malformed")!.message).toContain('contains "\u200E" (U+200E)');
    }));

  it("a non-breaking space inside a code: schema-pattern at row 6, column indicator, the space shown as \\u00A0", () =>
    withProject(async (p) => {
      await p.replace(OBS, "TRADE_EXPORT,LEVEL,VN-09,quý I,300,", "TRADE\u00A0EXPORT,LEVEL,VN-09,quý I,300,");
      expect(rowFindings(await findings(p), 6)).toEqual([
        { code: "schema-pattern", location: { file: OBS, row: 6, column: "indicator" }, expected: "text matching ^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$", found: '"TRADE\\u00A0EXPORT"' },
      ]);
    }));
});

describe("identifiers", () => {
  it("path traversal in a dataset id (../../evil): schema-pattern at pipeline.json datasets.0.id; nothing else is read", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => (j.datasets[0].id = "../../evil"));
      expect(errors(await findings(p)).map(finding)).toEqual([
        { code: "schema-pattern", location: { file: PIPELINE_JSON, row: undefined, column: "datasets.0.id" }, expected: "text matching ^[a-z0-9]+(?:-[a-z0-9]+)*$", found: '"../../evil"' },
      ]);
    }));

  it("path traversal in the pipeline id (../x): schema-pattern at pipeline.json id", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => (j.id = "../x"));
      expect(errors(await findings(p)).map(finding)).toEqual([
        { code: "schema-pattern", location: { file: PIPELINE_JSON, row: undefined, column: "id" }, expected: "text matching ^[a-z0-9]+(?:-[a-z0-9]+)*$", found: '"../x"' },
      ]);
    }));

  it("path traversal in a source id (../x): schema-pattern at sources.json sources.0.id", () =>
    withProject(async (p) => {
      await editJson(p, SOURCES_JSON, (j) => (j.sources[0].id = "../x"));
      expect(errors(await findings(p)).map(finding).filter((f) => f.code !== "source-unknown")).toEqual([
        { code: "schema-pattern", location: { file: SOURCES_JSON, row: undefined, column: "sources.0.id" }, expected: "text matching ^[a-z0-9]+(?:-[a-z0-9]+)*$", found: '"../x"' },
      ]);
    }));

  it("path traversal in a snapshot path (../pipeline.json): schema-pattern at sources.json sources.0.path", () =>
    withProject(async (p) => {
      await editJson(p, SOURCES_JSON, (j) => (j.sources[0].path = "../pipeline.json"));
      expect(errors(await findings(p)).map(finding).filter((f) => f.code !== "source-unknown")).toEqual([
        { code: "schema-pattern", location: { file: SOURCES_JSON, row: undefined, column: "sources.0.path" }, expected: "text matching ^[A-Za-z0-9_-][A-Za-z0-9._-]*$", found: '"../pipeline.json"' },
      ]);
    }));

  it('a snapshot path ".." is refused by the schema (and ingest refuses it again before reading)', () =>
    withProject(async (p) => {
      await editJson(p, SOURCES_JSON, (j) => (j.sources[0].path = ".."));
      const issues = errors(await findings(p));
      expect(issues.map(finding).filter((f) => f.code !== "source-unknown")).toEqual([
        { code: "schema-pattern", location: { file: SOURCES_JSON, row: undefined, column: "sources.0.path" }, expected: "text matching ^[A-Za-z0-9_-][A-Za-z0-9._-]*$", found: '".."' },
      ]);
      // Every row quoting that source then says so, once per row.
      expect(issues.filter((i) => i.code === "source-unknown")).toHaveLength(65);
    }));

  it("a snapshot path that is a reserved device name (NUL.txt): source-path-invalid", () =>
    withProject(async (p) => {
      await editJson(p, SOURCES_JSON, (j) => (j.sources[0].path = "NUL.txt"));
      const issue = errors(await findings(p)).find((i) => i.code === "source-path-invalid");
      expect(issue && finding(issue)).toMatchObject({ location: { file: SOURCES_JSON, column: "sources.0.path" }, found: "NUL.txt" });
      expect(issue!.message).toContain("a name Windows reserves for a device");
    }));

  it('a dataset id that is a reserved device name ("con", a folder Windows cannot create): id-reserved at pipeline.json', () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => (j.datasets[0].id = "con"));
      expect(errors(await findings(p)).map(finding)).toEqual([
        { code: "id-reserved", location: { file: PIPELINE_JSON, row: undefined, column: "datasets.0.id" }, expected: "an id that is not a reserved device name", found: "con" },
      ]);
    }));

  it("__proto__ and constructor keys in pipeline.json: schema-additional-properties each, and no prototype is polluted", () =>
    withProject(async (p) => {
      const text = await p.read(PIPELINE_JSON);
      await p.write(PIPELINE_JSON, text.replace("{", '{\n  "__proto__": { "polluted": "yes" },\n  "constructor": { "prototype": { "polluted": "yes" } },'));
      const issues = errors(await findings(p));
      expect(issues.map((i) => [i.code, i.location])).toEqual([
        ["schema-additional-properties", { file: PIPELINE_JSON, column: "__proto__" }],
        ["schema-additional-properties", { file: PIPELINE_JSON, column: "constructor" }],
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
    }));

  it("a __proto__ key inside a sources.json record: schema-additional-properties at sources.0.__proto__, no pollution", () =>
    withProject(async (p) => {
      const text = await p.read(SOURCES_JSON);
      await p.write(SOURCES_JSON, text.replace('"id": "lang-son-2023-q1",', '"id": "lang-son-2023-q1",\n      "__proto__": { "polluted": "yes" },'));
      const issues = errors(await findings(p)).filter((i) => i.code !== "source-unknown");
      expect(issues.map((i) => [i.code, i.location])).toEqual([["schema-additional-properties", { file: SOURCES_JSON, column: "__proto__" }]]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }));

  it("a __proto__ column in observations.csv: csv-unknown-column (and the missing indicator column), no pollution", () =>
    withProject(async (p) => {
      await p.write(OBS, (await p.read(OBS)).replace("indicator,", "__proto__,"));
      expect(errors(await findings(p)).map(finding).sort(byCode)).toEqual([
        {
          code: "csv-missing-column",
          location: { file: OBS, row: 1, column: "indicator" },
          expected: "indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote",
          found: "__proto__,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote",
        },
        {
          code: "csv-unknown-column",
          location: { file: OBS, row: 1, column: "__proto__" },
          expected: "indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote",
          found: "__proto__",
        },
      ]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }));

  it("an absurdly long dataset id (100 000 characters): schema-max-length, the echo truncated", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => (j.datasets[0].id = "a".repeat(100_000)));
      const issues = errors(await findings(p));
      expect(issues.map((i) => [i.code, i.location, i.expected])).toEqual([["schema-max-length", { file: PIPELINE_JSON, column: "datasets.0.id" }, "must NOT have more than 64 characters"]]);
      expect(issues[0]!.found!.length).toBeLessThanOrEqual(80);
    }));

  it("an absurdly long source id in a row (50 000 characters): schema-max-length at row 6, column source", () =>
    withProject(async (p) => {
      await p.replace(OBS, "TRADE_EXPORT,LEVEL,VN-09,quý I,300,triệu USD,ước đạt,lang-son-2023-q1", `TRADE_EXPORT,LEVEL,VN-09,quý I,300,triệu USD,ước đạt,${"x".repeat(50_000)}`);
      const issues = at(await findings(p), OBS, 6);
      expect(issues.map((i) => [i.code, i.location, i.expected])).toEqual([["schema-max-length", { file: OBS, row: 6, column: "source" }, "must NOT have more than 64 characters"]]);
      expect(issues[0]!.found!.length).toBeLessThanOrEqual(80);
    }));
});

describe("rules and corrections", () => {
  const CORRECTION = "TRADE_EXPORT,LEVEL,VN-09,2023-Q1,lang-son-2023-q1,300000000,305,triệu USD,Typo.,,,Báo cáo số 1,A,2023-05-02\n";

  it("a duplicate figure key in observations.csv: duplicate-observation at the second row, naming the first", () =>
    withProject(async (p) => {
      const text = await p.read(OBS);
      const line = text.split("\n").find((l) => l.startsWith("TRADE_EXPORT,LEVEL,"))!;
      await p.write(OBS, `${text}${line}\n`);
      expect(rowFindings(await findings(p), 67)).toEqual([
        { code: "duplicate-observation", location: { file: OBS, row: 67, column: undefined }, expected: "one row per indicator × measure × area × period × source", found: "rows 6 and 67" },
      ]);
    }));

  it("a duplicate key in pipeline.json (reference_year twice): json-duplicate-key at line 8, the first value would be lost silently", () =>
    withProject(async (p) => {
      await p.write(PIPELINE_JSON, (await p.read(PIPELINE_JSON)).replace('"reference_year": 2023,', '"reference_year": 2023,\n  "reference_year": 2022,'));
      expect(errors(await findings(p)).map(finding)).toEqual([
        { code: "json-duplicate-key", location: { file: PIPELINE_JSON, row: 8, column: "reference_year" }, expected: "each key once per object", found: "lines 7 and 8" },
      ]);
    }));

  it("a duplicate rule id: rule-duplicate-id", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => j.rules.push({ ...j.rules[0] }));
      const issues = errors(await findings(p));
      expect(issues.map((i) => [i.code, i.rule, i.location])).toEqual([["rule-duplicate-id", "trade-total", { file: PIPELINE_JSON }]]);
    }));

  it("a duplicate correction: correction-duplicate at corrections.csv row 3, naming row 2", () =>
    withProject(async (p) => {
      await p.write(CORRECTIONS, `${CORRECTION_HEADER}${CORRECTION}${CORRECTION}`);
      expect(rowFindings(await findings(p), 3, CORRECTIONS)).toEqual([
        { code: "correction-duplicate", location: { file: CORRECTIONS, row: 3, column: undefined }, expected: undefined, found: "rows 2 and 3" },
      ]);
    }));

  it("a correction targeting nothing: correction-target-missing at corrections.csv row 2, column indicator", () =>
    withProject(async (p) => {
      await p.write(CORRECTIONS, `${CORRECTION_HEADER}${CORRECTION.replace("2023-Q1", "2023-Q2")}`);
      expect(errors(await findings(p)).map(finding)).toEqual([
        {
          code: "correction-target-missing",
          location: { file: CORRECTIONS, row: 2, column: "indicator" },
          expected: "the key of a published figure",
          found: "TRADE_EXPORT|LEVEL|VN-09|2023-Q2|lang-son-2023-q1",
        },
      ]);
    }));

  it("a correction that changes a unit: correction-changes-unit at corrections.csv row 2, column unit_text, USD → VND", () =>
    withProject(async (p) => {
      await p.write(CORRECTIONS, `${CORRECTION_HEADER}${CORRECTION.replace("triệu USD", "tỷ đồng")}`);
      expect(errors(await findings(p)).map(finding)).toEqual([{ code: "correction-changes-unit", location: { file: CORRECTIONS, row: 2, column: "unit_text" }, expected: "USD", found: "VND" }]);
    }));

  it("a rule naming an unknown indicator: rule-unknown-indicator", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => j.rules.push({ id: "ghost", type: "totals", total: "TRADE_GHOST", components: ["TRADE_EXPORT"], itemized: "full", plans: false }));
      const issues = errors(await findings(p));
      expect(issues.map((i) => [i.code, i.rule, i.location, i.found])).toEqual([["rule-unknown-indicator", "ghost", { file: PIPELINE_JSON, indicator: "TRADE_GHOST" }, "TRADE_GHOST"]]);
    }));

  it("a cycle in totals rules: rule-cycle naming the loop", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => j.rules.push({ id: "loop", type: "totals", total: "TRADE_EXPORT", components: ["TRADE_TOTAL"], itemized: "partial", plans: false }));
      const cycle = errors(await findings(p)).filter((i) => i.code === "rule-cycle");
      expect(cycle.map((i) => [i.location, i.found])).toEqual([[{ file: PIPELINE_JSON, indicator: "TRADE_TOTAL" }, "TRADE_TOTAL → TRADE_EXPORT → TRADE_TOTAL"]]);
    }));

  it("a total that is its own component: rule-cycle on the rule", () =>
    withProject(async (p) => {
      await editJson(p, PIPELINE_JSON, (j) => j.rules.push({ id: "self", type: "totals", total: "TRADE_TOTAL", components: ["TRADE_TOTAL"], itemized: "full", plans: false }));
      const cycle = errors(await findings(p)).filter((i) => i.code === "rule-cycle");
      expect(cycle.map((i) => [i.rule, i.location])).toContainEqual(["self", { file: PIPELINE_JSON, indicator: "TRADE_TOTAL" }]);
    }));
});

describe("input files", () => {
  it("the real observations.csv and corrections.csv saved by Excel (BOM, CRLF) and in NFD check exactly as the originals", () =>
    withProject(async (p) => {
      const before = (await findings(p)).map(finding);
      for (const f of [OBS, CORRECTIONS]) await p.write(f, `\uFEFF${(await p.read(f)).normalize("NFD").replace(/\n/g, "\r\n")}`);
      expect((await findings(p)).map(finding)).toEqual(before);
    }));

  it("observations.csv missing: file-missing, not a crash", () =>
    withProject(async (p) => {
      await rm(`${p.root}/${OBS}`);
      const issues = errors(await findings(p));
      expect(issues.map((i) => [i.code, i.location])).toEqual([["file-missing", { file: OBS }]]);
    }));

  it("observations.csv as a symbolic link (to a file of the machine running CI): file-not-plain, never read", () =>
    withProject(async (p) => {
      // A file outside the project, standing for a secret of the machine running CI.
      await writeFile(`${p.root}/secret.txt`, "indicator,measure,ref_area,period_text,value_text,unit_text,status_text,source,quote\nSECRET_TOKEN,LEVEL,VN-09,quý I,1,vụ,,s,q\n");
      await rm(`${p.root}/${OBS}`);
      await symlink(`${p.root}/secret.txt`, `${p.root}/${OBS}`);
      const issues = errors(await findings(p));
      expect(issues.map(finding)).toEqual([{ code: "file-not-plain", location: { file: OBS, row: undefined, column: undefined }, expected: "a plain file", found: "a symbolic link" }]);
    }));

  it("pipeline.json in Windows-1258: encoding-not-utf8 at its line, never read with replacement characters", () =>
    withProject(async (p) => {
      await copyFile(`${FIXTURES}/json/windows-1258.json`, `${p.root}/${PIPELINE_JSON}`);
      expect(errors(await findings(p)).map(finding)).toEqual([
        { code: "encoding-not-utf8", location: { file: PIPELINE_JSON, row: 4, column: undefined }, expected: "UTF-8 (with or without BOM)", found: "Windows-1258" },
      ]);
    }));

  it("pipeline.json with a syntax error: json-invalid at its line, whatever Node's message says", () =>
    withProject(async (p) => {
      await p.write(PIPELINE_JSON, (await p.read(PIPELINE_JSON)).replace('"reference_year": 2023,', '"reference_year": ,'));
      expect(errors(await findings(p)).map(finding)).toEqual([{ code: "json-invalid", location: { file: PIPELINE_JSON, row: 7, column: undefined }, expected: "valid JSON", found: "," }]);
    }));
});
