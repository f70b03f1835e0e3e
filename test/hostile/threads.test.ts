import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { PipelineFile } from "@langson-open-data/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Papa from "papaparse";
import { type RowStageInput, type StagedBatch, stageRows } from "../../packages/cli/src/rows-stage.js";
import { type StageEnd, threadedRows } from "../../packages/cli/src/threads.js";
import { threadedIndexFiles } from "../../packages/cli/src/index-files.js";
import { writeDatasetIndex } from "@langson-open-data/publish";
import { generate } from "../../bench/generate.js";
import { REPO } from "./_project.js";
import { cliCommand, snapshotTree } from "./_tree.js";

// The row stage of a large pipeline runs in a thread of its own (packages/cli/src/threads.ts),
// started from the bundle that _bundle.ts builds: it must give what the main thread gives, row for
// row and finding for finding, and its failures must reach the command.

const THREAD = new URL("../../packages/cli/dist/rows-thread.mjs", import.meta.url);
/** Node's own trace of worker threads on stderr, so that a test sees the thread was started, not only that the results agree. */
const TRACE = { NODE_DEBUG: "worker" };
const startedThread = (stderr: string) => /create new worker[\s\S]*rows-thread\.mjs/.test(stderr);
const INDEX_THREAD = new URL("../../packages/cli/dist/index-files-thread.mjs", import.meta.url);
const startedIndexThread = (stderr: string) => /create new worker[\s\S]*index-files-thread\.mjs/.test(stderr);

let scratch: string;
let root: string;
let madeUp: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "langson-threads-"));
  root = join(scratch, "project");
  // Generated national-style data with every kind of planted error: findings of rows, of quotes and of rules.
  await generate({ rows: 6000, seed: "threads", errorRate: 0.01, out: join(root, "pipelines", "bench") });
  // The generated errors raise no series finding: a copy with some levels made up (far above the
  // periods that contain them) does.
  madeUp = join(scratch, "made-up");
  await cp(root, madeUp, { recursive: true });
  const csv = join(madeUp, "pipelines", "bench", "observations.csv");
  const parsed = Papa.parse<Record<string, string>>(await readFile(csv, "utf8"), { header: true, skipEmptyLines: true });
  for (const [i, r] of parsed.data.entries()) if (r.measure === "LEVEL" && i % 13 === 0) r.value_text = "999.999,9";
  await writeFile(csv, Papa.unparse(parsed.data, { newline: "\n" }));
}, 60_000);
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Every batch of a stage, and the corrections no row matched; a thread is let go. */
async function drain(stage: AsyncGenerator<StagedBatch, RowStageInput["corrections"] | StageEnd>) {
  const batches: StagedBatch[] = [];
  let next = await stage.next();
  for (; !next.done; next = await stage.next()) batches.push(next.value);
  const end = next.value;
  if (!("release" in end)) return { batches, unmatched: end };
  await end.release();
  return { batches, unmatched: end.unmatched };
}

/** The stage's input for a pipeline folder. */
async function stageInput(dir: string): Promise<RowStageInput> {
  const pipeline = JSON.parse(await readFile(join(dir, "pipeline.json"), "utf8")) as PipelineFile;
  return {
    path: join(dir, "observations.csv"),
    file: "observations.csv",
    referenceYear: pipeline.reference_year,
    indicators: pipeline.datasets.flatMap((d) => d.indicators.map((i) => [i.code, d.id, i.nature] as const)),
    corrections: [],
  };
}

describe("the rows thread", () => {
  it("gives the rows, findings and unmatched corrections of the main thread's stage, batch for batch", async () => {
    const input = await stageInput(join(root, "pipelines", "bench"));
    const inline = await drain(stageRows(input));
    const threaded = await drain(threadedRows(THREAD, input));
    const rows = inline.batches.flatMap((b) => b.rows);
    expect(rows.filter((r) => r.obs).length).toBeGreaterThan(5000);
    // Planted errors: rows with findings of the stage, and rows without an observation.
    expect(rows.filter((r) => r.issues.length > 0 && r.obs === undefined).length).toBeGreaterThan(0);
    expect(threaded).toEqual(inline);
  }, 60_000);

  it("checks a generated pipeline with planted errors exactly as the main thread does: the same report, byte for byte", async () => {
    // Spills go to disk early, as on national data: the series checks' spill is then handed to the
    // rows thread, which runs their end (the lap says so).
    const env = { ...TRACE, NODE_DEBUG: "worker,langson", LANGSON_SPILL_BYTES: "20000" };
    const threaded = await cliCommand(["check", "--format", "json", "--root", madeUp], { ...env, LANGSON_THREADS: "2", LANGSON_THREAD_BYTES: "0" });
    const inline = await cliCommand(["check", "--format", "json", "--root", madeUp], { ...env, LANGSON_THREADS: "1" });
    expect(threaded.stderr).toMatch(/lap check series \S+ with-rows-thread wall_ms=/);
    expect(inline.stderr).toMatch(/lap check series \S+ wall_ms=/);
    expect(inline.code, inline.stderr).toBe(1);
    expect(threaded.code, threaded.stderr).toBe(1);
    expect(startedThread(threaded.stderr)).toBe(true);
    expect(startedThread(inline.stderr)).toBe(false);
    const report = JSON.parse(threaded.stdout) as { stats: { observations: number; errors: number }; issues: { code: string }[] };
    expect(report.stats.errors).toBeGreaterThan(0);
    // Findings of the series checks, and of the others.
    expect(report.issues.filter((i) => i.code === "period-flow-shrinks").length).toBeGreaterThan(5);
    expect(report.issues.filter((i) => i.code === "quote-value-missing" || i.code.startsWith("total")).length).toBeGreaterThan(0);
    expect(report.stats.observations).toBeGreaterThan(5000);
    expect(threaded.stdout).toBe(inline.stdout);
  }, 60_000);

  it("validates a generated pipeline in two halves at once exactly as in one read: the same report, byte for byte", async () => {
    // Schema errors in both halves, among the planted errors (which `validate` does not look for).
    const bad = join(scratch, "schema-bad");
    await rm(bad, { recursive: true, force: true });
    await cp(madeUp, bad, { recursive: true });
    const csv = join(bad, "pipelines", "bench", "observations.csv");
    const parsed = Papa.parse<Record<string, string>>(await readFile(csv, "utf8"), { header: true, skipEmptyLines: true });
    for (const [i, r] of parsed.data.entries()) if (i % 997 === 5) r.measure = "LEVELS";
    await writeFile(csv, Papa.unparse(parsed.data, { newline: "\n" }));
    const env = { ...TRACE, NODE_DEBUG: "worker,langson" };
    const threaded = await cliCommand(["validate", "--format", "json", "--root", bad], { ...env, LANGSON_THREADS: "2", LANGSON_THREAD_BYTES: "0" });
    const inline = await cliCommand(["validate", "--format", "json", "--root", bad], { ...env, LANGSON_THREADS: "1" });
    // Read in two halves, not in one go after all.
    expect(threaded.stderr).toMatch(/lap rows pipelines\/bench halves wall_ms=/);
    expect(inline.stderr).toMatch(/lap rows pipelines\/bench whole wall_ms=/);
    expect(threaded.code, threaded.stderr).toBe(1);
    expect(inline.code, inline.stderr).toBe(1);
    expect(/create new worker[\s\S]*validate-thread\.mjs/.test(threaded.stderr)).toBe(true);
    expect(/create new worker/.test(inline.stderr)).toBe(false);
    const report = JSON.parse(threaded.stdout) as { stats: { observations: number }; issues: { code: string; location: { row?: number } }[] };
    expect(report.stats.observations).toBe(parsed.data.length);
    const rows = report.issues.filter((i) => i.code === "schema-enum").map((i) => i.location.row);
    expect(rows).toEqual(parsed.data.flatMap((_, i) => (i % 997 === 5 ? [i + 2] : [])));
    expect(rows.at(-1)).toBeGreaterThan(parsed.data.length / 2);
    expect(threaded.stdout).toBe(inline.stdout);
  }, 60_000);

  it("publishes the province's data as the main thread does: the same tree, byte for byte", async () => {
    const copy = (name: string) => join(scratch, name);
    for (const name of ["threaded", "inline"]) {
      await rm(copy(name), { recursive: true, force: true });
      await cp(join(REPO, "pipelines"), join(copy(name), "pipelines"), { recursive: true });
    }
    const threaded = await cliCommand(["run", "--root", copy("threaded")], { ...TRACE, LANGSON_THREADS: "2", LANGSON_THREAD_BYTES: "0" });
    const inline = await cliCommand(["run", "--root", copy("inline")], { ...TRACE, LANGSON_THREADS: "1" });
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(inline.code, inline.stderr).toBe(0);
    expect(startedThread(threaded.stderr)).toBe(true);
    expect(startedThread(inline.stderr)).toBe(false);
    // A large run writes the index files in a thread of their own too.
    expect(startedIndexThread(threaded.stderr)).toBe(true);
    expect(startedIndexThread(inline.stderr)).toBe(false);
    const tree = await snapshotTree(join(copy("threaded"), "datasets"));
    expect([...tree.keys()].filter((p) => p.endsWith("/data.csv")).length).toBeGreaterThan(0);
    expect([...tree.keys()].filter((p) => p.endsWith("/vintages.csv")).length).toBeGreaterThan(0);
    expect(await snapshotTree(join(copy("inline"), "datasets"))).toEqual(tree);
  }, 60_000);

  it("writes the index files of every committed version in its thread as they are committed", async () => {
    // The committed datasets hold several versions: vintages.csv spans them. A run on unchanged
    // inputs releases nothing and writes every index file again, the same bytes.
    const copy = join(scratch, "committed");
    await rm(copy, { recursive: true, force: true });
    for (const folder of ["pipelines", "datasets"]) await cp(join(REPO, folder), join(copy, folder), { recursive: true });
    const before = await snapshotTree(join(copy, "datasets"));
    const multiVersion = [...before.keys()].filter((p) => /^[^/]+\/1\.0\.1\/$/.test(p));
    expect(multiVersion.length).toBeGreaterThan(0);
    for (const p of multiVersion) await rm(join(copy, "datasets", p.replace(/1\.0\.1\/$/, "vintages.csv")));
    const threaded = await cliCommand(["run", "--root", copy], { ...TRACE, NODE_DEBUG: "worker,langson", LANGSON_THREADS: "2", LANGSON_THREAD_BYTES: "0" });
    expect(threaded.code, threaded.stderr).toBe(0);
    expect(threaded.stdout).toContain("nothing to release");
    expect(startedIndexThread(threaded.stderr)).toBe(true);
    expect(threaded.stderr).toMatch(/lap index \S+ with-index-thread wall_ms=/);
    const after = await snapshotTree(join(copy, "datasets"));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [p, sha] of before) expect(after.get(p), p).toBe(sha);
  }, 60_000);

  it("hands on a failure to write index files, with the message the main thread gives", async () => {
    // A version folder without its changelog: the index files cannot be written.
    const datasetsDir = join(scratch, "broken-datasets");
    await rm(datasetsDir, { recursive: true, force: true });
    await cp(join(REPO, "datasets", "lang-son-trade"), join(datasetsDir, "lang-son-trade"), { recursive: true });
    await rm(join(datasetsDir, "lang-son-trade", "1.0.1", "changelog.md"));
    const inline = await writeDatasetIndex(datasetsDir, "lang-son-trade").catch((e: Error) => e);
    expect(inline).toBeInstanceOf(Error);
    const index = threadedIndexFiles(INDEX_THREAD, datasetsDir);
    try {
      index.ready("lang-son-trade");
      const threaded = await index.written("lang-son-trade").catch((e: Error) => e);
      expect(threaded).toBeInstanceOf(Error);
      expect((threaded as Error).message).toBe((inline as Error).message);
      expect((threaded as NodeJS.ErrnoException).code).toBe("ENOENT");
    } finally {
      await index.close();
    }
    // Closed, it starts nothing again.
    await expect(index.written("lang-son-tourism")).rejects.toThrow(/lang-son-tourism were asked for after their thread was closed/);
  });

  it("reports an index files thread that cannot start, and how to run without one", async () => {
    const dying = join(scratch, "dying-index-thread.mjs");
    await writeFile(dying, 'throw new Error("the thread ran out of memory");\n');
    const index = threadedIndexFiles(pathToFileURL(dying), join(scratch, "no-datasets"));
    try {
      index.ready("a");
      index.ready("b");
      await expect(index.written("a")).rejects.toThrow(/index files thread failed: the thread ran out of memory \(LANGSON_THREADS=1/);
      await expect(index.written("b")).rejects.toThrow(/index files thread failed/);
    } finally {
      await index.close();
    }
  });

  it("hands on the stage's own failure, with its message, and ends", async () => {
    // A path through a file, as if a folder: the file cannot even be looked at, which is a fault, not a finding.
    await writeFile(join(scratch, "a-file"), "");
    const input: RowStageInput = { path: join(scratch, "a-file", "observations.csv"), file: "observations.csv", referenceYear: 2024, indicators: [], corrections: [] };
    const inline = await drain(stageRows(input)).catch((e: Error) => e);
    expect(inline).toBeInstanceOf(Error);
    expect((inline as Error).message).toBe("cannot read observations.csv");
    const threaded = await drain(threadedRows(THREAD, input)).catch((e: Error) => e);
    expect(threaded).toBeInstanceOf(Error);
    expect((threaded as Error).message).toBe((inline as Error).message);
  });

  it("reports a thread that cannot start, and how to run without one", async () => {
    const dying = join(scratch, "dying-thread.mjs");
    await writeFile(dying, 'throw new Error("the thread ran out of memory");\n');
    const input: RowStageInput = { path: join(scratch, "none.csv"), file: "none.csv", referenceYear: 2024, indicators: [], corrections: [] };
    await expect(drain(threadedRows(pathToFileURL(dying), input))).rejects.toThrow(/rows thread of none\.csv failed: the thread ran out of memory \(LANGSON_THREADS=1/);
  });
});
