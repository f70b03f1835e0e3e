/**
 * Checks a datasets/ folder against the standards, read in place from ../shared/standards:
 * every version's datapackage.json (Data Package v2 profile) and catalogue.jsonld (DCAT-AP 3.0.1).
 *
 *   node --conditions=source --import tsx packages/publish/test/check-standards.ts [datasets]
 */
import { readFile, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { listVersions } from "../src/release.js";
import { DATAPACKAGE_PROFILE, DCAT_AP_SHAPES, HAS_STANDARDS, STANDARDS_DIR, validateDatapackage, validateDcat } from "./standards.js";

async function main(): Promise<number> {
  const datasetsDir = resolve(process.argv[2] ?? "datasets");
  if (!HAS_STANDARDS) {
    process.stderr.write(`${STANDARDS_DIR} is absent: nothing to check against\n`);
    return 2;
  }
  let failed = 0;
  const datasets = (await readdir(datasetsDir, { withFileTypes: true })).filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
  process.stdout.write(`Data Package v2 profile (${DATAPACKAGE_PROFILE}):\n`);
  for (const d of datasets) {
    for (const v of await listVersions(datasetsDir, d)) {
      const { valid, errors } = await validateDatapackage(JSON.parse(await readFile(join(datasetsDir, d, v, "datapackage.json"), "utf8")));
      process.stdout.write(`  ${d}/${v}/datapackage.json: valid ${valid}\n`);
      for (const e of errors) process.stdout.write(`    ${e.instancePath || "/"} ${e.message}\n`);
      if (!valid) failed++;
    }
  }
  process.stdout.write(`DCAT-AP 3.0.1 shapes (${DCAT_AP_SHAPES.join(", ")}):\n`);
  const catalogue = join(datasetsDir, "catalogue.jsonld");
  const text = await readFile(catalogue, "utf8").catch(() => undefined);
  if (text === undefined) {
    process.stdout.write(`  ${catalogue} is missing (run npm start once renderDcatFiles is wired into run)\n`);
    failed++;
  } else {
    const report = await validateDcat(JSON.parse(text));
    process.stdout.write(`  catalogue.jsonld: conforms ${report.conforms} (${report.triples} triples, ${report.results.length} results)\n`);
    for (const r of report.results) process.stdout.write(`    ${r.severity} ${r.focusNode} ${r.path} ${r.message}\n`);
    if (!report.conforms) failed++;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`check-standards: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
