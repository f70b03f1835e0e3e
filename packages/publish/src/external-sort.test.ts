import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ExternalSort, mergeChunkBytes, releaseKeyOrder } from "./external-sort.js";

const code = fc.stringMatching(/^[A-Z][A-Z0-9]{0,6}(?:_[A-Z0-9]{1,4}){0,2}$/);
const period = fc.constantFrom("2023", "2023-Q1", "2023-S2", "2023-03", "2023-03-27", "2023-01/2023-09", "2023-01-01/2023-03-27", "2022-12", "1999");
const key = fc.tuple(code, fc.constantFrom("LEVEL", "PCT_OF_PLAN", "YOY_GROWTH", "RANK_TOTAL"), fc.constantFrom("VN-09", "VN-01", "VN-HN"), period).map((p) => p.join("|"));

describe("releaseKeyOrder", () => {
  it("orders release keys by code units exactly as localeCompare orders them", () => {
    fc.assert(
      fc.property(key, key, (a, b) => {
        const byCollation = Math.sign(a.localeCompare(b));
        const byCodeUnits = Math.sign(releaseKeyOrder(a) < releaseKeyOrder(b) ? -1 : releaseKeyOrder(a) > releaseKeyOrder(b) ? 1 : 0);
        expect(byCodeUnits).toBe(byCollation);
      }),
      { numRuns: 5000 },
    );
  });

  it("maps any text character by character: a code character to its rank, any other to U+10FFFF and itself", () => {
    const ranks = new Map([..."_-/|0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"].map((c, i) => [c, String.fromCharCode(0x21 + i)]));
    const reference = (text: string) => [...text].map((c) => ranks.get(c) ?? `\u{10FFFF}${c}`).join("");
    fc.assert(
      fc.property(fc.oneof(key, fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" })), (text) => {
        expect(releaseKeyOrder(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps the punctuation, digit and letter order of ICU's root collation", () => {
    const keys = ["TRADE_EXPORT|LEVEL|VN-09|2023-Q1", "TRADE|LEVEL|VN-09|2023", "TRADE0|LEVEL|VN-09|2023", "TRADEX|LEVEL|VN-09|2023", "TRADE_EXPORT|LEVEL|VN-09|2023-01/2023-09"];
    const expected = [...keys].sort((a, b) => a.localeCompare(b));
    expect([...keys].sort((a, b) => (releaseKeyOrder(a) < releaseKeyOrder(b) ? -1 : 1))).toEqual(expected);
  });
});

async function drain(sort: ExternalSort): Promise<(readonly [string, string])[]> {
  const out: (readonly [string, string])[] = [];
  for await (const batch of sort.batches()) {
    expect(batch.length).toBeGreaterThan(0);
    out.push(...batch);
  }
  return out;
}

describe("ExternalSort", () => {
  it("sorts in memory, equal keys in the order added", async () => {
    const sort = new ExternalSort("test");
    for (const [k, v] of [["b", "1"], ["a", "2"], ["b", "3"], ["a", "4"]]) sort.add(k!, v!);
    expect(await drain(sort)).toEqual([["a", "2"], ["a", "4"], ["b", "1"], ["b", "3"]]);
  });

  it("merges sorted runs from disk into the same order as a stable in-memory sort", async () => {
    const sort = new ExternalSort("test");
    const records: [string, string][] = [];
    // ~12 MB of records: three runs or more on disk.
    for (let i = 0; i < 120_000; i++) {
      const k = `K${(i * 7919) % 5003}`.padEnd(40, "x");
      const line = JSON.stringify({ i, quote: "Kim ngạch xuất khẩu ước đạt 1.689,3 tỷ đồng" });
      sort.add(k, line);
      records.push([k, line]);
    }
    const expected = records.map((r, i) => ({ r, i })).sort((a, b) => (a.r[0] < b.r[0] ? -1 : a.r[0] > b.r[0] ? 1 : a.i - b.i)).map(({ r }) => r);
    expect(await drain(sort)).toEqual(expected);
  });

  it("merges many runs, each read in a smaller share of the merge's chunk, into the same order", async () => {
    // Runs of ~25 000 characters, in a scratch folder of the test's own to count them.
    const scratch = mkdtempSync(join(tmpdir(), "langson-sort-test-"));
    const was = process.env.LANGSON_SCRATCH;
    process.env.LANGSON_SCRATCH = scratch;
    try {
      const sort = new ExternalSort("test", 25_000);
      const records: [string, string][] = [];
      for (let i = 0; i < 20_000; i++) {
        const k = `K${(i * 7919) % 3001}`;
        const line = JSON.stringify({ i, quote: "Kim ngạch xuất khẩu ước đạt 1.689,3 tỷ đồng", pad: "x".repeat(i % 97) });
        sort.add(k, line);
        records.push([k, line]);
      }
      // More than 64 runs: each is read 8 KiB at a time, so most lines cross a chunk.
      const [dir] = readdirSync(scratch);
      const runs = readdirSync(join(scratch, dir!)).length;
      expect(runs).toBeGreaterThan(64);
      expect(mergeChunkBytes(runs + 1)).toBe(8192);
      const expected = records.map((r, i) => ({ r, i })).sort((a, b) => (a.r[0] < b.r[0] ? -1 : a.r[0] > b.r[0] ? 1 : a.i - b.i)).map(({ r }) => r);
      expect(await drain(sort)).toEqual(expected);
      // The sort is spent: its runs are removed.
      expect(readdirSync(scratch)).toEqual([]);
    } finally {
      if (was === undefined) delete process.env.LANGSON_SCRATCH;
      else process.env.LANGSON_SCRATCH = was;
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it("shares the merge's 512 KiB among its runs, 8 to 64 KiB each", () => {
    expect(mergeChunkBytes(1)).toBe(65536);
    expect(mergeChunkBytes(8)).toBe(65536);
    expect(mergeChunkBytes(16)).toBe(32768);
    expect(mergeChunkBytes(39)).toBe(13443);
    expect(mergeChunkBytes(1000)).toBe(8192);
  });
});
