#!/usr/bin/env node
import { parseArgs } from "node:util";
import { type Format, check, run, validate, verify } from "./commands.js";
import { openScratch } from "./scratch.js";

const USAGE = `usage: langson <command> [--format terminal|json|md] [--root DIR] [--pipeline NAME]...

commands:
  run      every pipeline → checks → releases → catalogue (the main job, npm start)
  check    ingest, validate, normalize and run every rule; writes nothing (npm run check);
           --pipeline NAME (repeatable) checks only pipelines/NAME
  validate the pipelines' files for their encoding, CSV form and JSON Schemas only: no rules,
           quotes or versions; a quick first look at a large input (--pipeline as for check)
  verify   published files match SHA256SUMS, history never rewrote them, releases match the inputs
`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: "string", default: "terminal" }, root: { type: "string", default: process.cwd() }, help: { type: "boolean" }, pipeline: { type: "string", multiple: true } },
  });
  const [command] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const format = values.format as Format;
  if (!["terminal", "json", "md"].includes(format)) {
    process.stderr.write(`unknown --format ${format}; expected terminal, json or md\n`);
    return 2;
  }
  if (values.pipeline && command !== "check" && command !== "validate") {
    process.stderr.write(`--pipeline applies to check and validate only: run and verify cover every pipeline, since the catalogue lists them all\n`);
    return 2;
  }
  // Silently: stdout may be a JSON report, and stderr is for what went wrong.
  openScratch();
  const io = {
    root: values.root!,
    ...(values.pipeline ? { pipelines: values.pipeline } : {}),
    out: (t: string) => void process.stdout.write(t),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    ...(process.env.GITHUB_STEP_SUMMARY ? { summaryFile: process.env.GITHUB_STEP_SUMMARY } : {}),
  };
  switch (command) {
    case "run":
      return run(io);
    case "check":
      return check(io, format);
    case "validate":
      return validate(io, format);
    case "verify":
      return verify(io, format);
    default:
      process.stderr.write(`unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A fault of the disk (full, read-only) is the user's to fix and says so; anything else is a bug.
    const text = error instanceof Error ? (error.name === "PublishWriteError" ? error.message : (error.stack ?? error.message)) : String(error);
    process.stderr.write(`langson: ${text}\n`);
    process.exitCode = 2;
  },
);
