import type { Issue } from "@langson-open-data/schemas";

/** The outcome of a check run: valid when no issue is an error. */
export interface Report {
  readonly valid: boolean;
  readonly stats: ReportStats;
  readonly issues: readonly Issue[];
}

export interface ReportStats {
  readonly pipelines: number;
  readonly datasets: number;
  readonly observations: number;
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
}

const severityOrder = { error: 0, warning: 1 } as const;

/** Builds a report; issues are ordered by severity, then file and row, then code, for stable output. */
export function makeReport(issues: readonly Issue[], counts: Omit<ReportStats, "errors" | "warnings">): Report {
  const sorted = [...issues].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      (a.location.file ?? "").localeCompare(b.location.file ?? "") ||
      (a.location.row ?? 0) - (b.location.row ?? 0) ||
      (a.location.dataset ?? "").localeCompare(b.location.dataset ?? "") ||
      (a.rule ?? "").localeCompare(b.rule ?? "") ||
      a.code.localeCompare(b.code),
  );
  const errors = sorted.filter((i) => i.severity === "error").length;
  return { valid: errors === 0, stats: { ...counts, errors, warnings: sorted.length - errors }, issues: sorted };
}
