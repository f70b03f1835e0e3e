/**
 * Where time and memory go in the current pipeline, on a generated input (default 100 000 rows):
 * - CPU: `langson run` under `node --cpu-prof`; prints the top functions by self time and by total
 *   (inclusive) time, with file and line;
 * - memory: the stages of `run` in one process with `--expose-gc`, the heap used after a full GC at
 *   each stage (what each stage keeps alive), in bytes per input row.
 *
 *   node --conditions=source --import tsx bench/profile.ts [--rows 100000] [--top 25] [--memory-only]
 *   node --conditions=source --import tsx bench/profile.ts --summarize some.cpuprofile   (any profile)
 */
import { spawnSync } from "node:child_process";
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";
import { BENCH_DIR, generate } from "./generate.js";

const REPO = join(BENCH_DIR, "..");
const OUT = join(BENCH_DIR, "out");

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) linkTree(join(from, e.name), join(to, e.name));
    else linkSync(join(from, e.name), join(to, e.name));
  }
}

const sources = new Map<string, string>();
/**
 * tsx hands V8 each module as one line, so a profile's line numbers are useless for TypeScript: the
 * line is found again by the function's name in the source.
 */
function lineOf(path: string, name: string, line: number): number | undefined {
  if (!path.endsWith(".ts")) return line + 1;
  if (!name || name === "(anonymous)") return undefined;
  if (!sources.has(path)) sources.set(path, existsSync(path) ? readFileSync(path, "utf8") : "");
  const text = sources.get(path)!;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`(?:function\\*?\\s+${escaped}\\b|\\b${escaped}\\s*(?:=|:)\\s*(?:async\\s*)?(?:function|\\()|^[ \\t]*(?:async\\s+|static\\s+|override\\s+)*${escaped}\\s*\\()`, "m").exec(text);
  return m ? text.slice(0, m.index).split("\n").length : undefined;
}

const where = (f: ProfileNode["callFrame"]) => {
  const url = f.url.replace(/^file:\/\//, "");
  const file = url.startsWith(REPO) ? relative(REPO, url) : url.replace(/^.*node_modules\//, "node_modules/") || "(native)";
  const line = f.url ? lineOf(url, f.functionName, f.lineNumber) : undefined;
  return `${f.functionName || "(anonymous)"} ${file}${line ? `:${line}` : ""}`;
};

function summarizeCpu(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    all += dt;
    const node = byId.get(id)!;
    self.set(where(node.callFrame), (self.get(where(node.callFrame)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = where(byId.get(cur)!.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + dt);
    }
  });
  const table = (m: Map<string, number>, title: string) =>
    [
      `${title} (of ${(all / 1e6).toFixed(1)} s sampled)`,
      ...[...m]
        .filter(([k]) => !/^\((root|program|idle)\)/.test(k))
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([k, us]) => `  ${(us / 1e6).toFixed(2).padStart(7)} s ${((100 * us) / all).toFixed(1).padStart(5)} %  ${k}`),
    ].join("\n");
  // Self time by file: where the pipeline's own code (and each library) spends it.
  const byFile = new Map<string, number>();
  for (const [k, us] of self) {
    const file = k.startsWith("(") && !k.startsWith("(anonymous)") ? k : k.slice(k.indexOf(" ") + 1).replace(/:\d+$/, "").replace(/^(node_modules\/[^/]+).*$/, "$1").replace(/^node:.*$/, "node: internals");
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  return `${table(self, "self time")}\n\n${table(total, "total time (inclusive)")}\n\n${table(byFile, "self time by file")}\n`;
}

/** Runs the stages of `langson run` and reports the heap each leaves alive. */
const STAGES_SCRIPT = `
import { join } from "node:path";
import { loadProject, planAll } from "./packages/cli/src/project.ts";
import { buildSite, writeCatalogue, writeCkanFiles, writeDatasetIndex, writeDcatFiles, writeRelease } from "@langson-open-data/publish";
const root = process.argv[1];
const rows = Number(process.argv[2]);
// The time of a stage is taken before the forced collections that measure what it keeps.
let cpu = process.cpuUsage();
let wall = performance.now();
let spent = "";
const used = () => {
  const c = process.cpuUsage(cpu);
  spent = ((c.user + c.system) / 1e6).toFixed(1).padStart(6) + " s CPU " + ((performance.now() - wall) / 1e3).toFixed(1).padStart(6) + " s wall, ";
  globalThis.gc(); globalThis.gc();
  const bytes = process.memoryUsage().heapUsed;
  cpu = process.cpuUsage();
  wall = performance.now();
  return bytes;
};
const line = (stage, bytes, base) => console.log(stage.padEnd(44) + spent + (bytes / 2 ** 20).toFixed(0).padStart(6) + " MiB heap, " + ((bytes - base) / rows).toFixed(0).padStart(5) + " B/row above start, rss " + (process.memoryUsage().rss / 2 ** 20).toFixed(0) + " MiB, peak rss so far " + (process.resourceUsage().maxRSS / 1024).toFixed(0) + " MiB");
const base = used();
line("start (code loaded)", base, base);
const project = await loadProject(root);
line("loadProject (ingest, normalize, checks)", used(), base);
await planAll(project, async (plan) => {
  await writeRelease(project.datasetsDir, plan);
  line("  " + plan.dataset + " planned (files rendered)", used(), base);
});
line("planAll + writeRelease (summaries kept)", used(), base);
const datasets = project.pipelines.flatMap((p) => p.pipeline?.datasets.map((d) => d.id) ?? []);
for (const d of datasets) await writeDatasetIndex(project.datasetsDir, d);
line("dataset index files (vintages, changelog)", used(), base);
const sources = project.pipelines.flatMap((p) => p.sources);
await writeCatalogue(project.datasetsDir, datasets, sources);
await writeDcatFiles(project.datasetsDir, datasets, sources);
await writeCkanFiles(project.datasetsDir, datasets, sources);
line("catalogue, DCAT, CKAN", used(), base);
await buildSite(project.datasetsDir, join(root, "site"));
line("site", used(), base);
console.log("observations held: " + project.report.stats.observations + ", issues: " + project.report.issues.length);
`;

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { rows: { type: "string", default: "100000" }, top: { type: "string", default: "25" }, "memory-only": { type: "boolean" }, "heap-mb": { type: "string", default: "8192" }, summarize: { type: "string" }, seed: { type: "string", default: "langson" } } });
  if (values.summarize) {
    // A profile taken elsewhere (node --cpu-prof … check): summarized the same way.
    process.stdout.write(summarizeCpu(JSON.parse(readFileSync(values.summarize, "utf8")) as CpuProfile, Number(values.top)));
    return;
  }
  const rows = Number(values.rows);
  const data = join(OUT, `pipeline-${rows}-clean`);
  if (!existsSync(join(data, "observations.csv"))) await generate({ rows, seed: values.seed!, errorRate: 0, out: data });
  const root = join(OUT, `root-profile-${process.pid}`);
  const profDir = join(OUT, `profile-${rows}`);
  rmSync(root, { recursive: true, force: true });
  rmSync(profDir, { recursive: true, force: true });
  linkTree(data, join(root, "pipelines", `bench-${rows}`));
  mkdirSync(profDir, { recursive: true });

  const env = { ...process.env, NO_COLOR: "1" };
  if (!values["memory-only"]) profileCpu(root, profDir, rows, Number(values.top), env);

  rmSync(join(root, "datasets"), { recursive: true, force: true });
  const stages = spawnSync(
    process.execPath,
    [`--max-old-space-size=${values["heap-mb"]}`, "--expose-gc", "--conditions=source", "--import", "tsx", "--input-type=module", "-e", STAGES_SCRIPT, root, String(rows)],
    { cwd: REPO, env, encoding: "utf8", maxBuffer: 1 << 30 },
  );
  if (stages.status !== 0) throw new Error(`stages failed after:\n${stages.stdout}\n${stages.stderr}`);
  process.stdout.write(`\nTime of each stage of \`run\` and the heap it keeps alive (full GC first), ${rows} rows:\n\n${stages.stdout}`);
  rmSync(root, { recursive: true, force: true });
}

function profileCpu(root: string, profDir: string, rows: number, top: number, env: NodeJS.ProcessEnv): void {
  const cpu = spawnSync(
    process.execPath,
    ["--max-old-space-size=8192", "--cpu-prof", `--cpu-prof-dir=${profDir}`, "--conditions=source", "--import", "tsx", "packages/cli/src/bin.ts", "run", "--root", root],
    { cwd: REPO, env, encoding: "utf8", maxBuffer: 1 << 30 },
  );
  if (cpu.status !== 0) throw new Error(`run failed under --cpu-prof:\n${cpu.stderr}`);
  const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"))!;
  process.stdout.write(`CPU profile of \`langson run\` on ${rows} rows (${relative(REPO, join(profDir, file))}):\n\n`);
  process.stdout.write(summarizeCpu(JSON.parse(readFileSync(join(profDir, file), "utf8")) as CpuProfile, top));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`profile: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
