import type { Issue } from "@langson-open-data/schemas";
import type { Check, CheckContext, CheckedObservation } from "./model.js";
import { type RowCheckOptions, rowChecks } from "./rows.js";
import { growthRuleChecks, totalsChecks } from "./rules.js";
import { seriesChecks } from "./series.js";

/** Every data check, fresh for one run. */
export function createChecks(ctx: CheckContext, options: RowCheckOptions = {}): Check[] {
  return [rowChecks(ctx, options), totalsChecks(ctx), growthRuleChecks(ctx), seriesChecks(ctx)];
}

/** Runs the checks over a stream of observations: each sees every row once, then reports. */
export async function runChecks(ctx: CheckContext, observations: AsyncIterable<CheckedObservation> | Iterable<CheckedObservation>): Promise<Issue[]> {
  const checks = createChecks(ctx);
  for await (const o of observations) for (const c of checks) c.row?.(o);
  return checks.flatMap((c) => c.end());
}
