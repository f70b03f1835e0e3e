import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { TIME_PERIOD_PATTERN } from "@langson-open-data/schemas";
import { CANDIDATE_COLUMNS, INPUT_COLUMNS, candidatesToCsv } from "./columns.js";
import { extract } from "./extract.js";
import { indicatorRegistry } from "./indicators.js";
import type { IndicatorEntry } from "./indicators.js";

/** What the command touches, so tests can run it without a terminal. */
export interface CliIo {
  readonly cwd: string;
  readonly exists: (path: string) => boolean;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, data: string) => void;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const nodeIo: CliIo = {
  cwd: process.cwd(),
  exists: existsSync,
  readFile: (p) => readFileSync(p, "utf8"),
  writeFile: (p, d) => writeFileSync(p, d),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export const USAGE = `usage: npm run extract -- <report.txt|report.html> [options]

Reads a Vietnamese socio-economic report and writes one candidate row per figure,
for review before pasting into a pipeline's observations.csv.

options:
  --period <TIME_PERIOD>  fallback period for figures whose text names none (default: the heading's), e.g. 2023-Q2
  --format csv|json       output format (default csv)
  --columns all|input     all columns, or only the observations.csv ones (default all)
  --out <file>            write there instead of stdout
  --pipeline <dir>        pipeline whose indicators are suggested (default pipelines/lang-son, when present)
  --source <id>           value of the source column (default empty)
  --html / --text         read the file as HTML / as plain text (default: by extension, else sniffed)
`;

/**
 * The extract command. Returns the exit code: 0 done, 1 nothing found, 2 usage or I/O error.
 *
 * @example
 * await runCli(["report.txt", "--format", "json"]) // writes JSON to stdout, returns 0
 */
export async function runCli(argv: readonly string[], io: CliIo = nodeIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        period: { type: "string" },
        format: { type: "string", default: "csv" },
        columns: { type: "string", default: "all" },
        out: { type: "string" },
        pipeline: { type: "string" },
        source: { type: "string", default: "" },
        html: { type: "boolean" },
        text: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [file, ...extra] = positionals;
  const usage = (message: string) => {
    io.stderr(`${message}\n\n${USAGE}`);
    return 2;
  };
  if (file === undefined || extra.length > 0) return usage(file === undefined ? "extract: give one report file" : `extract: one report file at a time, got ${positionals.length}`);
  if (values.format !== "csv" && values.format !== "json") return usage(`extract: --format must be csv or json, got "${values.format}"`);
  if (values.columns !== "all" && values.columns !== "input") return usage(`extract: --columns must be all or input, got "${values.columns}"`);
  if (values.period !== undefined && !TIME_PERIOD_PATTERN.test(values.period)) {
    return usage(`extract: --period "${values.period}" is not a TIME_PERIOD; write e.g. 2023-Q2, 2023-S1, 2023-07, 2023-01/2023-09 or 2023`);
  }

  const path = resolve(io.cwd, file);
  let input: string;
  try {
    input = io.readFile(path);
  } catch (error) {
    io.stderr(`extract: cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }

  let indicators: readonly IndicatorEntry[] = [];
  let referenceYear: number | undefined;
  const pipelineDir = values.pipeline ?? (io.exists(resolve(io.cwd, "pipelines/lang-son/pipeline.json")) ? "pipelines/lang-son" : undefined);
  if (pipelineDir !== undefined) {
    const pipelinePath = join(resolve(io.cwd, pipelineDir), "pipeline.json");
    try {
      const registry = indicatorRegistry(JSON.parse(io.readFile(pipelinePath)));
      if (!registry.ok) {
        io.stderr(`extract: ${pipelinePath}: ${registry.error.message}\n`);
        return 2;
      }
      indicators = registry.value.indicators;
      referenceYear = registry.value.referenceYear;
    } catch (error) {
      io.stderr(`extract: cannot read ${pipelinePath}: ${(error as Error).message}\n`);
      return 2;
    }
  }

  const html = values.html ? true : values.text ? false : /\.x?html?$/i.test(file) ? true : undefined;
  const result = extract(input, {
    indicators,
    source: values.source,
    ...(referenceYear !== undefined ? { referenceYear } : {}),
    ...(values.period !== undefined ? { period: values.period } : {}),
    ...(html !== undefined ? { html } : {}),
  });
  const columns = values.columns === "input" ? INPUT_COLUMNS : CANDIDATE_COLUMNS;
  const output =
    values.format === "json"
      ? `${JSON.stringify({ heading: result.heading, candidates: result.candidates.map((c) => Object.fromEntries(columns.map((k) => [k, c[k]]))), skipped: result.skipped }, null, 2)}\n`
      : candidatesToCsv(result.candidates, columns);
  if (values.out !== undefined) io.writeFile(resolve(io.cwd, values.out), output);
  else io.stdout(output);

  const reasons = new Map<string, number>();
  for (const s of result.skipped) reasons.set(s.code, (reasons.get(s.code) ?? 0) + 1);
  const ready = result.candidates.filter((c) => c.paste_check === "").length;
  io.stderr(
    `extract: ${result.candidates.length} candidates (${ready} paste cleanly) from ${file}; heading "${result.heading.text.slice(0, 80)}" → ${result.heading.timePeriod || "no period"}\n` +
      (reasons.size > 0 ? `extract: not figures: ${[...reasons].map(([code, n]) => `${code} ${n}`).join(", ")}\n` : ""),
  );
  return result.candidates.length > 0 ? 0 : 1;
}
