/**
 * A problem found in data, as a value: stable kebab-case `code`, `severity`, where it is, what was
 * expected and what was found. Every stage reports with this one shape; renderers sit in `validate`.
 */
export type Severity = "error" | "warning";

export interface Location {
  /** Path relative to the project root, e.g. "pipelines/lang-son-2023-q1/observations.csv". */
  readonly file?: string;
  /** 1-based data row number as a spreadsheet shows it (header = row 1, first data row = row 2). */
  readonly row?: number;
  readonly column?: string;
  readonly dataset?: string;
  readonly indicator?: string;
  readonly measure?: string;
  readonly period?: string;
}

export interface Issue {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly location: Location;
  readonly expected?: string;
  readonly found?: string;
  /** Id of the declared rule that raised it, where one did. */
  readonly rule?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ProblemDetail };

/** An issue before it knows where it happened: parsers return these, callers add the location. */
export interface ProblemDetail {
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly found?: string;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, expected?: string, found?: string): Result<never> => ({
  ok: false,
  error: { code, message, ...(expected === undefined ? {} : { expected }), ...(found === undefined ? {} : { found }) },
});

/** Shortens long input for messages, so a 10 MB cell never floods a report. */
export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** "file:row:column" style location text. */
export function formatLocation(loc: Location): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file + (loc.row !== undefined ? `:${loc.row}` : "") + (loc.column ? ` [${loc.column}]` : ""));
  const key = [loc.dataset, loc.indicator, loc.measure, loc.period].filter(Boolean).join(" / ");
  if (key) parts.push(key);
  return parts.join(" · ") || "(project)";
}
