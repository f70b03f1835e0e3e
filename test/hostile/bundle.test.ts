import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseLap } from "@langson-open-data/publish";
import { type CliResult, cliCommand, cliRun } from "./_tree.js";
import { REPO, type ProjectCopy, copyProject } from "./_project.js";

// The command line as `npm start` runs it, bundled by packages/cli/build.mjs with DuckDB left to
// node_modules: a first release of every dataset, Parquet included, from a copy of the real pipeline.

let project: ProjectCopy;
let result: CliResult;

beforeAll(async () => {
  project = await copyProject();
  // NODE_DEBUG=langson: the run also says where its time went (packages/publish/src/laps.ts).
  result = await cliRun(project.root, { NODE_DEBUG: "langson" });
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

  it("with NODE_DEBUG=langson, says on stderr where its time went, step by step", async () => {
    const lines = result.stderr.split("\n").filter((l) => l.startsWith("LANGSON "));
    const laps = lines.map(parseLap);
    expect(laps.every((l) => l !== undefined), lines.join("\n")).toBe(true);
    const labels = laps.map((l) => l!.label);
    const datasets = (await readdir(join(project.root, "datasets"), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    // Each step once, in the order the run takes them: every dataset's data files rendered, the wait
    // for its Parquet file once the next one's are (DuckDB writes it meanwhile), then the index files
    // of each, the catalogue and the site.
    // Source precedence is decided in the rows check's end, from its spill (no lap of its own).
    expect(labels.slice(0, 3)).toEqual(["setup lang-son", "rows lang-son", "check rows lang-son"]);
    expect(labels.filter((l) => l.startsWith("check ")).sort()).toEqual(["check growth-rules lang-son", "check rows lang-son", "check series lang-son", "check totals lang-son"]);
    const order = labels.filter((l) => l.startsWith("release ")).map((l) => l.slice("release ".length));
    expect([...order].sort()).toEqual([...datasets].sort());
    const publishing = order.flatMap((d, i) => (i === 0 ? [`release ${d}`] : [`release ${d}`, `parquet ${order[i - 1]}`]));
    expect(labels.filter((l) => l.startsWith("release ") || l.startsWith("parquet "))).toEqual([...publishing, `parquet ${order.at(-1)}`]);
    expect(labels.filter((l) => l.startsWith("index ")).sort()).toEqual(datasets.map((d) => `index ${d}`).sort());
    expect(labels.slice(-3)).toEqual(["catalogue", "site", "report"]);
    expect(result.stdout).not.toContain("LANGSON");
  });

  it("bundles the index files thread without the data contract's zod schemas, which it never runs", async () => {
    // The thread runs beside a release at scale, where every MiB counts (bench/README.md, phase 6):
    // zod was 750 KB of its bundle and ~7 MiB of its memory.
    const thread = await readFile(join(REPO, "packages", "cli", "dist", "index-files-thread.mjs"), "utf8");
    expect(thread).toContain("vintages.csv");
    expect(thread).not.toMatch(/node_modules\/zod\//);
    expect(thread.length).toBeLessThan(300_000);
    const main = await readFile(join(REPO, "packages", "cli", "dist", "langson.mjs"), "utf8");
    expect(main).toMatch(/node_modules\/zod\//);
  });

  it("says nothing of its laps without NODE_DEBUG", async () => {
    const plain = await cliCommand(["check", "--root", project.root], { NODE_DEBUG: "" });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stderr).not.toContain("LANGSON");
    expect(plain.stdout).not.toContain("LANGSON");
  });
});
