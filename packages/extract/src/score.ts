/** A row to compare by: a candidate, or a hand-written or pipeline-normalized expected row. */
export interface ScoredRow {
  readonly value: string;
  readonly unit: string;
  readonly measure: string;
  readonly time_period?: string;
  readonly obs_status?: string;
  readonly indicator?: string;
}

/** Recall and precision of candidates against expected rows, matched one-to-one by (value, unit, measure). */
export interface Score {
  readonly expected: number;
  readonly found: number;
  readonly matched: number;
  /** matched ÷ expected (1 when nothing was expected). */
  readonly recall: number;
  /** matched ÷ found (1 when nothing was found). */
  readonly precision: number;
  /** Expected rows no candidate matched. */
  readonly missing: readonly ScoredRow[];
  /** Candidates no expected row matched. */
  readonly extra: readonly ScoredRow[];
  /** Matched pairs, for comparing the other columns. */
  readonly pairs: readonly { readonly expected: ScoredRow; readonly found: ScoredRow }[];
}

const key = (r: ScoredRow) => `${r.value}|${r.unit}|${r.measure}`;

/**
 * Matches candidates to expected rows by (value, unit, measure), each row at most once; among equal
 * keys, pairs agreeing on time_period go first.
 *
 * @example
 * scoreCandidates(extract(text).candidates, expectedRows) // { recall: 1, precision: 0.98, missing: [], extra: [...], … }
 */
export function scoreCandidates(found: readonly ScoredRow[], expected: readonly ScoredRow[]): Score {
  const pool = new Map<string, ScoredRow[]>();
  for (const f of found) pool.set(key(f), [...(pool.get(key(f)) ?? []), f]);
  const pairs: { expected: ScoredRow; found: ScoredRow }[] = [];
  const missing: ScoredRow[] = [];
  for (const e of expected) {
    const same = pool.get(key(e)) ?? [];
    const i = Math.max(0, same.findIndex((f) => f.time_period === e.time_period));
    const f = same[i];
    if (f) {
      same.splice(i, 1);
      pairs.push({ expected: e, found: f });
    } else missing.push(e);
  }
  const extra = [...pool.values()].flat();
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return { expected: expected.length, found: found.length, matched: pairs.length, recall: ratio(pairs.length, expected.length), precision: ratio(pairs.length, found.length), missing, extra, pairs };
}
