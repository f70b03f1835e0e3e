import type { DatasetMetadata, Issue, Rule } from "@langson-open-data/schemas";

const RESERVED_NAME = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * Checks of what pipeline.json declares, before any data: indicators defined once, rules naming
 * declared indicators, rule ids unique, no cycle among totals (a total that is its own component).
 */
export function checkDeclarations(datasets: readonly DatasetMetadata[], rules: readonly Rule[], file: string): Issue[] {
  const issues: Issue[] = [];
  const owner = new Map<string, string>();
  const datasetIds = new Set<string>();
  datasets.forEach((d, i) => {
    // A dataset id is a folder name: Windows cannot create a folder named after a device.
    if (RESERVED_NAME.test(d.id)) {
      issues.push({
        code: "id-reserved",
        severity: "error",
        message: `dataset id "${d.id}" is a reserved device name on Windows, where its folder could not be checked out`,
        location: { file, column: `datasets.${i}.id`, dataset: d.id },
        expected: "an id that is not a reserved device name",
        found: d.id,
      });
    }
  });
  for (const d of datasets) {
    if (datasetIds.has(d.id)) {
      issues.push({ code: "dataset-duplicate", severity: "error", message: `dataset ${d.id} is declared twice`, location: { file, dataset: d.id } });
    }
    datasetIds.add(d.id);
    for (const ind of d.indicators) {
      const first = owner.get(ind.code);
      if (first) {
        issues.push({
          code: "indicator-duplicate",
          severity: "error",
          message: `indicator ${ind.code} is declared in ${first === d.id ? `${d.id} twice` : `both ${first} and ${d.id}`}; an indicator belongs to one dataset`,
          location: { file, dataset: d.id, indicator: ind.code },
        });
      } else owner.set(ind.code, d.id);
    }
  }
  // The unit of each indicator code as first declared (a code declared twice is reported above).
  const unitOf = new Map<string, string>();
  for (const d of datasets) for (const ind of d.indicators) if (!unitOf.has(ind.code)) unitOf.set(ind.code, ind.unit);
  const ruleIds = new Set<string>();
  const edges = new Map<string, string[]>();
  for (const r of rules) {
    if (ruleIds.has(r.id)) issues.push({ code: "rule-duplicate-id", severity: "error", message: `rule id ${r.id} is used twice`, location: { file }, rule: r.id });
    ruleIds.add(r.id);
    for (const code of [r.total, ...r.components]) {
      if (!owner.has(code)) {
        issues.push({
          code: "rule-unknown-indicator",
          severity: "error",
          rule: r.id,
          message: `rule ${r.id} names ${code}, which no dataset declares`,
          location: { file, indicator: code },
          expected: "an indicator declared in pipeline.json",
          found: code,
        });
      }
    }
    if (r.components.includes(r.total)) {
      issues.push({ code: "rule-cycle", severity: "error", rule: r.id, message: `rule ${r.id}: ${r.total} is a component of itself`, location: { file, indicator: r.total } });
    }
    const units = new Set([r.total, ...r.components].map((c) => unitOf.get(c)).filter(Boolean));
    if (units.size > 1) {
      issues.push({
        code: "units-mismatch-in-rule",
        severity: "error",
        rule: r.id,
        message: `rule ${r.id} adds indicators declared in different units (${[...units].join(", ")})`,
        location: { file, indicator: r.total },
        expected: "one unit",
        found: [...units].join(", "),
      });
    }
    if (r.type === "totals") edges.set(r.total, [...(edges.get(r.total) ?? []), ...r.components]);
  }
  const cycle = findCycle(edges);
  if (cycle) {
    issues.push({
      code: "rule-cycle",
      severity: "error",
      message: `totals rules form a cycle: ${cycle.join(" → ")}; a total cannot be, through other totals, a component of itself`,
      location: { file, indicator: cycle[0]! },
      found: cycle.join(" → "),
    });
  }
  return issues;
}

function findCycle(edges: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === "done") return undefined;
    if (state.get(n) === "open") return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, "open");
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, "done");
    return undefined;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
