import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Issue } from "@langson-open-data/schemas";
import { describe, expect, it } from "vitest";
import { readCsv } from "./csv.js";

describe("readCsv records", () => {
  it("have every column, in the columns' order, whatever the header's order, as plain objects", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-test-"));
    try {
      const path = join(dir, "x.csv");
      await writeFile(path, "b,a,c\n 2 ,1,\u200b3\n");
      const issues: Issue[] = [];
      const rows = [];
      for await (const r of readCsv(path, { file: "x.csv", columns: ["a", "b", "c"], issues })) rows.push(r);
      expect(issues).toEqual([]);
      expect(rows).toEqual([{ row: 2, record: { a: "1", b: "2", c: "3" } }]);
      expect(Object.keys(rows[0]!.record)).toEqual(["a", "b", "c"]);
      expect(Object.getPrototypeOf(rows[0]!.record)).toBe(Object.prototype);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
