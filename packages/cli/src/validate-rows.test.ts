import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Report, IssueList, makeReport } from "@langson-open-data/validate";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PIPELINE, REPO } from "../test/project-copy.js";
import { type RowsRead, validateObservationRows, validateRowsPart } from "./validate-rows.js";

// `validate` reads a large observations.csv in two halves at once. Whatever the cut, and whatever is
// wrong with the file, the findings and the rows read must be those of one read.

let dir: string;
/** The province's real observations.csv, by lines (the header first). */
let lines: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "langson-validate-rows-"));
  lines = (await readFile(join(REPO, PIPELINE, "observations.csv"), "utf8")).split("\n").filter((l) => l !== "");
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Row `n` (1: the header) with its cell `k` written as `raw`, quoting included; the other cells quoted as needed. */
function withCell(n: number, k: number, raw: string): string {
  const cells = Papa.parse<string[]>(lines[n - 1]!).data[0]!.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c));
  expect(cells).toHaveLength(9);
  cells[k] = raw;
  return cells.join(",");
}

async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function validated(path: string, cut?: number): Promise<{ report: Report; read: RowsRead }> {
  const issues = new IssueList();
  const read = await validateObservationRows(path, "observations.csv", issues, cut === undefined ? {} : { cut });
  return { report: makeReport(issues, { pipelines: 1, datasets: 0, observations: read.rows, rules: 0 }, issues.omitted), read };
}

/** Reads `path` cut at every `step`-th byte and checks each against one read; returns how often each way was taken. */
async function everyCut(path: string, step = 17): Promise<Map<RowsRead["how"], number>> {
  const one = await validated(path);
  expect(one.read.how).toBe("whole");
  const ways = new Map<RowsRead["how"], number>();
  const size = (await readFile(path)).length;
  for (let cut = 1; cut < size; cut += step) {
    const halves = await validated(path, cut);
    expect(halves.report, `cut at byte ${cut} (${halves.read.how})`).toEqual(one.report);
    ways.set(halves.read.how, (ways.get(halves.read.how) ?? 0) + 1);
  }
  return ways;
}

/** The real rows with schema errors in both halves, a quoted line end, CRLF line ends and an empty line. */
function faulty(): string[] {
  const out = [...lines];
  out[5] = withCell(6, 1, "LEVELS");
  out[20] = withCell(21, 0, "trade_total");
  out[30] = withCell(31, 8, '"Tổng kim ngạch\nxuất nhập khẩu"');
  out[40] = `${withCell(41, 2, "VN-999")}\r`;
  out[41] = `${out[41]}\r`;
  out.splice(50, 0, "");
  out[60] = withCell(61, 1, "");
  return out;
}

describe("validateObservationRows in two halves", { timeout: 60_000 }, () => {
  it("finds in the province's real rows, cut anywhere, what one read finds", async () => {
    const ways = await everyCut(await write("real.csv", `${lines.join("\n")}\n`));
    expect(ways.get("halves")).toBeGreaterThan(500);
    // A cut asked for within the last record finds no line end after it: one read.
    expect([...ways.keys()].sort()).toEqual(["halves", "whole"]);
  });

  it("finds schema errors in both halves, across quoted line ends, CRLF and empty lines, as one read does", async () => {
    const path = await write("faulty.csv", `${faulty().join("\n")}\n`);
    const one = await validated(path);
    expect(one.report.issues.filter((i) => i.code.startsWith("schema-")).map((i) => i.location.row)).toEqual([6, 21, 41, 60]);
    const ways = await everyCut(path);
    expect(ways.get("halves")).toBeGreaterThan(500);
  });

  it("reads the second half again when the reader finds something there: a ragged row, bytes that are not UTF-8", async () => {
    const ragged = faulty();
    ragged[55] = "TRADE_TOTAL,LEVEL,VN-09";
    const raggedWays = await everyCut(await write("ragged.csv", `${ragged.join("\n")}\n`), 29);
    expect(raggedWays.get("second again")).toBeGreaterThan(100);
    const text = Buffer.from(`${faulty().join("\n")}\n`);
    const at = text.lastIndexOf("đạt");
    // A lone byte 0xE1 where "đ" was: not UTF-8, 250 bytes before the end.
    const bad = Buffer.concat([text.subarray(0, at), Buffer.from([0xe1]), text.subarray(at + 2)]);
    const badWays = await everyCut(await write("not-utf8.csv", bad), 29);
    expect(badWays.get("second again")).toBeGreaterThan(100);
  });

  it("names the legacy encoding of bytes that are not UTF-8 from the same bytes, wherever the cut and the read's chunks fall", async () => {
    // A row of TCVN3 text ("Lạng Sơn", one byte a letter) whose first bad byte is 5 bytes before the
    // end of one read's second chunk (64 KiB each), after some empty lines (which no row counts):
    // from a sample cut at the chunk's end, the bytes read as VNI-Windows.
    const boundary = 2 * 65536;
    let body = `${lines[0]}\n`;
    while (body.length < 200_000) body += `${lines.slice(1).join("\n")}\n`;
    const bytes = Buffer.from(body);
    const lineStart = bytes.indexOf(0x0a, boundary - 200) + 1;
    const prefix = Buffer.from("TRADE_TOTAL,LEVEL,VN-09,x,640,y,,z, L");
    const legacy = Buffer.concat([prefix.subarray(0, -2), Buffer.from(" L\xb9ng S\xacn".repeat(400), "latin1"), Buffer.from("\n")]);
    const fill = Buffer.from("\n".repeat(boundary - 5 - prefix.length - lineStart));
    const text = Buffer.concat([bytes.subarray(0, lineStart), fill, legacy, bytes.subarray(lineStart)]);
    expect(text.indexOf(Buffer.from(" L\xb9", "latin1")) + 2).toBe(boundary - 5);
    const path = await write("legacy.csv", text);
    const one = await validated(path);
    expect(one.report.issues).toEqual([expect.objectContaining({ code: "encoding-not-utf8", found: "TCVN3 (ABC)" })]);
    for (const cut of [1000, boundary - 3000, boundary - 100, boundary + 10, 150_000]) {
      const halves = await validated(path, cut);
      expect(halves.report, `cut at byte ${cut} (${halves.read.how})`).toEqual(one.report);
    }
  });

  it("tells UTF-16 or a workbook from text by the same head, however short the first half", async () => {
    // NUL bytes within the first 512: one read stops at row 1; a first half cut before them must too.
    const nul = [lines[0]!, lines[1]!, `${"a\u0000".repeat(150)}`, ...lines.slice(2, 12)];
    const ways = await everyCut(await write("nul.csv", `${nul.join("\n")}\n`), 5);
    expect((await validated(join(dir, "nul.csv"))).report.issues).toEqual([expect.objectContaining({ code: "encoding-not-utf8", location: { file: "observations.csv", row: 1 } })]);
    expect(ways.get("whole")).toBeGreaterThan(50);
  });

  it("drops the second half when the first stopped reading, at a malformed quote", async () => {
    const early = faulty();
    early[3] = withCell(4, 8, '"doanh thu"x');
    const ways = await everyCut(await write("stopped.csv", `${early.join("\n")}\n`));
    expect(ways.get("first stopped")).toBeGreaterThan(500);
  });

  it("reads the file in one go when a stray quote in an unquoted cell misled the cut", async () => {
    // A quote inside an unquoted cell is text to the reader, but it turns the quote count around:
    // a cut after it can land inside the quoted line end further on.
    const stray = faulty();
    stray[10] = withCell(11, 5, 'tỷ"đồng');
    const path = await write("stray.csv", `${stray.join("\n")}\n`);
    const ways = await everyCut(path, 11);
    expect(ways.get("torn")).toBeGreaterThan(10);
    // Such a cut: the first half's reader says it ended inside a record.
    const text = await readFile(path, "utf8");
    const inside = Buffer.byteLength(text.slice(0, text.indexOf("xuất nhập khẩu\"")));
    expect((await validateRowsPart({ path, file: "observations.csv", part: { start: 0, end: inside } })).end.torn).toBe(true);
  });
});

describe("validateObservationRows' thread", () => {
  const thread = async (name: string, code: string) => {
    const path = join(dir, name);
    await writeFile(path, code);
    return pathToFileURL(path);
  };

  it("is stopped, not waited for, when the first half stopped reading", async () => {
    // A thread that never answers (waiting for it would never end), and marks that it still runs.
    const marks = join(dir, "marks.txt");
    const silent = await thread("silent-thread.mjs", `import { appendFileSync } from "node:fs";\nsetInterval(() => appendFileSync(${JSON.stringify(marks)}, "."), 20);\n`);
    const early = [...lines];
    early[3] = withCell(4, 8, '"doanh thu"x');
    const path = await write("stopped-early.csv", `${early.join("\n")}\n`);
    const issues = new IssueList();
    const read = await validateObservationRows(path, "observations.csv", issues, { entry: silent });
    expect(read).toEqual({ rows: 2, how: "first stopped" });
    expect(issues.map((i) => i.code)).toEqual(["csv-malformed-quote"]);
    // Stopped: it marks nothing more.
    const size = async () => (await readFile(marks).catch(() => Buffer.alloc(0))).length;
    const before = await size();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await size()).toBe(before);
  });

  it("hands on a thread's failure, and how to read without one", async () => {
    const dying = await thread("dying-thread.mjs", 'throw new Error("the thread ran out of memory");\n');
    const path = await write("clean.csv", `${lines.join("\n")}\n`);
    await expect(validateObservationRows(path, "observations.csv", new IssueList(), { entry: dying })).rejects.toThrow(
      /validate thread of observations\.csv failed: the thread ran out of memory \(LANGSON_THREADS=1/,
    );
  });
});
