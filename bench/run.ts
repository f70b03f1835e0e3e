/**
 * The scale benchmark: one generated pipeline input, measured in one run on this machine.
 *
 *   npm run bench -- [--rows 1000000] [--skip-3m] [--heap-mb 128] [--semi-space-mb 8] [--timeout-min 10]
 *                    [--modes r,run,check,validate,tableschema,python] [--seed langson]
 *
 * - R: the raw cost of the libraries (bench/baseline.ts: papaparse streaming parse, csv-stringify
 *   streaming write and a JSON write of the same rows);
 * - run: the whole pipeline, `langson run` (ingest → validate → normalize → checks → CSV + JSON
 *   release) on a temporary root holding only the generated pipeline;
 * - check: `langson check`, everything but the releases: the schema, normalization, quotes, rules;
 * - validate: validate-only, `langson validate`: the input schema of every row (the file read in two
 *   halves at once), what tableschema and the Python script do;
 * - tableschema: Frictionless JS validating the same file against a matching Table Schema;
 * - python: bench/validate.py, csv + jsonschema (Debian's python3-jsonschema, installed if missing);
 * - at 3 M rows (unless --skip-3m): R and run again, for the memory claim.
 *
 * Every child runs under /usr/bin/time -v (wall, CPU, peak RSS), with --max-old-space-size for Node
 * (default 128 MB: the pipeline keeps ~25 MB alive between stages at 1–3 M rows and runs in a 96 MB
 * heap, but without a cap V8 lets garbage grow to ~500 MB before it collects) and a timeout after which its process group is killed and it is reported as
 * "timed out" (its peak RSS then is the highest read from /proc while it ran). The data
 * is clean (no planted errors), so that `run` publishes; bench/out/ keeps it for the next run.
 * The last line printed is machine-readable:
 *   ratio=<run/R> rows_per_s=<n> peak_rss_mb=<n> vs_tableschema=<tableschema/validate> vs_python=<python/run>
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { type Measurement, fixed, lapTable, measure } from "./_measure.js";
import { BENCH_DIR } from "./generate.js";

const REPO = join(BENCH_DIR, "..");
const OUT = join(BENCH_DIR, "out");
const PYTHON = "/usr/bin/python3";
const MODES = ["r", "run", "check", "validate", "tableschema", "python"] as const;
type Mode = (typeof MODES)[number];

interface Options {
  readonly rows: number;
  readonly rows3m: number;
  readonly skip3m: boolean;
  readonly seed: string;
  readonly heapMb: number;
  readonly semiSpaceMb: number;
  readonly timeoutMs: number;
  readonly modes: ReadonlySet<Mode>;
}

const log = (s: string) => void process.stderr.write(`${s}\n`);
const USAGE = `usage: npm run bench -- [--rows 1000000] [--skip-3m] [--rows-3m 3000000] [--heap-mb 128] [--semi-space-mb 8] [--timeout-min 10]
                     [--modes ${MODES.join(",")}] [--seed langson]
`;

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: "string", default: "1000000" },
      "rows-3m": { type: "string", default: "3000000" },
      "skip-3m": { type: "boolean", default: false },
      seed: { type: "string", default: "langson" },
      "heap-mb": { type: "string", default: "128" },
      "semi-space-mb": { type: "string", default: "8" },
      "timeout-min": { type: "string", default: "10" },
      modes: { type: "string", default: MODES.join(",") },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const modes = new Set(values.modes!.split(",").map((m) => m.trim()));
  for (const m of modes) if (!(MODES as readonly string[]).includes(m)) throw new Error(`unknown mode "${m}"; the modes are ${MODES.join(", ")}`);
  return {
    rows: Number(values.rows),
    rows3m: Number(values["rows-3m"]),
    skip3m: values["skip-3m"]!,
    seed: values.seed!,
    heapMb: Number(values["heap-mb"]),
    semiSpaceMb: Number(values["semi-space-mb"]),
    timeoutMs: Number(values["timeout-min"]) * 60_000,
    modes: modes as Set<Mode>,
  };
}

/**
 * The memory every Node child is given: an old space of --heap-mb and young semi-spaces of
 * --semi-space-mb (V8's default, 16 MB, lets the young generation take ~48 MB of resident memory;
 * 4 MB costs `run` ~7 % more CPU in collections and ~30 MiB less at its peak, and takes most of
 * what the rows thread gains: `check` at 200 000 rows took 11.75 s with 4 MB, 11.12 s with 8 MB and
 * 9.74 s with 16 MB, the thread doing the whole row stage; 8 MB is between).
 */
const v8Flags = (o: Pick<Options, "heapMb" | "semiSpaceMb">) => [`--max-old-space-size=${o.heapMb}`, `--max-semi-space-size=${o.semiSpaceMb}`];
const nodeArgs = (o: Options, script: string, ...args: string[]) => [...v8Flags(o), "--conditions=source", "--import", "tsx", script, ...args];
/** The command line as `npm start` runs it: the bundle packages/cli/build.mjs writes, no TypeScript compiler. */
const CLI_BUNDLE = "packages/cli/dist/langson.mjs";
const cliArgs = (o: Options, ...args: string[]) => [...v8Flags(o), CLI_BUNDLE, ...args];

/** A hash of the generator's code: generated data is reused only if the code that made it is unchanged. */
function generatorHash(): string {
  const h = createHash("sha256");
  for (const f of ["generate.ts", "_prng.ts", "_provinces.ts"]) h.update(readFileSync(join(BENCH_DIR, f)));
  return h.digest("hex");
}

/** Generates the clean input for `rows`, or reuses it when the same code made it with the same seed. */
async function ensureData(rows: number, o: Options): Promise<{ dir: string; generation?: Measurement }> {
  const dir = join(OUT, `pipeline-${rows}-clean`);
  const stamp = `${dir}.stamp`;
  const want = JSON.stringify({ rows, seed: o.seed, errorRate: 0, generator: generatorHash() });
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want && existsSync(join(dir, "observations.csv"))) {
    log(`reusing ${relative(REPO, dir)}`);
    return { dir };
  }
  log(`generating ${rows} rows into ${relative(REPO, dir)} …`);
  rmSync(stamp, { force: true });
  const generation = await measure(`generate ${rows}`, process.execPath, nodeArgs(o, "bench/generate.ts", "--rows", String(rows), "--seed", o.seed, "--error-rate", "0", "--out", dir), {
    cwd: REPO,
    timeoutMs: o.timeoutMs,
  });
  if (generation.outcome !== "ok") throw new Error(`generation failed (${generation.outcome}):\n${generation.stderrTail}`);
  writeFileSync(stamp, want);
  return { dir, generation };
}

/** A throwaway project root holding only pipelines/<name>, made of hard links to the generated files. */
function makeRoot(dataDir: string, tag: string): string {
  const root = join(OUT, `root-${tag.replace(/\s+/g, "-")}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  const target = join(root, "pipelines", dataDir.split("/").at(-1)!);
  const link = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const e of readdirSync(from, { withFileTypes: true })) {
      if (e.isDirectory()) link(join(from, e.name), join(to, e.name));
      else linkSync(join(from, e.name), join(to, e.name));
    }
  };
  link(dataDir, target);
  return root;
}

function ensurePythonJsonschema(): string | undefined {
  const probe = () => spawnSync(PYTHON, ["-c", "import jsonschema, importlib.metadata as m; print(m.version('jsonschema'))"], { encoding: "utf8" });
  let p = probe();
  if (p.status === 0) return p.stdout.trim();
  log("python3-jsonschema is missing: apt-get update && apt-get install -y python3-jsonschema …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"], env });
  const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "python3-jsonschema"], { stdio: ["ignore", "ignore", "inherit"], env }) : update;
  if (install.status !== 0) return undefined;
  p = probe();
  return p.status === 0 ? p.stdout.trim() : undefined;
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

interface Row {
  readonly m: Measurement;
  readonly rows: number;
}

const ok = (m: Measurement | undefined) => m !== undefined && m.outcome === "ok";

async function main(argv: string[]): Promise<number> {
  const o = parseOptions(argv);
  if (!Number.isInteger(o.rows) || o.rows < 1) throw new RangeError(`--rows must be a positive integer, got ${o.rows}`);
  mkdirSync(OUT, { recursive: true });
  const started = new Date();
  const loadBefore = loadavg();
  const pythonJsonschema = o.modes.has("python") ? ensurePythonJsonschema() : undefined;
  if (o.modes.has("run") || o.modes.has("check") || o.modes.has("validate")) {
    const built = spawnSync(process.execPath, ["packages/cli/build.mjs"], { cwd: REPO, stdio: ["ignore", "inherit", "inherit"] });
    if (built.status !== 0) throw new Error("packages/cli/build.mjs failed: the command line could not be bundled");
  }

  const results: Row[] = [];
  const byLabel = new Map<string, Measurement>();
  const record = (m: Measurement, rows: number) => {
    results.push({ m, rows });
    byLabel.set(m.label, m);
    log(`  ${m.label}: ${m.outcome}, ${fixed(m.wallS)} s, ${fixed(m.peakRssMiB, 0)} MiB${m.outcome === "ok" ? "" : `\n${m.stderrTail.split("\n").slice(-6).join("\n")}`}`);
  };
  const timing = { cwd: REPO, timeoutMs: o.timeoutMs, env: { ...process.env, NO_COLOR: "1" } };
  // The pipeline's own laps (packages/publish/src/laps.ts) say where its time goes.
  const traced = { ...timing, env: { ...timing.env, NODE_DEBUG: [process.env.NODE_DEBUG, "langson"].filter(Boolean).join(",") } };

  const measureSize = async (rows: number, modes: ReadonlySet<Mode>, suffix: string) => {
    const { dir, generation } = await ensureData(rows, o);
    if (generation) record({ ...generation, label: `generate${suffix}` }, rows);
    const csv = join(dir, "observations.csv");
    if (modes.has("r")) {
      const out = join(OUT, `baseline-${process.pid}`);
      record(await measure(`R${suffix}`, process.execPath, nodeArgs(o, "bench/baseline.ts", csv, out), timing), rows);
      rmSync(out, { recursive: true, force: true });
    }
    if (modes.has("run")) {
      const root = makeRoot(dir, `run${suffix}`);
      record(await measure(`run${suffix}`, process.execPath, cliArgs(o, "run", "--root", root), traced), rows);
      rmSync(root, { recursive: true, force: true });
    }
    if (modes.has("check")) {
      const root = makeRoot(dir, `check${suffix}`);
      record(await measure(`check${suffix}`, process.execPath, cliArgs(o, "check", "--root", root), traced), rows);
      rmSync(root, { recursive: true, force: true });
    }
    if (modes.has("validate")) {
      const root = makeRoot(dir, `validate${suffix}`);
      record(await measure(`validate${suffix}`, process.execPath, cliArgs(o, "validate", "--root", root), timing), rows);
      rmSync(root, { recursive: true, force: true });
    }
    if (modes.has("tableschema")) {
      record(await measure(`tableschema${suffix}`, process.execPath, nodeArgs(o, "bench/tableschema-validate.ts", csv), timing), rows);
    }
    if (modes.has("python")) {
      if (pythonJsonschema === undefined) log("  python: skipped, python3-jsonschema could not be installed");
      else record(await measure(`python${suffix}`, PYTHON, ["bench/validate.py", csv, "schemas/json/input-observation.schema.json"], timing), rows);
    }
  };

  log(`bench: ${o.rows} rows, modes ${[...o.modes].join(",")}, heap cap ${o.heapMb} MB, semi-space ${o.semiSpaceMb} MB, timeout ${o.timeoutMs / 60_000} min`);
  await measureSize(o.rows, o.modes, "");
  const big = !o.skip3m && o.rows3m !== o.rows;
  if (big) await measureSize(o.rows3m, new Set((["r", "run"] as const).filter((m) => o.modes.has(m))), ` ${o.rows3m / 1e6}M`);

  // ------------------------------------------------------------------------------------------
  const R = byLabel.get("R");
  const run = byLabel.get("run");
  const check = byLabel.get("check");
  const validate = byLabel.get("validate");
  const ts = byLabel.get("tableschema");
  const py = byLabel.get("python");
  const ratio = ok(R) && ok(run) ? run!.wallS / R!.wallS : undefined;
  const rowsPerS = ok(run) ? o.rows / run!.wallS : undefined;
  const pipelineRuns = results.filter((r) => r.m.label.startsWith("run"));
  // The highest peak of any pipeline run, finished or not: a run that ran out of memory or was killed
  // at the timeout had at least that much.
  const peaks = pipelineRuns.map((r) => r.m.peakRssMiB).filter((x) => x !== undefined);
  const peak = peaks.length ? Math.max(...peaks) : undefined;
  const vsTableschema = ok(ts) && ok(validate) ? ts!.wallS / validate!.wallS : undefined;
  const checkVsTableschema = ok(ts) && ok(check) ? ts!.wallS / check!.wallS : undefined;
  const vsPython = ok(py) && ok(run) ? py!.wallS / run!.wallS : undefined;
  const checkVsPython = ok(py) && ok(check) ? py!.wallS / check!.wallS : undefined;

  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines: string[] = [];
  lines.push(
    `# bench ${started.toISOString()}: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
      `tableschema ${packageVersion("tableschema")}, papaparse ${packageVersion("papaparse")}, csv-stringify ${packageVersion("csv-stringify")}, ` +
      `python jsonschema ${pythonJsonschema ?? "n/a"}; load average ${loadBefore.map((x) => x.toFixed(1)).join(" ")} before, ${loadavg().map((x) => x.toFixed(1)).join(" ")} after; heap cap ${o.heapMb} MB, semi-space ${o.semiSpaceMb} MB`,
    "",
    "| mode | rows | wall s | CPU s | peak RSS MiB | rows/s | outcome |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  );
  for (const { m, rows } of results) {
    const outcome = m.outcome === "ok" ? "ok" : `${m.outcome}${m.exitCode !== null ? ` (exit ${m.exitCode})` : ""}`;
    const rss = `${m.outcome === "timed out" && m.peakRssMiB !== undefined ? "≥ " : ""}${fixed(m.peakRssMiB, 0)}`;
    lines.push(`| ${m.label} | ${rows} | ${fixed(m.wallS)} | ${fixed(m.cpuS)} | ${rss} | ${m.outcome === "ok" ? Math.round(rows / m.wallS) : "—"} | ${outcome} |`);
  }
  const target = (name: string, value: number | undefined, goal: string, met: (x: number) => boolean, digits = 2) =>
    `- ${name}: ${value === undefined ? "not measured" : fixed(value, digits)} (target ${goal}: ${value === undefined ? "unknown" : met(value) ? "met" : "NOT met"})`;
  const info = (name: string, value: number | undefined) => `- ${name}: ${value === undefined ? "not measured" : fixed(value, 2)}`;
  // On a shared machine wall time includes waiting for a core; CPU time (user + system) does not.
  const cpuRatio = (a: Measurement | undefined, b: Measurement | undefined) => (ok(a) && ok(b) && a!.cpuS && b!.cpuS ? a!.cpuS / b!.cpuS : undefined);
  lines.push(
    "",
    target("ratio run/R", ratio, "≤ 1.0", (x) => x <= 1),
    target("rows/s end to end", rowsPerS, "≥ 150 000", (x) => x >= 150_000, 0),
    target(`peak RSS of run, MiB (${pipelineRuns.map((r) => r.m.label).join(", ")})`, peak, "≤ 256", (x) => x <= 256, 0),
    target("validate-only speed-up vs tableschema (tableschema / validate)", vsTableschema, "≥ 4", (x) => x >= 4),
    target("end-to-end speed-up vs python (python / run)", vsPython, "≥ 8", (x) => x >= 8),
    info("validate-only speed-up vs python (python / validate)", ok(py) && ok(validate) ? py!.wallS / validate!.wallS : undefined),
    info("every check but the releases vs tableschema (tableschema / check)", checkVsTableschema),
    info("every check but the releases vs python (python / check)", checkVsPython),
    info("the same by CPU time: run/R", cpuRatio(run, R)),
    info("the same by CPU time: tableschema / validate", cpuRatio(ts, validate)),
    info("the same by CPU time: tableschema / check", cpuRatio(ts, check)),
    info("the same by CPU time: python / run", cpuRatio(py, run)),
  );
  for (const { m } of results.filter((r) => r.m.outcome === "ok" && r.m.traceLines.length)) lines.push("", ...lapTable(m));
  const failed = results.filter((r) => r.m.outcome !== "ok");
  const why = (m: Measurement) => m.stderrTail.split("\n").filter(Boolean).slice(-8).map((l) => `    ${l}`).join("\n") || `    (nothing on stderr${m.outcome === "timed out" ? `: killed after ${fixed(m.wallS, 0)} s` : ""})`;
  if (failed.length) lines.push("", ...failed.map((r) => `${r.m.label} ${r.m.outcome}:\n${why(r.m)}`));
  lines.push("", `ratio=${fixed(ratio, 2)} rows_per_s=${rowsPerS === undefined ? "NA" : Math.round(rowsPerS)} peak_rss_mb=${fixed(peak, 0)} vs_tableschema=${fixed(vsTableschema, 2)} vs_python=${fixed(vsPython, 2)}`);
  const text = `${lines.join("\n")}\n`;
  process.stdout.write(text);
  writeFileSync(
    join(OUT, `results-${o.rows}.json`),
    `${JSON.stringify({ started: started.toISOString(), options: { ...o, modes: [...o.modes] }, results: results.map(({ m, rows }) => ({ ...m, rows })) }, null, 2)}\n`,
  );
  writeFileSync(join(OUT, `results-${o.rows}.md`), text);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    const argError = e instanceof Error && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`bench: ${e instanceof Error ? (argError ? `${e.message}\n${USAGE}` : (e.stack ?? e.message)) : String(e)}\n`);
    process.exitCode = 2;
  },
);
