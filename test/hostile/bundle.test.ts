import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, cliRun } from "./_tree.js";
import { REPO, type ProjectCopy, copyProject } from "./_project.js";

// The command line as `npm start` runs it, bundled by packages/cli/build.mjs with DuckDB left to
// node_modules: a first release of every dataset, Parquet included, from a copy of the real pipeline.

let project: ProjectCopy;
let result: CliResult;

beforeAll(async () => {
  project = await copyProject();
  result = await cliRun(project.root);
}, 60_000);
afterAll(() => project?.dispose());

describe("the bundled command line", () => {
  it("publishes 1.0.0 of every dataset the repository publishes", async () => {
    expect(result.code, result.stderr).toBe(0);
    const committed = (await readdir(join(REPO, "datasets"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const written = (await readdir(join(project.root, "datasets"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(written).toEqual(committed);
    expect(committed.length).toBeGreaterThan(0);
  });

  it("writes the same data.csv as the committed 1.0.1 and a Parquet file through DuckDB", async () => {
    for (const dataset of await readdir(join(project.root, "datasets"), { withFileTypes: true })) {
      if (!dataset.isDirectory()) continue;
      const dir = join(project.root, "datasets", dataset.name, "1.0.0");
      expect(await readFile(join(dir, "data.csv"), "utf8"), dataset.name).toBe(await readFile(join(REPO, "datasets", dataset.name, "1.0.1", "data.csv"), "utf8"));
      const parquet = await readFile(join(dir, "data.parquet"));
      // A Parquet file starts and ends with the magic bytes PAR1.
      expect(parquet.subarray(0, 4).toString("latin1"), dataset.name).toBe("PAR1");
      expect(parquet.subarray(-4).toString("latin1"), dataset.name).toBe("PAR1");
      const sums = await readFile(join(dir, "SHA256SUMS"), "utf8");
      expect(sums).toMatch(/ {2}data\.parquet\n/);
    }
  });
});
