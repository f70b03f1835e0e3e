/** First and last day a published period covers, as ISO dates. */
export interface PeriodBounds {
  readonly start: string;
  readonly end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The days a `time_period` covers: "2023-Q1" → 2023-01-01..2023-03-31, "2022" → the year, "2023-03"
 * → the month, "2023-03-27" → that day, "2023-01-01/2023-03-27" → from the first to the last day.
 * Throws on anything the contract's TIME_PERIOD_PATTERN would reject.
 */
export function periodBounds(period: string): PeriodBounds {
  const slash = period.indexOf("/");
  if (slash >= 0) return { start: periodBounds(period.slice(0, slash)).start, end: periodBounds(period.slice(slash + 1)).end };
  let m = /^([0-9]{4})$/.exec(period);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^([0-9]{4})-S([12])$/.exec(period);
  if (m) return m[2] === "1" ? { start: `${m[1]}-01-01`, end: `${m[1]}-06-30` } : { start: `${m[1]}-07-01`, end: `${m[1]}-12-31` };
  m = /^([0-9]{4})-Q([1-4])$/.exec(period);
  if (m) {
    const year = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return { start: `${year}-${pad(first)}-01`, end: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
  }
  m = /^([0-9]{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) return { start: `${m[1]}-${m[2]}-01`, end: `${m[1]}-${m[2]}-${pad(lastDay(Number(m[1]), Number(m[2])))}` };
  m = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/.exec(period);
  if (m) return { start: period, end: period };
  throw new RangeError(`not a published time period: ${JSON.stringify(period.slice(0, 40))}`);
}

/** The smallest span covering every period, or null for none. */
export function coverage(periods: Iterable<string>): PeriodBounds | null {
  let start = "";
  let end = "";
  for (const p of periods) {
    const b = periodBounds(p);
    if (!start || b.start < start) start = b.start;
    if (!end || b.end > end) end = b.end;
  }
  return start ? { start, end } : null;
}
