import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProject, run } from "@langson-open-data/cli";
import { renderCkanFiles, renderDcatFiles } from "@langson-open-data/publish";
import type { SourceRecord } from "@langson-open-data/schemas";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));

export interface Published {
  readonly root: string;
  readonly datasetsDir: string;
  readonly datasets: string[];
  readonly sources: SourceRecord[];
  dispose(): Promise<void>;
}

/**
 * The repository's real pipelines, published by the CLI's `run` into a temp folder, with the DCAT-AP
 * catalogue and CKAN records rendered beside them (as `run` writes them once they are wired in).
 */
export async function publishRealPipelines(): Promise<Published> {
  const root = await mkdtemp(join(tmpdir(), "langson-site-"));
  await cp(join(REPO, "pipelines"), join(root, "pipelines"), { recursive: true });
  let printed = "";
  const code = await run({ root, out: (t) => void (printed += t), color: false });
  if (code !== 0) throw new Error(`npm start on a copy of pipelines/ failed (${code}):\n${printed}`);
  const datasetsDir = join(root, "datasets");
  const datasets = (await readdir(datasetsDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const sources = (await loadProject(root)).pipelines.flatMap((p) => [...p.sources]);
  for (const [path, content] of [...(await renderDcatFiles(datasetsDir, datasets, sources)), ...(await renderCkanFiles(datasetsDir, datasets, sources))]) {
    await writeFile(path, content);
  }
  return { root, datasetsDir, datasets, sources, dispose: () => rm(root, { recursive: true, force: true }) };
}
