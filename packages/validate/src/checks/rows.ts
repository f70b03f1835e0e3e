import { IssueList } from "../report.js";
import { Decimal, ownString, unitDef } from "@langson-open-data/schemas";
import { type Check, type CheckContext, type CheckedObservation, type FigureRow } from "./model.js";
import { GroupSpill, Numbered } from "../spill.js";

const rowLocation = (o: CheckedObservation, column?: string) => ({
  file: o.file,
  row: o.row,
  ...(column ? { column } : {}),
  dataset: o.obs.dataset,
  indicator: o.obs.indicator,
  measure: o.obs.measure,
  period: o.obs.time_period,
});

/** The unit each measure must be in, given the indicator's own unit. */
function expectedUnit(measure: string, indicatorUnit: string): ((unit: string) => boolean) | undefined {
  switch (measure) {
    case "LEVEL":
    case "IMPLIED_PLAN":
      return (u) => u === indicatorUnit;
    case "PCT_OF_PLAN":
    case "YOY_GROWTH":
      return (u) => u === "PERCENT";
    case "RANK_GAIN":
      return (u) => u === "RANK_PLACES";
    case "RANK_TOTAL":
      return (u) => unitDef(u)?.kind === "count";
    default:
      return undefined;
  }
}

export interface RowCheckOptions {
  /**
   * Given, at the end, the rows of every figure that several rows give (the same indicator, measure,
   * area and period, from one source or several), in input order: source precedence, which needs the
   * same groups, takes them from this check's spill instead of keeping a second one.
   */
  readonly figures?: (rows: readonly FigureRow[]) => void;
}

/**
 * Row-level checks: the indicator is declared, each indicator × measure keeps its unit, one row per
 * figure key (indicator × measure × area × period × source), no negative counts, no share over 100 %.
 */
export function rowChecks(ctx: CheckContext, options: RowCheckOptions = {}): Check {
  const issues = new IssueList();
  // Rows go to a spill by figure (indicator × measure × area × period) and are compared per figure at
  // the end, where sources' precedence (`figures`) is decided too; units are kept per indicator × measure.
  const byKey = new GroupSpill("figure-keys");
  // A row in the spill: "<file>,<row>,<dataset>,<position>,<source>", the file, dataset and source by
  // their code: a number, or past Numbered's limit "=" and the text, URI-encoded (a file name may hold
  // a comma). While pipeline.json and sources.json keep their limits and a figure of an unknown source
  // stops before the checks, this check names fewer texts than that; the spelled-out form is the
  // fallback should one of those change, not a path real data takes.
  const names = new Numbered();
  const code = (text: string) => {
    const c = names.code(text);
    return typeof c === "number" ? String(c) : `=${encodeURIComponent(c)}`;
  };
  const text = (cell: string) => (cell.startsWith("=") ? ownString(decodeURIComponent(cell.slice(1))) : names.text(Number(cell)));
  const unitSeen = new Map<string, { readonly unit: string; readonly row: number }>();
  return {
    id: "rows",
    dispose: () => byKey.dispose(),
    row(o) {
      const { obs } = o;
      const declared = ctx.indicators.get(obs.indicator);
      if (!declared) {
        issues.push({
          code: "indicator-unknown",
          severity: "error",
          message: `indicator ${obs.indicator} is not declared in any dataset of pipeline.json`,
          location: rowLocation(o, "indicator"),
          expected: "an indicator code declared in pipeline.json",
          found: obs.indicator,
        });
        return;
      }
      const fits = expectedUnit(obs.measure, declared.def.unit);
      if (fits && !fits(obs.unit)) {
        issues.push({
          code: "units-measure-mismatch",
          severity: "error",
          message: `${obs.indicator} ${obs.measure} is in ${obs.unit} ("${o.unitText}"), but ${obs.measure === "LEVEL" ? `the indicator is declared in ${declared.def.unit}` : `${obs.measure} is measured in its own unit`}`,
          location: rowLocation(o, "unit_text"),
          expected: obs.measure === "LEVEL" ? declared.def.unit : obs.measure === "RANK_GAIN" ? "RANK_PLACES" : obs.measure === "RANK_TOTAL" ? "a count unit" : "PERCENT",
          found: obs.unit,
        });
      }
      const unitKey = `${obs.indicator}|${obs.measure}`;
      const before = unitSeen.get(unitKey);
      if (!before) unitSeen.set(unitKey, { unit: obs.unit, row: o.row });
      else if (before.unit !== obs.unit) {
        issues.push({
          code: "units-inconsistent",
          severity: "error",
          message: `${obs.indicator} ${obs.measure} changes unit: ${before.unit} at row ${before.row}, ${obs.unit} here`,
          location: rowLocation(o, "unit_text"),
          expected: before.unit,
          found: obs.unit,
        });
      }
      if (options.figures && o.position === undefined) throw new Error(`rows check: row ${o.row} of ${o.file} has no position, which source precedence needs`);
      byKey.add(`${obs.indicator}|${obs.measure}|${obs.ref_area}|${obs.time_period}`, `${code(o.file)},${o.row},${code(obs.dataset)},${o.position ?? -1},${code(obs.source)}`);
      // A canonical decimal is negative exactly when it starts with "-" (the contract's pattern).
      const negative = obs.value.startsWith("-") && obs.value !== "-0";
      if (obs.measure === "LEVEL" && negative && unitDef(obs.unit)?.kind === "count") {
        issues.push({
          code: "negative-count",
          severity: "error",
          message: `${obs.indicator} counts ${obs.unit.toLowerCase()}, and a count cannot be negative`,
          location: rowLocation(o, "value_text"),
          expected: "0 or more",
          found: o.valueText,
        });
      }
      if (obs.measure === "LEVEL" && declared.def.nature === "share" && (negative || Decimal.parse(obs.value).cmp(Decimal.fromInt(100)) > 0)) {
        issues.push({
          code: "share-out-of-range",
          severity: "error",
          message: `${obs.indicator} is a share of a whole, so it lies between 0 % and 100 %`,
          location: rowLocation(o, "value_text"),
          expected: "0 to 100",
          found: `${o.valueText} %`,
        });
      }
    },
    end() {
      for (const [key, lines] of byKey.groups()) {
        if (lines.length < 2) continue;
        // The key is a slice of its spill bucket's text, and the findings keep pieces of it: a copy.
        const [indicator, measure, area, period] = ownString(key).split("|");
        const rows = lines.map((line) => {
          const [f, row, d, position, source] = line.split(",");
          return { file: text(f!), row: Number(row), dataset: text(d!), position: Number(position), source: text(source!) };
        });
        // A second row of one source: each after that source's first row.
        const firstOf = new Map<string, number>();
        for (const r of rows) {
          const firstRow = firstOf.get(r.source);
          if (firstRow === undefined) {
            firstOf.set(r.source, r.row);
            continue;
          }
          issues.push({
            code: "duplicate-observation",
            severity: "error",
            message: `a second row for ${indicator} ${measure} ${area} ${period} from ${r.source}; the first is row ${firstRow}`,
            location: { file: r.file, row: r.row, dataset: r.dataset, indicator: indicator!, measure: measure!, period: period! },
            expected: "one row per indicator × measure × area × period × source",
            found: `rows ${firstRow} and ${r.row}`,
          });
        }
        options.figures?.(rows);
      }
      return issues;
    },
  };
}
