import type { Issue, Severity } from "@langson-open-data/schemas";

/** Findings of one code listed in a report; the rest are counted (a national input can raise millions). */
export const MAX_FINDINGS_PER_CODE = 1000;

/** Findings of a code that were counted but not kept. */
export type Omitted = Map<string, { severity: Severity; count: number }>;

/**
 * An issue list that keeps the first MAX_FINDINGS_PER_CODE findings of each code and counts the
 * rest, so that memory follows the codes, not the rows. Everything that collects findings with
 * `push` can be given one. `absorb` takes in another list and its counts.
 */
export class IssueList extends Array<Issue> {
  static override get [Symbol.species]() {
    return Array;
  }
  readonly omitted: Omitted = new Map();
  private readonly perCode = new Map<string, number>();

  override push(...items: Issue[]): number {
    for (const issue of items) {
      const n = this.perCode.get(issue.code) ?? 0;
      if (n < MAX_FINDINGS_PER_CODE) {
        this.perCode.set(issue.code, n + 1);
        super.push(issue);
        continue;
      }
      const o = this.omitted.get(issue.code);
      if (o) o.count++;
      else this.omitted.set(issue.code, { severity: issue.severity, count: 1 });
    }
    return this.length;
  }

  /** Adds another list's findings, and its omitted counts when it is an IssueList. */
  absorb(items: readonly Issue[]): void {
    this.push(...items);
    if (items instanceof IssueList) {
      for (const [code, o] of items.omitted) {
        const mine = this.omitted.get(code);
        if (mine) mine.count += o.count;
        else this.omitted.set(code, { ...o });
      }
    }
  }
}

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
export function makeReport(issues: readonly Issue[], counts: Omit<ReportStats, "errors" | "warnings">, omitted: Omitted = new Map()): Report {
  // One line per code whose findings were only counted; the stats count every finding.
  const summaries: Issue[] = [...omitted].map(([code, o]) => ({
    code: "findings-omitted",
    severity: o.severity,
    message: `${o.count} more ${code} ${o.severity === "error" ? "errors" : "warnings"} are not listed: a report lists the first ${MAX_FINDINGS_PER_CODE} of each code`,
    location: {},
    expected: `at most ${MAX_FINDINGS_PER_CODE} ${code} findings listed`,
    found: `${o.count} more`,
  }));
  const sorted = [...issues, ...summaries].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      (a.location.file ?? "").localeCompare(b.location.file ?? "") ||
      (a.location.row ?? 0) - (b.location.row ?? 0) ||
      (a.location.dataset ?? "").localeCompare(b.location.dataset ?? "") ||
      (a.rule ?? "").localeCompare(b.rule ?? "") ||
      a.code.localeCompare(b.code),
  );
  const listed = (severity: Severity) => sorted.filter((i) => i.severity === severity && i.code !== "findings-omitted").length;
  const more = (severity: Severity) => [...omitted.values()].filter((o) => o.severity === severity).reduce((n, o) => n + o.count, 0);
  const errors = listed("error") + more("error");
  const warnings = listed("warning") + more("warning");
  return { valid: errors === 0, stats: { ...counts, errors, warnings }, issues: sorted };
}
