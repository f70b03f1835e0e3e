import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { access, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@langson-open-data/cli";
import { TMP_PREFIX } from "@langson-open-data/publish";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PIPELINE_JSON, type ProjectCopy, capture, copyProject } from "./_project.js";
import { cliRun, pool, snapshotTree } from "./_tree.js";

// Faults while publishing. The starting state is the real pipeline released at 1.0.0, then its
// metadata corrected in every dataset, so that a run cuts 1.0.1 of all eight datasets and rewrites
// their index files and the catalogue: the "previous state" is a full tree worth keeping intact.
// Steps are counted by the opt-in fault hook of packages/publish/src/fsutil.ts (LANGSON_FAULT_*).

const KILLS = 50;
const SEMVER = /^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$/;

let project: ProjectCopy;
let scratch: string;
/** The base state: inputs with the metadata correction, datasets/ at 1.0.0. */
let base: string;
let baseTree: Map<string, string>;
/** What an uninterrupted `langson run` makes of the base state. */
let refTree: Map<string, string>;
/** The uninterrupted run's steps, "n kind path" each. */
let trace: string[];

async function runOk(root: string): Promise<string> {
  const c = capture();
  const code = await run(c.io(root));
  expect(code, c.text()).toBe(0);
  return c.text();
}

/** A fresh copy of the base state. */
async function baseCopy(name: string): Promise<string> {
  const dir = join(scratch, name);
  await cp(base, dir, { recursive: true });
  return dir;
}

/**
 * Where the test trees live: /dev/shm when there is one. The kill test is about a process dying, not
 * the power failing, so fsync durability is not under test, and on a real disk the ~150 fsyncs of
 * each run would triple the test's time.
 */
async function scratchRoot(): Promise<string> {
  try {
    await access("/dev/shm", constants.W_OK);
    return "/dev/shm";
  } catch {
    return tmpdir();
  }
}

beforeAll(async () => {
  scratch = await mkdtemp(join(await scratchRoot(), "langson-faults-"));
  project = await copyProject();
  await runOk(project.root);
  const pipeline = JSON.parse(await project.read(PIPELINE_JSON));
  for (const d of pipeline.datasets) d.description.en += " (Metadata corrected by the fault test.)";
  await project.write(PIPELINE_JSON, `${JSON.stringify(pipeline, null, 2)}\n`);
  base = project.root;
  baseTree = await snapshotTree(join(base, "datasets"));

  const ref = await baseCopy("reference");
  const traceFile = join(scratch, "trace.txt");
  const r = await cliRun(ref, { LANGSON_FAULT_TRACE: traceFile });
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain("lang-son-trade 1.0.1 (patch)");
  refTree = await snapshotTree(join(ref, "datasets"));
  trace = (await readFile(traceFile, "utf8")).trim().split("\n");
}, 60_000);

afterAll(async () => {
  await project?.dispose();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** `count` step numbers spread evenly over 1..total, first and last included. */
function spread(total: number, count: number): number[] {
  if (total <= count) return Array.from({ length: total }, (_, i) => i + 1);
  return [...new Set(Array.from({ length: count }, (_, i) => 1 + Math.round((i * (total - 1)) / (count - 1))))];
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/**
 * What a killed run may leave: every version folder under a final name is complete (its files are
 * exactly those its SHA256SUMS lists, matching, and the same bytes as the uninterrupted run's), every
 * index file is whole (the old bytes or the new), and anything else is a temporary the next run removes.
 * Returns how many temporaries were left.
 */
async function expectConsistent(root: string): Promise<number> {
  const datasets = join(root, "datasets");
  const tree = await snapshotTree(datasets);
  let debris = 0;
  const versions = new Set<string>();
  for (const [path, hash] of tree) {
    const parts = path.replace(/\/$/, "").split("/");
    if (parts.some((p) => p.startsWith(TMP_PREFIX))) {
      if (parts.at(-1)!.startsWith(TMP_PREFIX)) debris++;
      continue;
    }
    if (parts.length === 3 && path.endsWith("/")) {
      expect(parts[2], `${path}: a folder under a dataset that is not a version`).toMatch(SEMVER);
      versions.add(`${parts[0]}/${parts[1]}/${parts[2]}`);
    } else if (parts.length <= 2 && !path.endsWith("/")) {
      expect([baseTree.get(path), refTree.get(path)], `${path} is torn`).toContain(hash);
    }
  }
  for (const v of versions) {
    const inside = [...tree].filter(([p]) => p.startsWith(`${v}/`));
    const sums = await readFile(join(datasets, v, "SHA256SUMS"), "utf8");
    const listed = sums.trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)] as const);
    expect(inside.map(([p]) => p.slice(v.length + 1)).sort(), `${v} is incomplete`).toEqual([...listed.map(([n]) => n), "SHA256SUMS"].sort());
    for (const [name, hash] of listed) expect(sha256(await readFile(join(datasets, v, name))), `${v}/${name}`).toBe(hash);
    const expected = v.endsWith("/1.0.0") ? baseTree : refTree;
    expect(new Map(inside), `${v} differs from the uninterrupted run's`).toEqual(new Map([...expected].filter(([p]) => p.startsWith(`${v}/`))));
  }
  // 1.0.0 of every dataset is still there, byte for byte.
  for (const [path, hash] of baseTree) if (/^[^/]+\/1\.0\.0\//.test(path)) expect(tree.get(path), path).toBe(hash);
  return debris;
}

describe("killed while publishing", () => {
  it(`SIGKILL at ${KILLS} steps spread over publishing: the tree holds the old state or complete new versions, and a rerun recovers to the same bytes`, async () => {
    expect(trace.length).toBeGreaterThanOrEqual(KILLS);
    const points = spread(trace.length, KILLS);
    const started = performance.now();
    const results = await pool(3, [
      ...points.map((k, i) => async () => {
        const dir = await baseCopy(`kill-${k}`);
        const killed = await cliRun(dir, { LANGSON_FAULT_AT: String(k) });
        expect(killed.signal, `step ${k} (${trace[k - 1]}): ${killed.stdout}${killed.stderr}`).toBe("SIGKILL");
        const debris = await expectConsistent(dir);
        // The rerun: every tenth as `langson run` in a child process (exit 0), the others in-process
        // through the same run() (a child costs a second of CPU, mostly loading TypeScript).
        let out: string;
        if (i % 10 === 0) {
          const rerun = await cliRun(dir);
          expect(rerun.code, rerun.stdout + rerun.stderr).toBe(0);
          out = rerun.stdout;
        } else out = await runOk(dir);
        expect(await snapshotTree(join(dir, "datasets")), `rerun after a kill at step ${k} (${trace[k - 1]})`).toEqual(refTree);
        if (debris) expect(out).toContain("left by an interrupted run");
        await rm(dir, { recursive: true, force: true });
        return { k, kind: trace[k - 1]!.split(" ")[1]!, debris };
      }),
    ]);
    const kinds = results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.kind]: (acc[r.kind] ?? 0) + 1 }), {});
    console.info(
      `kill test: ${results.length} kills over ${trace.length} publishing steps (${JSON.stringify(kinds)}), ` +
        `${results.filter((r) => r.debris).length} left temporaries that the rerun removed; ${Math.round((performance.now() - started) / 1000)} s`,
    );
    expect(results.length).toBeGreaterThanOrEqual(50);
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(["mkdir", "write", "fsync", "rename"]));
  }, 240_000);
});

describe("the uninterrupted run's steps", () => {
  it("syncs each streamed data file as a publishing step, asked for before the file is moved into its version folder", () => {
    const steps = trace.map((l) => {
      const [n, kind, ...path] = l.split(" ");
      return { n: Number(n), kind: kind!, path: path.join(" ") };
    });
    const moved = steps.filter((s) => s.kind === "rename" && /\/data\.(?:csv|json)$/.test(s.path));
    const released = [...refTree.keys()].filter((p) => /^[^/]+\/1\.0\.1\/data\.(?:csv|json)$/.test(p));
    expect(released.length).toBeGreaterThan(0);
    expect(moved).toHaveLength(released.length);
    for (const m of moved) {
      const [, dataset, name] = /\/datasets\/([^/]+)\/[^/]+\/(data\.(?:csv|json))$/.exec(m.path)!;
      const synced = steps.find((s) => s.kind === "fsync" && s.n < m.n && s.path.includes(`/datasets/${dataset}/${TMP_PREFIX}stage-`) && s.path.endsWith(`/${name}`));
      expect(synced, `${m.path} was moved without being synced`).toBeDefined();
    }
  });
});

/** The step number of the `nth` step of a kind in the uninterrupted run. */
function nthStep(kind: string, nth: number): number {
  const steps = trace.filter((l) => l.split(" ")[1] === kind);
  return Number(steps[Math.min(nth, steps.length) - 1]!.split(" ")[0]);
}

/** The step number of the first step of the uninterrupted run whose line matches `line`. */
function stepMatching(line: RegExp): number {
  return Number(trace.find((l) => line.test(l))!.split(" ")[0]);
}

const NOTHING_PUBLISHED = /^langson: (?:PublishWriteError: )?cannot write \S+: the disk is full \(ENOSPC\)\. Nothing of 1\.0\.1 was published, and every version published before is intact\. Fix that, then run again\./;

/**
 * ENOSPC injected at `step` on a copy of the base state: exit 2 with `message`, the tree consistent
 * with no temporary left, then a rerun that gives the uninterrupted run's tree.
 */
async function expectDiskFullAt(name: string, step: number, message: RegExp): Promise<void> {
  const dir = await baseCopy(name);
  const r = await cliRun(dir, { LANGSON_FAULT_ERRNO: `ENOSPC@${step}` });
  expect(r.code, r.stdout + r.stderr).toBe(2);
  expect(r.stderr).toMatch(message);
  expect(await expectConsistent(dir)).toBe(0);
  await runOk(dir);
  expect(await snapshotTree(join(dir, "datasets"))).toEqual(refTree);
}

describe("disk full and read-only folders", () => {
  it("disk full (fault hook: ENOSPC on a write halfway through): a clear error, exit 2, published versions intact, then a clean rerun", async () => {
    await expectDiskFullAt("enospc-hook", nthStep("write", Math.floor(trace.filter((l) => l.includes(" write ")).length / 2)), NOTHING_PUBLISHED);
  }, 30_000);

  it("disk full while a streamed data file is synced (fault hook: ENOSPC on its fsync): a clear error, exit 2, nothing of it published", async () => {
    await expectDiskFullAt("enospc-sync", stepMatching(/ fsync \S*\/\.tmp-stage-[^/]+\/data\.csv$/), NOTHING_PUBLISHED);
  }, 30_000);

  it("disk full while index files are written (fault hook: ENOSPC on CHANGELOG.md): a clear error, exit 2, no streamed vintages.csv left beside its place", async () => {
    await expectDiskFullAt("enospc-index", stepMatching(/ write \S*\/\.tmp-CHANGELOG\.md-[0-9a-f]+$/), /^langson: (?:PublishWriteError: )?cannot write \S+CHANGELOG\.md: the disk is full \(ENOSPC\)\./);
  }, 30_000);

  it("read-only folder (fault hook: EROFS on the first step): a clear error, exit 2, nothing changed", async () => {
    const dir = await baseCopy("erofs-hook");
    const r = await cliRun(dir, { LANGSON_FAULT_ERRNO: "EROFS@1" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^langson: (?:PublishWriteError: )?cannot write \S+: the folder is on a read-only file system \(EROFS\)\./);
    expect(await snapshotTree(join(dir, "datasets"))).toEqual(baseTree);
  }, 30_000);

  /** Mounts need root and a kernel that allows them here; elsewhere the tests above still run. */
  function tryMount(args: string[]): boolean {
    try {
      execFileSync("mount", args, { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }
  const umount = (path: string) => execFileSync("umount", [path], { stdio: "ignore" });

  it("disk full (a real 4 MiB tmpfs): a clear error, published versions intact, then a clean run once space is freed", async (ctx) => {
    const root = join(scratch, "tmpfs-root");
    const datasets = join(root, "datasets");
    await cp(join(base, "pipelines"), join(root, "pipelines"), { recursive: true });
    await mkdir(datasets, { recursive: true });
    if (!tryMount(["-t", "tmpfs", "-o", "size=4m", "tmpfs", datasets])) {
      console.info("skipped: cannot mount a tmpfs here (needs root); the ENOSPC fault-hook test covers the code path");
      ctx.skip();
    }
    try {
      await cp(join(base, "datasets"), datasets, { recursive: true });
      const before = await snapshotTree(datasets);
      expect(before).toEqual(baseTree);
      // Fill what is left but a little, so that the release starts and runs out of space.
      const filler = join(datasets, "filler.bin");
      await writeFile(filler, Buffer.alloc(0));
      for (const size of [256, 64, 16, 4]) {
        try {
          for (;;) await writeFile(filler, Buffer.alloc(size * 1024), { flag: "a" });
        } catch {}
      }
      await rm(filler);
      await writeFile(filler, Buffer.alloc(0));
      const free = Number(execFileSync("df", ["--output=avail", "-B1", datasets], { encoding: "utf8" }).trim().split("\n")[1]);
      await writeFile(filler, Buffer.alloc(Math.max(0, free - 48 * 1024)));

      const c = capture();
      await expect(run(c.io(root))).rejects.toThrow(/^cannot write \S+: the disk is full \(ENOSPC\)\. .*every version published before is intact/);
      await rm(filler);
      const after = await snapshotTree(datasets);
      for (const [path, hash] of baseTree) if (/^[^/]+\/1\.0\.0\//.test(path)) expect(after.get(path), path).toBe(hash);
      expect([...after.keys()].filter((p) => p.includes(TMP_PREFIX))).toEqual([]);
      await runOk(root);
      expect(await snapshotTree(datasets)).toEqual(refTree);
    } finally {
      umount(datasets);
    }
  }, 30_000);

  it("read-only folder (a real read-only bind mount): a clear error, nothing changed", async (ctx) => {
    const root = await baseCopy("readonly-root");
    const datasets = join(root, "datasets");
    if (!tryMount(["--bind", datasets, datasets])) {
      console.info("skipped: cannot bind-mount here (needs root); the EROFS fault-hook test covers the code path");
      ctx.skip();
    }
    try {
      if (!tryMount(["-o", "remount,bind,ro", datasets])) {
        console.info("skipped: cannot remount read-only here");
        ctx.skip();
      }
      const c = capture();
      await expect(run(c.io(root))).rejects.toThrow(/^cannot write \S+: the folder is on a read-only file system \(EROFS\)\. Nothing of 1\.0\.1 was published, and every version published before is intact\./);
      expect(await snapshotTree(datasets)).toEqual(baseTree);
    } finally {
      umount(datasets);
    }
  }, 30_000);
});

describe("the fault hook", () => {
  it("does nothing when no LANGSON_FAULT_* variable is set: the uninterrupted in-process run matches the child run byte for byte", async () => {
    const dir = await baseCopy("no-hook");
    expect(Object.keys(process.env).filter((k) => k.startsWith("LANGSON_FAULT_"))).toEqual([]);
    await runOk(dir);
    expect(await snapshotTree(join(dir, "datasets"))).toEqual(refTree);
    expect((await readdir(join(dir, "datasets"))).filter((n) => n.startsWith(TMP_PREFIX))).toEqual([]);
  });
});
