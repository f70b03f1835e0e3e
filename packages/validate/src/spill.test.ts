import { readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GroupSpill, MAX_NUMBERED, Numbered, bucketClaims, spilledGroups } from "./spill.js";

const spillDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith("langson-test-"));

function fill(spill: GroupSpill, n: number): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (let i = 0; i < n; i++) {
    const key = `IND_${i % 97}|VN-09|2023-${String((i % 12) + 1).padStart(2, "0")}`;
    const line = JSON.stringify({ i, text: "Kim ngạch xuất khẩu ước đạt 1.689,3 tỷ đồng\ttab" });
    spill.add(key, line);
    expected.set(key, [...(expected.get(key) ?? []), line]);
  }
  return expected;
}

describe("GroupSpill", () => {
  it("in memory: groups in the order keys first appeared, lines in the order added", () => {
    const spill = new GroupSpill("test");
    const expected = fill(spill, 5000);
    expect(spill.spilled).toBe(false);
    expect([...spill.groups()]).toEqual([...expected]);
  });

  it("on disk: every key comes back once with all its lines in order, and the files are removed", () => {
    const before = spillDirs().length;
    const spill = new GroupSpill("test", { memoryBytes: 20_000 });
    const expected = fill(spill, 50_000);
    expect(spill.spilled).toBe(true);
    expect(spillDirs().length).toBe(before + 1);
    const got = new Map<string, string[]>();
    for (const [key, lines] of spill.groups()) {
      expect(got.has(key)).toBe(false);
      got.set(key, lines);
    }
    expect(got.size).toBe(expected.size);
    for (const [key, lines] of expected) expect(got.get(key)).toEqual(lines);
    expect(spillDirs().length).toBe(before);
  });

  it("splits a bucket file larger than it reads at once, and still gives every key once with its lines in order", () => {
    const before = spillDirs();
    // ~3 MB of records in 64 buckets of ~50 KB, each read 4 KB at most: every bucket is split again,
    // and again, down to files of a few keys.
    const spill = new GroupSpill("test", { memoryBytes: 20_000, readBytes: 4_000 });
    const expected = fill(spill, 30_000);
    const [dir] = spillDirs().filter((n) => !before.includes(n));
    const got = new Map<string, string[]>();
    let parts = 0;
    for (const [key, lines] of spill.groups()) {
      parts += readdirSync(join(tmpdir(), dir!)).filter((f) => f.includes(".")).length;
      expect(got.has(key)).toBe(false);
      got.set(key, lines);
    }
    // Split into part files ("<bucket>.<n>"), not read in passes.
    expect(parts).toBeGreaterThan(0);
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, lines] of expected) expect(got.get(key)).toEqual(lines);
    expect(spillDirs().length).toBe(before.length);
  });

  it("hands its folder over on disk, whose groups are the ones groups() would give; in memory, it keeps them", () => {
    const before = spillDirs().length;
    const a = new GroupSpill("test", { memoryBytes: 20_000 });
    const b = new GroupSpill("test", { memoryBytes: 20_000 });
    fill(a, 20_000);
    fill(b, 20_000);
    const dir = b.handOver();
    expect(dir).toBeDefined();
    // Spent, and its folder no longer its own to remove.
    expect(() => b.add("x", "{}")).toThrow(/add after groups/);
    b.dispose();
    expect(spillDirs().length).toBe(before + 2);
    expect([...spilledGroups(dir!)]).toEqual([...a.groups()]);
    // The folder is its owner's to remove, emptied of its buckets.
    expect(readdirSync(dir!)).toEqual([]);
    rmSync(dir!, { recursive: true });
    expect(spillDirs().length).toBe(before);
    const small = new GroupSpill("test");
    const expected = fill(small, 100);
    expect(small.handOver()).toBeUndefined();
    expect([...small.groups()]).toEqual([...expected]);
  });

  it("gives each bucket once to readers that share the claims, taking turns as they like", () => {
    const a = new GroupSpill("test", { memoryBytes: 20_000 });
    const b = new GroupSpill("test", { memoryBytes: 20_000 });
    fill(a, 20_000);
    fill(b, 20_000);
    const dir = b.handOver()!;
    const { claim } = bucketClaims();
    const one = spilledGroups(dir, claim);
    const other = spilledGroups(dir, claim);
    const got = new Map<string, string[]>();
    // Uneven turns: one reader takes three groups for each of the other's.
    for (let turn = 0; ; turn++) {
      const next = (turn % 4 === 3 ? other : one).next();
      if (next.done) break;
      expect(got.has(next.value[0])).toBe(false);
      got.set(...next.value);
    }
    for (const next of other) got.set(...next);
    rmSync(dir, { recursive: true });
    expect(new Map([...got].sort())).toEqual(new Map([...a.groups()].sort()));
  });

  it("refuses a key that would break its line format, and a record after the groups were read", () => {
    const spill = new GroupSpill("test");
    expect(() => spill.add("a\tb", "{}")).toThrow(/tab or a newline/);
    [...spill.groups()];
    expect(() => spill.add("a", "{}")).toThrow(/add after groups/);
  });
});

describe("Numbered", () => {
  it("numbers each text as first seen and gives it back by its number", () => {
    const names = new Numbered();
    expect(["pipelines/a/observations.csv", "lang-son-trade", "pipelines/a/observations.csv", "Lạng Sơn"].map((t) => names.code(t))).toEqual([0, 1, 0, 2]);
    expect([0, 1, 2].map((n) => names.text(n))).toEqual(["pipelines/a/observations.csv", "lang-son-trade", "Lạng Sơn"]);
    expect(() => names.text(3)).toThrow(/no text is numbered 3/);
    // Another thread's copy numbers the same texts the same way.
    const copy = new Numbered(structuredClone(names.texts()));
    expect(copy.code("Lạng Sơn")).toBe(2);
  });

  it("numbers at most its limit of texts and spells out the others, so that what it holds stays flat", () => {
    const names = new Numbered([], 3);
    const codes = ["a", "b", "c", "d", "a", "e", "d"].map((t) => names.code(t));
    expect(codes).toEqual([0, 1, 2, "d", 0, "e", "d"]);
    expect(codes.map((c) => names.text(c))).toEqual(["a", "b", "c", "d", "a", "e", "d"]);
    expect(names.texts()).toEqual(["a", "b", "c"]);
    // The default limit: a text on every row of a national file does not grow the list past it.
    const big = new Numbered();
    for (let i = 0; i < MAX_NUMBERED + 1000; i++) big.code(`source-${i}`);
    expect(big.texts()).toHaveLength(MAX_NUMBERED);
    expect(big.code(`source-${MAX_NUMBERED + 5}`)).toBe(`source-${MAX_NUMBERED + 5}`);
    expect(() => new Numbered(["a", "b"], 1)).toThrow(/2 texts to number, more than 1/);
  });
});
