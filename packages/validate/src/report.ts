import type { Issue, Severity } from "@langson-open-data/schemas";

/** Findings of one code listed per dataset in a report; the rest are counted (a national input can raise millions). */
export const MAX_FINDINGS_PER_CODE = 1000;

/** Findings of a code (in a dataset) that were counted but not listed. */
export type Omitted = Map<string, { code: string; dataset: string | undefined; severity: Severity; count: number }>;

const severityOrder = { error: 0, warning: 1 } as const;
const text = (a: string | undefined, b: string | undefined) => (a ?? "").localeCompare(b ?? "");

/**
 * The order of a report: severity, then file and row, then dataset, rule and code, then the rest of
 * the location and the texts, so that no two different findings tie and the order never depends on
 * the order the checks found them in.
 */
export function compareIssues(a: Issue, b: Issue): number {
  return (
    severityOrder[a.severity] - severityOrder[b.severity] ||
    text(a.location.file, b.location.file) ||
    (a.location.row ?? 0) - (b.location.row ?? 0) ||
    text(a.location.dataset, b.location.dataset) ||
    text(a.rule, b.rule) ||
    a.code.localeCompare(b.code) ||
    text(a.location.indicator, b.location.indicator) ||
    text(a.location.measure, b.location.measure) ||
    text(a.location.period, b.location.period) ||
    text(a.location.column, b.location.column) ||
    text(a.message, b.message) ||
    text(a.expected, b.expected) ||
    text(a.found, b.found)
  );
}

/**
 * An issue list that keeps, of each code in each dataset, the first MAX_FINDINGS_PER_CODE findings in
 * report order (compareIssues) and counts the rest: memory follows the codes, not the rows, and which
 * findings are listed does not depend on the order they were found in. Everything that collects
 * findings with `push` can be given one. `absorb` takes in another list and its counts.
 */
export class IssueList extends Array<Issue> {
  static override get [Symbol.species]() {
    return Array;
  }
  readonly omitted: Omitted = new Map();
  private readonly perKey = new Map<string, number>();

  override push(...items: Issue[]): number {
    for (const issue of items) {
      const key = `${issue.code}|${issue.location.dataset ?? ""}`;
      const n = (this.perKey.get(key) ?? 0) + 1;
      this.perKey.set(key, n);
      super.push(issue);
      // Past twice the limit, the key's findings are sorted and the surplus counted: amortized, the
      // list never holds more than twice the limit of a key.
      if (n >= 2 * MAX_FINDINGS_PER_CODE) this.trim(key);
    }
    return this.length;
  }

  private trim(key: string): void {
    const mine: Issue[] = [];
    const others: Issue[] = [];
    for (const i of this) (`${i.code}|${i.location.dataset ?? ""}` === key ? mine : others).push(i);
    if (mine.length <= MAX_FINDINGS_PER_CODE) return;
    mine.sort(compareIssues);
    const dropped = mine.length - MAX_FINDINGS_PER_CODE;
    const first = mine[0]!;
    const o = this.omitted.get(key);
    if (o) o.count += dropped;
    else this.omitted.set(key, { code: first.code, dataset: first.location.dataset, severity: first.severity, count: dropped });
    this.length = 0;
    for (const i of others) super.push(i);
    for (const i of mine.slice(0, MAX_FINDINGS_PER_CODE)) super.push(i);
    this.perKey.set(key, MAX_FINDINGS_PER_CODE);
  }

  /** Trims every key to the limit; makeReport and absorb call it. */
  settle(): this {
    for (const [key, n] of this.perKey) if (n > MAX_FINDINGS_PER_CODE) this.trim(key);
    return this;
  }

  /** Adds another list's findings, and its omitted counts when it is an IssueList. */
  absorb(items: readonly Issue[]): void {
    const settled = items instanceof IssueList ? items.settle() : items;
    for (const i of settled) this.push(i);
    if (items instanceof IssueList) {
      for (const [key, o] of items.omitted) {
        const mine = this.omitted.get(key);
        if (mine) mine.count += o.count;
        else this.omitted.set(key, { ...o });
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

/** Builds a report; issues in report order (compareIssues), for stable output. */
export function makeReport(issues: readonly Issue[], counts: Omit<ReportStats, "errors" | "warnings">, omitted: Omitted = new Map()): Report {
  if (issues instanceof IssueList) issues.settle();
  // One line per code (and dataset) whose findings were only counted; the stats count every finding.
  const summaries: Issue[] = [...omitted.values()].map((o) => ({
    code: "findings-omitted",
    severity: o.severity,
    message: `${o.count} more ${o.code} ${o.severity === "error" ? "errors" : "warnings"}${o.dataset ? ` of ${o.dataset}` : ""} are not listed: a report lists the first ${MAX_FINDINGS_PER_CODE} of each code${o.dataset ? " in a dataset" : ""}`,
    location: o.dataset ? { dataset: o.dataset } : {},
    expected: `at most ${MAX_FINDINGS_PER_CODE} ${o.code} findings listed`,
    found: `${o.count} more`,
  }));
  const sorted = [...issues, ...summaries].sort(compareIssues);
  const listed = (severity: Severity) => sorted.filter((i) => i.severity === severity && i.code !== "findings-omitted").length;
  const more = (severity: Severity) => [...omitted.values()].filter((o) => o.severity === severity).reduce((n, o) => n + o.count, 0);
  const errors = listed("error") + more("error");
  const warnings = listed("warning") + more("warning");
  return { valid: errors === 0, stats: { ...counts, errors, warnings }, issues: sorted };
}
