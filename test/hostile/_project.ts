import { fileURLToPath } from "node:url";
import { loadProject } from "@langson-open-data/cli";
import type { Issue } from "@langson-open-data/schemas";
import { PIPELINE, type ProjectCopy, copyProject } from "../../packages/cli/test/project-copy.js";

export { PIPELINE, REPO, capture, copyProject } from "../../packages/cli/test/project-copy.js";
export type { ProjectCopy } from "../../packages/cli/test/project-copy.js";

export const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));
export const OBS = `${PIPELINE}/observations.csv`;
export const CORRECTIONS = `${PIPELINE}/corrections.csv`;
export const PIPELINE_JSON = `${PIPELINE}/pipeline.json`;
export const SOURCES_JSON = `${PIPELINE}/sources/sources.json`;
export const CORRECTION_HEADER =
  "indicator,measure,ref_area,time_period,source,replaces,value_text,unit_text,reason,evidence_source,evidence_quote,evidence_reference,contributor,date\n";

/** Every finding of a check over the copy. */
export async function findings(project: ProjectCopy): Promise<Issue[]> {
  return (await loadProject(project.root)).report.issues as Issue[];
}

/** The findings located at one row of one file, in the order they were raised. */
export const at = (issues: readonly Issue[], file: string, row: number) => issues.filter((i) => i.location.file === file && i.location.row === row);

/** A finding reduced to what a test pins: code, where, expected and found. */
export const finding = (i: Issue) => ({
  code: i.code,
  location: { file: i.location.file, row: i.location.row, column: i.location.column },
  expected: i.expected,
  found: i.found,
});

/**
 * Appends one row to observations.csv, quoting a new source whose snapshot states `snapshot`, and
 * returns the row's number (header = 1).
 */
export async function plantRow(project: ProjectCopy, line: string, snapshot?: string): Promise<number> {
  if (snapshot !== undefined) await project.addSource("hostile", `${snapshot}\n`, { published: "2023-07", reference_period: "2023-S1" });
  const text = await project.read(OBS);
  await project.write(OBS, `${text}${line}\n`);
  return text.trimEnd().split("\n").length + 1;
}

/** A copy of the real project, for one test. */
export async function withProject<T>(fn: (p: ProjectCopy) => Promise<T>): Promise<T> {
  const p = await copyProject();
  try {
    return await fn(p);
  } finally {
    await p.dispose();
  }
}
