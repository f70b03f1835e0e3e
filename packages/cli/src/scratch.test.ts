import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openScratch } from "./scratch.js";

let parent: string;
const saved = process.env.LANGSON_SCRATCH;
afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
  if (saved === undefined) delete process.env.LANGSON_SCRATCH;
  else process.env.LANGSON_SCRATCH = saved;
});

describe("openScratch", () => {
  it("removes the scratch folders of processes that are gone, keeps those of live ones, and opens this process's", () => {
    parent = mkdtempSync(join(tmpdir(), "scratch-test-"));
    // 2^22 + 7 is above Linux's default pid_max (2^22), so no process has it.
    const gone = join(parent, `langson-run-${2 ** 22 + 7}`);
    const live = join(parent, `langson-run-${process.ppid}`);
    const other = join(parent, "langson-run-notapid");
    for (const d of [gone, live, other]) mkdirSync(d);
    writeFileSync(join(gone, "spool.jsonl"), "{}\n");
    const { dir, removed } = openScratch(parent);
    expect(removed).toEqual([gone]);
    expect([gone, live, other].map(existsSync)).toEqual([false, true, true]);
    expect(dir).toBe(join(parent, `langson-run-${process.pid}`));
    expect(existsSync(dir)).toBe(true);
    expect(process.env.LANGSON_SCRATCH).toBe(dir);
  });
});
