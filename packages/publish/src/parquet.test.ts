import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { OBSERVATION_COLUMNS, type Observation, observation } from "@langson-open-data/schemas";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARQUET_COLUMN_TYPES, ParquetWriteError, writeParquet } from "./parquet.js";
import { FileSink, bodyBuffer, renderCsv, streamDataFiles } from "./render.js";
import { rowsOf } from "./rows.js";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const datasetsDir = join(repoRoot, "datasets");
const committed = (await readdir(datasetsDir, { withFileTypes: true }))
  .filter((d) => d.isDirectory() && existsSync(join(datasetsDir, d.name, "1.0.0", "data.csv")))
  .map((d) => ({ id: d.name, csv: join(datasetsDir, d.name, "1.0.0", "data.csv") }));
const tradeCsv = join(datasetsDir, "lang-son-trade", "1.0.0", "data.csv");

let tmp: string;
let db: DuckDBInstance;
let duck: DuckDBConnection;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "langson-parquet-"));
  db = await DuckDBInstance.create(":memory:", { threads: "1" });
  duck = await db.connect();
});

afterAll(async () => {
  duck?.closeSync();
  db?.closeSync();
  await rm(tmp, { recursive: true, force: true });
});

/** A CSV file as papaparse reads it: the header, then every record, each cell the exact text. */
function parseCsv(text: string): { header: string[]; records: string[][] } {
  const parsed = Papa.parse<string[]>(text, { newline: "\n", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header, ...records] = parsed.data;
  return { header: header!, records };
}

/** A Parquet file as DuckDB reads it back: its column types, and every row with each cell as text. */
async function readParquet(path: string): Promise<{ columns: string[]; types: string[]; rows: string[][] }> {
  const described = (await duck.runAndReadAll("DESCRIBE SELECT * FROM read_parquet($path)", { path })).getRowObjectsJson();
  // VARCHAR cells come back as they are stored; the TINYINT ones are printed by DuckDB, never through a float.
  const read = await duck.runAndReadAll("SELECT COLUMNS(*)::VARCHAR FROM read_parquet($path)", { path });
  return {
    columns: described.map((c) => String(c.column_name)),
    types: described.map((c) => String(c.column_type)),
    rows: read.getRowsJson() as string[][],
  };
}

async function sha256(path: string): Promise<string> {
  return createHash("sha256").update(await readFile(path)).digest("hex");
}

const base: Observation = {
  dataset: "lang-son-trade",
  indicator: "TRADE_TOTAL",
  measure: "LEVEL",
  ref_area: "VN-09",
  time_period: "2023-Q1",
  value: "640000000",
  unit: "USD",
  unit_mult: 6,
  decimals: 0,
  obs_status: "E",
  source: "lang-son-2023-q1",
  origin: "stated",
  quote: "Tổng kim ngạch xuất nhập khẩu qua địa bàn ước đạt 640 triệu USD",
  note: "",
};

/** Writes a data.csv of these rows as a release writes it (renderCsv), in its own folder. */
async function releaseCsv(name: string, rows: readonly Observation[]): Promise<string> {
  const dir = join(tmp, name);
  await mkdir(dir, { recursive: true });
  const path = join(dir, "data.csv");
  await writeFile(path, bodyBuffer(renderCsv(rows)));
  return path;
}

describe("the Parquet column types", () => {
  it("cover the contract's columns in its order", () => {
    expect(Object.keys(PARQUET_COLUMN_TYPES)).toEqual(OBSERVATION_COLUMNS);
  });

  it("fit every value the contract allows in unit_mult and decimals (TINYINT holds -128..127)", () => {
    for (const column of ["unit_mult", "decimals"] as const) {
      const { minValue, maxValue } = observation.shape[column];
      expect(minValue).toBeGreaterThanOrEqual(-128);
      expect(maxValue).toBeLessThanOrEqual(127);
    }
  });
});

describe("writeParquet on every committed release", () => {
  it("finds the committed releases", () => {
    expect(committed.length).toBeGreaterThan(0);
  });

  it.each(committed)("$id 1.0.0: every row of data.csv, in order, with the declared types", async ({ id, csv }) => {
    const out = join(tmp, `${id}.parquet`);
    const { rows } = await writeParquet(csv, out);
    const expected = parseCsv(await readFile(csv, "utf8"));
    const actual = await readParquet(out);

    expect(actual.columns).toEqual(expected.header);
    expect(actual.types).toEqual(OBSERVATION_COLUMNS.map((c) => PARQUET_COLUMN_TYPES[c]));
    expect(rows).toBe(expected.records.length);
    expect(actual.rows).toEqual(expected.records);
  });

  it("keeps values exact: big integers, negative and decimal values come back as the same strings", async () => {
    const values = new Set<string>();
    for (const { id } of committed) {
      const result = await duck.runAndReadAll("SELECT value FROM read_parquet($path)", { path: join(tmp, `${id}.parquet`) });
      for (const [value] of result.getRowsJS()) {
        expect(typeof value).toBe("string");
        values.add(value as string);
      }
    }
    for (const value of ["1689300000000", "-3.43", "16.84", "640000000"]) expect(values).toContain(value);
  });
});

describe("writeParquet output", () => {
  it("is the same bytes when written twice, metadata in any key order", async () => {
    const a = join(tmp, "twice-a.parquet");
    const b = join(tmp, "twice-b.parquet");
    await writeParquet(tradeCsv, a, { dataset: "lang-son-trade", version: "1.0.0" });
    await writeParquet(tradeCsv, b, { version: "1.0.0", dataset: "lang-son-trade" });
    expect(await sha256(a)).toBe(await sha256(b));
  });

  it("is the same bytes with the shape the release's renderer reports as with the scan, and the shape decides the row groups", async () => {
    // 10 000 rows, one with a 1 500-character quote: row groups of 2048 rows, where short records alone give one group.
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ ...base, time_period: `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`, value: String(640_000_000 + i) }));
    rows[7_777] = { ...rows[7_777]!, quote: `${base.quote} ${"x".repeat(1_500)}` };
    const csv = new FileSink(join(tmp, "shape.csv"));
    const shape = await streamDataFiles(rowsOf(rows), csv, new FileSink());
    csv.close();
    const scanned = join(tmp, "shape-scanned.parquet");
    const told = join(tmp, "shape-told.parquet");
    const misled = join(tmp, "shape-misled.parquet");
    await writeParquet(join(tmp, "shape.csv"), scanned, { dataset: "x" });
    await writeParquet(join(tmp, "shape.csv"), told, { dataset: "x" }, { shape });
    await writeParquet(join(tmp, "shape.csv"), misled, { dataset: "x" }, { shape: { ...shape, longestRecordBytes: 200 } });
    expect(shape.records).toBe(10_000);
    expect(await sha256(told)).toBe(await sha256(scanned));
    expect(await sha256(misled)).not.toBe(await sha256(scanned));
    await expect(writeParquet(join(tmp, "shape.csv"), join(tmp, "shape-wrong.parquet"), {}, { shape: { ...shape, records: 9_999 } })).rejects.toThrow(/expected DuckDB to read the file's 9999 data records, it read 10000 rows/);
  });

  it("carries the metadata in the footer, with quotes in keys and values", async () => {
    const out = join(tmp, "metadata.parquet");
    await writeParquet(tradeCsv, out, { dataset: "lang-son-trade", "it's \"quoted\"": "Lạng Sơn's 'data'" });
    const kv = await duck.runAndReadAll("SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata($path) ORDER BY key", { path: out });
    expect(kv.getRowObjectsJson()).toEqual([
      { key: "dataset", value: "lang-son-trade" },
      { key: "it's \"quoted\"", value: "Lạng Sơn's 'data'" },
    ]);
  });

  it("round-trips quoted cells: commas, quotes, line ends, Vietnamese, and the apostrophe before a formula", async () => {
    const quote = 'Kim ngạch "xuất, nhập khẩu" ước đạt 640 triệu USD;\nđạt 16,84% kế hoạch\r\n\ttăng 31,96% — "Lạng Sơn"';
    const csv = await releaseCsv("quoted", [
      { ...base, quote },
      { ...base, measure: "YOY_GROWTH", value: "-3.43", unit: "PERCENT", unit_mult: 0, decimals: 2, quote: " giảm 3,43% ", note: '=HYPERLINK("http://x";"640")' },
      { ...base, measure: "PCT_OF_PLAN", value: "16.84", unit: "PERCENT", unit_mult: 0, decimals: 2, quote: "", note: "-1+1" },
    ]);
    const out = join(tmp, "quoted.parquet");
    expect(await writeParquet(csv, out)).toEqual({ rows: 3 });
    const expected = parseCsv(await readFile(csv, "utf8"));
    const { rows } = await readParquet(out);
    expect(rows).toEqual(expected.records);
    const col = (name: keyof Observation) => OBSERVATION_COLUMNS.indexOf(name);
    expect(rows[0]![col("quote")]).toBe(quote);
    // data.csv neutralizes formula-like text cells with a leading apostrophe; Parquet keeps the cell as the CSV has it.
    expect(rows[1]![col("quote")]).toBe(" giảm 3,43% ");
    expect(rows[1]![col("note")]).toBe(`'=HYPERLINK("http://x";"640")`);
    expect(rows[2]![col("quote")]).toBe("");
    expect(rows[2]![col("note")]).toBe("'-1+1");
  });

  it("writes a file with the schema and no rows from a header-only CSV", async () => {
    const csv = await releaseCsv("empty", []);
    const out = join(tmp, "empty.parquet");
    expect(await writeParquet(csv, out)).toEqual({ rows: 0 });
    const { types, rows } = await readParquet(out);
    expect(types).toEqual(OBSERVATION_COLUMNS.map((c) => PARQUET_COLUMN_TYPES[c]));
    expect(rows).toEqual([]);
  });

  it("reads the named file, not what its name matches as a glob, and takes quotes in paths", async () => {
    const literal = await releaseCsv("a[1]", [base]);
    await releaseCsv("a1", [base, base]);
    expect(await writeParquet(literal, join(tmp, "a[1]", "data.parquet"))).toEqual({ rows: 1 });
    const quoted = await releaseCsv("it's", [base]);
    const out = join(tmp, "it's", "data.parquet");
    expect(await writeParquet(quoted, out)).toEqual({ rows: 1 });
    expect((await readParquet(out)).rows).toHaveLength(1);
  });
});

describe("writeParquet rejects a malformed data.csv, naming the file and what was expected", () => {
  const trade = () => readFile(tradeCsv, "utf8");

  async function rejects(name: string, text: string, expected: RegExp): Promise<void> {
    const dir = join(tmp, `bad-${name}`);
    await mkdir(dir, { recursive: true });
    const csv = join(dir, "data.csv");
    const out = join(dir, "data.parquet");
    await writeFile(csv, text);
    const error = await writeParquet(csv, out).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ParquetWriteError);
    expect((error as ParquetWriteError).csvPath).toBe(csv);
    expect((error as Error).message).toContain(csv);
    expect((error as Error).message).toMatch(expected);
    expect(existsSync(out)).toBe(false);
  }

  it("a wrong header", async () => {
    await rejects("header", (await trade()).replace("ref_area,", "area,"), /expected the header line "dataset,indicator,measure,ref_area,.*found "dataset,indicator,measure,area,/);
  });

  it("a header with a BOM or CRLF line ends", async () => {
    await rejects("bom", `\uFEFF${await trade()}`, /expected the header line/);
    await rejects("crlf", (await trade()).replaceAll("\n", "\r\n"), /expected the header line/);
  });

  it("a value that is not a plain decimal", async () => {
    await rejects("value", (await trade()).replace(",640000000,", ",640 triệu,"), /value: expected a plain decimal such as 640000000, 16\.84 or -3\.43, found "640 triệu" \(row indicator TRADE_TOTAL, measure LEVEL, time_period 2023-Q1\)/);
    await rejects("exponent", (await trade()).replace(",640000000,", ",6.4e8,"), /expected a plain decimal/);
  });

  it("an integer column that is not a plain whole number within the contract", async () => {
    await rejects("unit-mult", (await trade()).replace(",USD,6,0,", ",USD,six,0,"), /unit_mult: expected a whole number from 0 to 15 such as 6, found "six"/);
    await rejects("decimals", (await trade()).replace(",USD,6,0,", ",USD,6,2.0,"), /decimals: expected a whole number from 0 to 15 such as 6, found "2\.0"/);
  });

  it("a row with a cell too many, even an empty one that DuckDB alone would drop", async () => {
    await rejects("trailing", (await trade()).replace(/(YOY_GROWTH,.*),\n/, "$1,,\n"), /expected 14 cells on every line, found 15 on line 5/);
    await rejects("short", (await trade()).replace(",USD,6,0,E,", ",USD,6,0,"), /expected 14 cells on every line, found 13 on line 3/);
  });

  it("a carriage return outside quotes, or a quote never closed", async () => {
    await rejects("cr", (await trade()).replace(/(PCT_OF_PLAN,.*),\n/, "$1,\r\n"), /carriage return outside quotes on line 4/);
    await rejects("open-quote", `${await trade()}lang-son-trade,X,LEVEL,VN-09,2023,1,USD,0,0,A,s,stated,"unclosed,\n`, /quoted cell .*line 14/);
  });

  it("and leaves a Parquet file that was there before as it was", async () => {
    const csv = join(tmp, "bad-over.csv");
    const out = join(tmp, "over.parquet");
    await writeParquet(tradeCsv, out);
    const before = await sha256(out);
    await writeFile(csv, (await trade()).replace(",16.84,", ",16,84,"));
    await expect(writeParquet(csv, out)).rejects.toThrow(ParquetWriteError);
    expect(await sha256(out)).toBe(before);
  });

  it("a file that is missing", async () => {
    await rejects("missing", "", /expected the header line .* found an empty file/);
    const missing = join(tmp, "nowhere", "data.csv");
    await expect(writeParquet(missing, join(tmp, "nowhere.parquet"))).rejects.toThrow(`cannot write Parquet from ${missing}: the file cannot be read (ENOENT)`);
  });
});
