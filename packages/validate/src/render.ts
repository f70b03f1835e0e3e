import { formatLocation, type Issue } from "@langson-open-data/schemas";
import type { Report } from "./report.js";

export interface RenderOptions {
  /** ANSI colours; pass `process.stdout.isTTY` so that logs and files stay plain. */
  readonly color?: boolean;
  /** What ran, for the verdict: "check" (the default) or "validate", which runs no rule. */
  readonly command?: "check" | "validate";
}

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

function groupKey(i: Issue): string {
  return i.location.file ?? (i.location.dataset ? `dataset ${i.location.dataset}` : "project");
}

function groups(issues: readonly Issue[]): Map<string, Issue[]> {
  const out = new Map<string, Issue[]>();
  for (const i of issues) {
    const k = groupKey(i);
    out.set(k, [...(out.get(k) ?? []), i]);
  }
  return out;
}

function summary(r: Report, command: RenderOptions["command"] = "check"): string {
  const s = r.stats;
  const what =
    command === "validate"
      ? `${s.observations} row${s.observations === 1 ? "" : "s"} read in ${s.pipelines} pipeline${s.pipelines === 1 ? "" : "s"}`
      : `${s.observations} observations in ${s.datasets} datasets, ${s.rules} rules`;
  return `${what}: ${s.errors} error${s.errors === 1 ? "" : "s"}, ${s.warnings} warning${s.warnings === 1 ? "" : "s"}`;
}

/** Terminal rendering: grouped by file or dataset, readable, colour only when asked. */
export function renderTerminal(report: Report, options: RenderOptions = {}): string {
  const c = options.color ?? false;
  const lines: string[] = [];
  for (const [group, issues] of groups(report.issues)) {
    lines.push(paint(c, 1, group));
    for (const i of issues) {
      const tag = i.severity === "error" ? paint(c, 31, "error  ") : paint(c, 33, "warning");
      const where = formatLocation({ ...i.location, file: undefined }) ;
      const row = i.location.row !== undefined ? `row ${i.location.row}${i.location.column ? `, ${i.location.column}` : ""}: ` : "";
      lines.push(`  ${tag} ${paint(c, 2, i.code)}${i.rule ? paint(c, 2, ` [${i.rule}]`) : ""} ${row}${i.message}`);
      if (where !== "(project)" && !i.location.file) lines.push(`          at ${where}`);
      if (i.expected !== undefined) lines.push(`          expected: ${i.expected}`);
      if (i.found !== undefined) lines.push(`          found:    ${i.found}`);
    }
  }
  const command = options.command ?? "check";
  const verdict = report.valid ? paint(c, 32, `✓ ${command} passed`) : paint(c, 31, `✗ ${command} failed`);
  lines.push(`${verdict}: ${summary(report, command)}`);
  return `${lines.join("\n")}\n`;
}

/** JSON rendering: the report model as is. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const mdCell = (s: string | number | undefined) =>
  String(s ?? "").replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/[<>]/g, (ch) => (ch === "<" ? "&lt;" : "&gt;"));

/** Markdown rendering, for a pull request's job summary. */
export function renderMarkdown(report: Report, options: Pick<RenderOptions, "command"> = {}): string {
  const name = options.command === "validate" ? "Validate" : "Check";
  const lines = [`### ${report.valid ? `✅ ${name} passed` : `❌ ${name} failed`}`, "", summary(report, options.command), ""];
  if (report.issues.length > 0) {
    lines.push("| | code | where | message | expected | found |", "|---|---|---|---|---|---|");
    for (const i of report.issues) {
      lines.push(
        `| ${i.severity === "error" ? "❌" : "⚠️"} | \`${i.code}\`${i.rule ? ` (${mdCell(i.rule)})` : ""} | ${mdCell(formatLocation(i.location))} | ${mdCell(i.message)} | ${mdCell(i.expected)} | ${mdCell(i.found)} |`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
