import { execFileSync } from "node:child_process";
import { appendFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Issue } from "@langson-open-data/schemas";
import {
  buildSite,
  cleanTemporaries,
  lap,
  startLaps,
  listVersions,
  renderCatalogue,
  renderCkanFiles,
  renderDatasetIndex,
  type FileBody,
  hashFile,
  isSpooled,
  renderDcatFiles,
  sameBytes,
  writeCatalogue,
  writeCkanFiles,
  writeDcatFiles,
  writeRelease,
} from "@langson-open-data/publish";
import { IssueList, MAX_FINDINGS_PER_CODE, type Omitted, makeReport, renderJson, renderMarkdown, renderTerminal } from "@langson-open-data/validate";
import { indexFiles } from "./index-files.js";
import { type Project, loadProject, planAll, renderPlansMarkdown, renderPlansText, selectPipelines } from "./project.js";
import { validatePipelineFiles } from "./validate-rows.js";

export type Format = "terminal" | "json" | "md";

export interface CommandIO {
  readonly root: string;
  readonly out: (text: string) => void;
  readonly color: boolean;
  /** Where a Markdown summary goes too (GitHub Actions' $GITHUB_STEP_SUMMARY), if anywhere. */
  readonly summaryFile?: string;
  /** `check` only: the pipelines to check (folder names under pipelines/); all when absent. */
  readonly pipelines?: readonly string[];
}

/**
 * `check`: ingest → validate → normalize → every rule, writing nothing. Exit 1 on any error, 0 with
 * warnings only. Also says which version each dataset would get.
 */
export async function check(io: CommandIO, format: Format = "terminal"): Promise<number> {
  startLaps();
  const project = await loadProject(io.root, io.pipelines);
  let plans;
  try {
    plans = project.report.valid ? await planAll(project) : [];
  } finally {
    project.dispose();
  }
  if (format === "json") io.out(renderJson(project.report));
  else if (format === "md") io.out(`${renderMarkdown(project.report)}\n${plans.length ? renderPlansMarkdown(project, plans) : ""}`);
  else io.out(`${renderTerminal(project.report, { color: io.color })}${plans.length ? renderPlansText(plans) : ""}`);
  if (io.summaryFile) appendFileSync(io.summaryFile, `${renderMarkdown(project.report)}\n${plans.length ? renderPlansMarkdown(project, plans) : ""}`);
  lap("report");
  return project.report.valid ? 0 : 1;
}

/**
 * `validate`: each pipeline's files for their encoding, CSV form and JSON Schemas, and nothing more (see
 * validatePipelineFiles): the quick first look at a large input, as a Table Schema validator
 * gives, with the same findings as `check` for what it looks at. Exit 1 on any error. A large
 * observations.csv is read on both cores.
 */
export async function validate(io: CommandIO, format: Format = "terminal"): Promise<number> {
  startLaps();
  const issues = new IssueList();
  const dirs = await selectPipelines(io.root, io.pipelines, issues);
  let datasets = 0;
  let rows = 0;
  for (const dir of dirs) {
    const v = await validatePipelineFiles(io.root, dir, issues);
    datasets += v.datasets;
    rows += v.rows;
  }
  const report = makeReport(issues, { pipelines: dirs.length, datasets, observations: rows, rules: 0 }, issues.omitted);
  const note = "validate checks the files' encoding, CSV form and JSON Schemas only; npm run check also normalizes each row, finds its quote in its source and runs every rule";
  if (format === "json") io.out(renderJson(report));
  else if (format === "md") io.out(`${renderMarkdown(report, { command: "validate" })}\n${note}.\n`);
  else io.out(`${renderTerminal(report, { color: io.color, command: "validate" })}${note}.\n`);
  lap("report");
  return report.valid ? 0 : 1;
}

/**
 * `run`, the main job: every pipeline → checks → releases → dataset index files → catalogue.
 * Refuses to publish anything when the check fails; a second run on the same inputs changes no byte.
 */
export async function run(io: CommandIO): Promise<number> {
  const started = performance.now();
  startLaps();
  const project = await loadProject(io.root);
  try {
    return await publishProject(io, project, started);
  } finally {
    project.dispose();
  }
}

async function publishProject(io: CommandIO, project: Project, started: number): Promise<number> {
  if (!project.report.valid) {
    io.out(renderTerminal(project.report, { color: io.color }));
    io.out("Nothing was published: fix the errors above, then run again.\n");
    return 1;
  }
  const cleaned = await cleanTemporaries(project.datasetsDir);
  for (const path of cleaned) io.out(`removed ${relative(io.root, path)}, left by an interrupted run\n`);
  const released: string[] = [];
  // A large run writes each dataset's index files in a thread beside the next dataset's release.
  const index = indexFiles(project.datasetsDir, project.pipelines.some((p) => p.threaded));
  let datasets: string[];
  try {
    const plans = await planAll(project, async (plan) => {
      const path = await writeRelease(project.datasetsDir, plan);
      if (path) released.push(`${plan.dataset} ${plan.version} (${plan.diff.change})`);
      index.ready(plan.dataset);
    });
    datasets = plans.map((p) => p.dataset);
    for (const d of datasets) {
      await index.written(d);
      lap(`index ${d}${index.threaded ? " with-index-thread" : ""}`);
    }
  } finally {
    await index.close();
  }
  const sources = project.pipelines.flatMap((p) => p.sources);
  await writeCatalogue(project.datasetsDir, datasets, sources); // catalogue.json, catalogue.csv
  await writeDcatFiles(project.datasetsDir, datasets, sources); // catalogue.jsonld (DCAT-AP 3)
  await writeCkanFiles(project.datasetsDir, datasets, sources); // <dataset>/ckan.json
  lap("catalogue");
  const site = await buildSite(project.datasetsDir, join(io.root, "site"));
  lap("site");
  const s = project.report.stats;
  io.out(
    [
      `${s.pipelines} pipeline(s), ${s.datasets} datasets, ${s.observations} observations, ${s.rules} rules: ${s.errors} errors, ${s.warnings} warnings`,
      ...warningLines(project.report.issues, project.report.stats.warnings),
      released.length ? `released:\n${released.map((r) => `  ${r}`).join("\n")}` : "nothing to release: every dataset is unchanged since its latest version",
      `site: ${site.pages} pages in site/ (npm run serve)`,
      `done in ${Math.round(performance.now() - started)} ms`,
    ].join("\n") + "\n",
  );
  lap("report");
  return 0;
}

/** The first warnings of a run, one line each; the full list is `npm run check`'s. */
function warningLines(issues: readonly Issue[], total: number, shown = 20): string[] {
  const warnings = issues.filter((i) => i.severity === "warning" && i.code !== "findings-omitted");
  const lines = warnings.slice(0, shown).map((i) => `  warning ${i.code}${i.rule ? ` [${i.rule}]` : ""}: ${i.message}`);
  if (total > lines.length) lines.push(`  … and ${total - lines.length} more warnings: npm run check lists them (the first ${MAX_FINDINGS_PER_CODE} of each code in a dataset)`);
  return lines;
}

/**
 * `verify`: every published file matches its version's SHA256SUMS; no file of a published version was
 * modified or deleted in git history; the committed releases and index files are exactly what the
 * pipeline produces from the inputs.
 */
export async function verify(io: CommandIO, format: Format = "terminal"): Promise<number> {
  const issues: Issue[] = [];
  const datasetsDir = join(io.root, "datasets");
  const rel = (p: string) => relative(io.root, p).split("\\").join("/");
  const datasets = (await readdir(datasetsDir, { withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory()).map((e) => e.name);
  let files = 0;
  for (const d of datasets.sort()) {
    for (const v of await listVersions(datasetsDir, d)) {
      const dir = join(datasetsDir, d, v);
      const sums = await readFile(join(dir, "SHA256SUMS"), "utf8").catch(() => undefined);
      if (sums === undefined) {
        issues.push({ code: "verify-sums-missing", severity: "error", message: `${rel(dir)} has no SHA256SUMS`, location: { file: rel(dir), dataset: d } });
        continue;
      }
      const listed = new Map(sums.trim().split("\n").map((l) => [l.slice(66), l.slice(0, 64)] as const));
      const present = (await readdir(dir)).filter((n) => n !== "SHA256SUMS");
      for (const name of present) {
        files++;
        const expected = listed.get(name);
        const file = rel(join(dir, name));
        if (!expected) {
          issues.push({ code: "verify-unlisted-file", severity: "error", message: `${file} is not listed in SHA256SUMS: a published version gains no files`, location: { file, dataset: d } });
          continue;
        }
        const { sha256: found } = await hashFile(join(dir, name));
        if (found !== expected) {
          issues.push({ code: "verify-checksum-mismatch", severity: "error", message: `${file} does not match its SHA256SUMS: a published file was modified`, location: { file, dataset: d }, expected, found });
        }
      }
      for (const name of listed.keys()) {
        if (!present.includes(name)) {
          issues.push({ code: "verify-file-missing", severity: "error", message: `${rel(join(dir, name))} is listed in SHA256SUMS but missing: a published file was deleted`, location: { file: rel(join(dir, name)), dataset: d } });
        }
      }
    }
  }
  issues.push(...gitHistoryIssues(io.root));

  const project = await loadProject(io.root);
  try {
    issues.push(...(await verifyAgainstInputs(project, datasetsDir, datasets)));
  } finally {
    project.dispose();
  }
  const report = makeReport(issues, { pipelines: project.pipelines.length, datasets: datasets.length, observations: project.report.stats.observations, rules: project.report.stats.rules }, errorsOmitted(project.omitted));
  if (format === "json") io.out(renderJson(report));
  else if (format === "md") io.out(renderMarkdown(report));
  else io.out(renderTerminal(report, { color: io.color }).replace(/check (passed|failed)/, `verify $1 (${files} published files)`));
  return report.valid ? 0 : 1;
}

/** The inputs check, give no pending release, and give the index files that are committed. */
async function verifyAgainstInputs(project: Project, datasetsDir: string, datasets: readonly string[]): Promise<Issue[]> {
  const rel = (p: string) => relative(project.root, p).split("\\").join("/");
  const issues: Issue[] = [];
  // The counted-only errors come back through errorsOmitted, not as their summary lines.
  issues.push(...project.report.issues.filter((i) => i.severity === "error" && i.code !== "findings-omitted"));
  if (project.report.valid) {
    for (const plan of await planAll(project)) {
      if (plan.version !== null) {
        issues.push({
          code: "verify-release-pending",
          severity: "error",
          message: `the inputs give ${plan.dataset} ${plan.version} (${plan.diff.reasons.join("; ")}), which is not committed: run npm start and commit datasets/`,
          location: { dataset: plan.dataset },
          expected: `latest ${plan.diff.from ?? "(none)"} equal to what the pipeline produces`,
          found: `a pending ${plan.diff.change} release`,
        });
      }
    }
    const expected = new Map<string, FileBody>();
    for (const d of datasets) for (const [p, c] of await renderDatasetIndex(datasetsDir, d)) expected.set(p, c);
    const sources = project.pipelines.flatMap((x) => x.sources);
    for (const render of [renderCatalogue, renderDcatFiles, renderCkanFiles]) {
      for (const [p, c] of await render(datasetsDir, datasets, sources)) expected.set(p, c);
    }
    for (const [path, content] of expected) {
      const state = await matches(path, content);
      if (state !== "same") {
        issues.push({
          code: "verify-index-stale",
          severity: "error",
          message: `${rel(path)} ${state === "missing" ? "is missing" : "differs from what the version folders give"}: run npm start and commit datasets/`,
          location: { file: rel(path) },
        });
      }
    }
  }
  return issues;
}

/** Whether a file on disk holds these bytes; a streamed body (vintages.csv) is compared by size and sha256. */
async function matches(path: string, content: FileBody): Promise<"same" | "different" | "missing"> {
  if (isSpooled(content)) {
    const found = await hashFile(path).catch(() => undefined);
    if (found === undefined) return "missing";
    return found.bytes === content.bytes && found.sha256 === content.sha256 ? "same" : "different";
  }
  const found = await readFile(path).catch(() => undefined);
  if (found === undefined) return "missing";
  return sameBytes(found, content) ? "same" : "different";
}

/** The errors a report only counted (warnings do not fail verify). */
function errorsOmitted(omitted: Omitted): Omitted {
  return new Map([...omitted].filter(([, o]) => o.severity === "error"));
}

/** Files of published versions that a later commit modified, deleted or renamed. */
function gitHistoryIssues(root: string): Issue[] {
  let log: string;
  try {
    log = execFileSync("git", ["log", "--format=%h", "--name-status", "--diff-filter=MDR", "--", "datasets"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 });
  } catch {
    return []; // not a git checkout (a downloaded copy): the checksums above still hold
  }
  const issues: Issue[] = [];
  let commit = "";
  for (const line of log.split("\n")) {
    if (/^[0-9a-f]{4,40}$/.test(line)) {
      commit = line;
      continue;
    }
    const [status, path] = line.split("\t");
    if (!status || !path) continue;
    if (/^datasets\/[^/]+\/[0-9]+\.[0-9]+\.[0-9]+\//.test(path)) {
      issues.push({
        code: "verify-history-rewritten",
        severity: "error",
        message: `commit ${commit} ${status.startsWith("D") ? "deleted" : status.startsWith("R") ? "renamed" : "modified"} ${path}, a file of a published version`,
        location: { file: path },
        expected: "published versions never change",
        found: `${status} in ${commit}`,
      });
    }
  }
  return issues;
}
