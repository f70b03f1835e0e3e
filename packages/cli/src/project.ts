import { basename, join } from "node:path";
import type { SourceRecord } from "@langson-open-data/schemas";
import { type DatasetInput, type ReleasePlan, lap, planRelease, printed } from "@langson-open-data/publish";
import { IssueList, type Omitted, type Report, makeReport } from "@langson-open-data/validate";
import { type LoadedPipeline, discoverPipelines, loadPipeline } from "./pipeline.js";

/** Every pipeline of the project, loaded and checked, with one report over all of them. */
export interface Project {
  readonly root: string;
  readonly datasetsDir: string;
  readonly pipelines: readonly LoadedPipeline[];
  readonly report: Report;
  /** Findings the report only counted (beyond the first 1 000 of a code in a dataset). */
  readonly omitted: Omitted;
  /** Removes what the pipelines set aside on disk (their spooled observations). */
  dispose(): void;
}

/**
 * Loads and checks every pipeline, or only those named in `only` (folder names under pipelines/):
 * pipelines are independent, so a CI runner can check some of them (a turbo task per pipeline).
 */
export async function loadProject(root: string, only?: readonly string[]): Promise<Project> {
  const issues = new IssueList();
  const dirs = await selectPipelines(root, only, issues);
  // One pipeline at a time: each is CPU-bound, and each holds its spools' files open while it loads.
  const pipelines: LoadedPipeline[] = [];
  try {
    for (const d of dirs) pipelines.push(await loadPipeline(root, d));
  } catch (e) {
    for (const p of pipelines) p.dispose();
    throw e;
  }
  for (const p of pipelines) issues.absorb(p.issues);
  const report = makeReport(issues, {
    pipelines: pipelines.length,
    datasets: pipelines.reduce((n, p) => n + (p.pipeline?.datasets.length ?? 0), 0),
    observations: pipelines.reduce((n, p) => n + p.checked, 0),
    rules: pipelines.reduce((n, p) => n + (p.pipeline?.rules.length ?? 0), 0),
  }, issues.omitted);
  return { root, datasetsDir: join(root, "datasets"), pipelines, report, omitted: issues.omitted, dispose: () => pipelines.forEach((p) => p.dispose()) };
}

/**
 * The pipelines' folders, or those named in `only`; a name that is no pipeline, or a project
 * without any, is an error in `issues`.
 */
export async function selectPipelines(root: string, only: readonly string[] | undefined, issues: IssueList): Promise<string[]> {
  const all = await discoverPipelines(root);
  const dirs = only ? all.filter((d) => only.includes(basename(d))) : all;
  for (const name of only ?? []) {
    if (!all.some((d) => basename(d) === name)) {
      issues.push({
        code: "pipeline-unknown",
        severity: "error",
        message: `no pipeline named ${name}: pipelines/${name}/pipeline.json does not exist`,
        location: { file: `pipelines/${name}` },
        expected: all.map((d) => basename(d)).join(", ") || "a folder of pipelines/ with a pipeline.json",
        found: name,
      });
    }
  }
  if (all.length === 0) {
    issues.push({ code: "no-pipelines", severity: "error", message: "pipelines/ holds no folder with a pipeline.json", location: { file: "pipelines" } });
  }
  return dirs;
}

/** Newest of the dates among inputs, "YYYY-MM" or "YYYY-MM-DD" (lexical order works for both). */
function newest(dates: readonly string[]): string {
  return dates.reduce((a, b) => (b > a ? b : a), "");
}

/** What each dataset would publish now: its figures (precedence applied), sources, findings, date. */
export function datasetInputs(project: Project): DatasetInput[] {
  const out: DatasetInput[] = [];
  for (const p of project.pipelines) {
    if (!p.pipeline) continue;
    for (const meta of p.pipeline.datasets) {
      const observations = p.observations.get(meta.id);
      if (!observations || observations.count === 0) continue;
      const used = new Set(observations.sources);
      const sources: SourceRecord[] = p.sources.filter((s) => used.has(s.id));
      const codes = new Set(meta.indicators.map((i) => i.code));
      const correctionDates = p.corrections.filter((c) => codes.has(c.indicator)).map((c) => c.date);
      out.push({
        meta,
        pipeline: p.id,
        sources,
        observations,
        issues: project.report.issues.filter((i) => i.location.dataset === meta.id),
        asOf: newest([...sources.map((s) => s.published), ...correctionDates]),
      });
    }
  }
  return out;
}

/** What was decided for one dataset, without its rendered files: all the summaries need. */
export type PlanSummary = Omit<ReleasePlan, "files" | "dispose">;

/**
 * Plans each dataset's release. With `each`, the data files are streamed into a temporary folder of
 * the dataset and `each` gets the plan to write (`run`); without, only the diff and version are
 * decided (`check`, `verify`): the data files are only measured, and not even that for a first
 * release. Either way what a plan set aside is removed once `each` is done with it.
 *
 * Without `each`, one dataset at a time. With it, a dataset's data.parquet is written by DuckDB, in
 * a thread of its own, while this thread renders the next dataset's data files: at most two plans
 * are under way, one writing its Parquet file, one rendering, and one Parquet file is written at a
 * time (DuckDB may take 64 MB for each). `each` still gets the plans one at a time, in dataset
 * order. The laps say when each dataset's data files were rendered (`release`), then how long
 * this thread waited for the one before to be written (`parquet`).
 */
export async function planAll(project: Project, each?: (plan: ReleasePlan) => Promise<void>): Promise<PlanSummary[]> {
  const plans: PlanSummary[] = [];
  if (!each) {
    for (const input of datasetInputs(project)) {
      const plan = await planRelease(project.datasetsDir, input, { summaryOnly: true });
      await plan.dispose();
      lap(`release ${plan.dataset}`);
      plans.push({ dataset: plan.dataset, diff: plan.diff, version: plan.version });
    }
    return plans;
  }
  // The dataset before, writing its Parquet file, and the one rendering now.
  let behind: { readonly dataset: string; readonly done: Promise<PlanSummary> } | undefined;
  let current: Promise<PlanSummary> | undefined;
  const finish = async (b: NonNullable<typeof behind>) => {
    plans.push(await b.done);
    lap(`parquet ${b.dataset}`);
  };
  try {
    for (const input of datasetInputs(project)) {
      let renderedHere!: () => void;
      const ready = new Promise<void>((resolve) => (renderedHere = resolve));
      const before = behind?.done;
      // Its Parquet file waits for the plan before, and is not written after a failure of it.
      const rendered = async () => {
        renderedHere();
        await before;
      };
      current = (async () => {
        const plan = await planRelease(project.datasetsDir, input, { write: true, rendered });
        try {
          // Written in dataset order, and not at all after a failure of the one before.
          await before;
          await each(plan);
        } finally {
          await plan.dispose();
        }
        return { dataset: plan.dataset, diff: plan.diff, version: plan.version };
      })();
      // Its failure is taken below or by the plan after it; until then it is not one nobody handles.
      current.catch(() => undefined);
      // Rendered, or done without a Parquet file to write (no new version), or failed.
      await Promise.race([ready, current]);
      lap(`release ${input.meta.id}`);
      if (behind) await finish(behind);
      behind = { dataset: input.meta.id, done: current };
      current = undefined;
    }
    if (behind) await finish(behind);
    return plans;
  } catch (e) {
    // Nothing set aside outlives the failure: both plans under way remove theirs first.
    await Promise.allSettled([behind?.done, current]);
    throw e;
  }
}

/** The rules each indicator takes part in, for saying what a changed figure does to them. */
function rulesByIndicator(project: Project): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of project.pipelines)
    for (const r of p.pipeline?.rules ?? [])
      for (const code of [r.total, ...r.components]) out.set(code, [...(out.get(code) ?? []), r.id]);
  return out;
}

function ruleOutcome(project: Project, rule: string): string {
  const found = project.report.issues.filter((i) => i.rule === rule);
  if (found.length === 0) return `${rule}: passes`;
  return found.map((i) => `${rule}: ${i.severity} ${i.code}`).join("; ");
}

/** The release plan as text: per dataset, the version it would get and why. */
export function renderPlansText(plans: readonly PlanSummary[]): string {
  const lines = plans.map((p) =>
    p.version === null
      ? `  ${p.dataset}: ${p.diff.from} unchanged`
      : `  ${p.dataset}: ${p.diff.from ?? "(new)"} → ${p.version} (${p.diff.change}${p.diff.reasons.length ? `: ${p.diff.reasons.join("; ")}` : ""})`,
  );
  return `Releases:\n${lines.join("\n")}\n`;
}

/** The release plan for a pull request: each changed figure old → new, its rules, the next version. */
export function renderPlansMarkdown(project: Project, plans: readonly PlanSummary[]): string {
  const rules = rulesByIndicator(project);
  const lines = ["### Releases this change would cut", "", "| dataset | from | to | change | why |", "|---|---|---|---|---|"];
  for (const p of plans) {
    lines.push(`| ${p.dataset} | ${p.diff.from ?? "—"} | ${p.version ?? "(no release)"} | ${p.version ? p.diff.change : "none"} | ${p.diff.reasons.join("; ")} |`);
  }
  const changes = plans.flatMap((p) => [...p.diff.unitChanges, ...p.diff.changed].map((c) => ({ p, c })));
  if (changes.length) {
    lines.push("", "#### Changed figures", "", "| figure | published | becomes | rules it belongs to | note |", "|---|---|---|---|---|");
    for (const { c } of changes) {
      const ruleText = (rules.get(c.after.indicator) ?? []).map((r) => ruleOutcome(project, r)).join("<br>") || "—";
      lines.push(`| ${c.key.replace(/\|/g, " ")} | ${printed(c.before)} | ${printed(c.after)} | ${ruleText} | ${c.after.note.replace(/\|/g, "\\|")} |`);
    }
  }
  const added = plans.flatMap((p) => p.diff.added.map((o) => ({ p, o })));
  if (added.length && plans.some((p) => p.diff.from !== null)) {
    lines.push("", "#### Added figures", "", "| dataset | figure | value |", "|---|---|---|");
    for (const { p, o } of added.filter(({ p }) => p.diff.from !== null)) lines.push(`| ${p.dataset} | ${o.indicator} ${o.measure} ${o.time_period} | ${printed(o)} |`);
  }
  return `${lines.join("\n")}\n`;
}
