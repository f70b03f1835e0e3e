import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type DataRenderer, TMP_PREFIX, renderDataFiles, writeRelease } from "@langson-open-data/publish";
import { type ProjectCopy, copyProject } from "../test/project-copy.js";
import { type Beside, loadProject, planAll } from "./project.js";

let project: ProjectCopy;
afterEach(() => project?.dispose());

/** Another lane that renders in this thread, as IndexFiles' would there, and says which datasets it took. */
function lane(render: DataRenderer = renderDataFiles): Beside & { readonly took: string[] } {
  const took: string[] = [];
  return {
    took,
    render: (input, ...rest) => {
      took.push(input.meta.id);
      return render(input, ...rest);
    },
    idle: async () => undefined,
  };
}

/** Every file under a folder, relative to it. */
async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

/** The temporary folders of plans under way (their stages) in a datasets folder. */
async function stages(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isDirectory() && e.name.startsWith(TMP_PREFIX)).map((e) => e.name);
}

describe("planAll with another thread's lane", () => {
  it("hands plans to `each` one by one in dataset order while the other lane renders some of them", async () => {
    project = await copyProject();
    const loaded = await loadProject(project.root);
    try {
      const beside = lane();
      const order: string[] = [];
      const plans = await planAll(loaded, async (plan) => {
        order.push(plan.dataset);
        await writeRelease(loaded.datasetsDir, plan);
      }, beside);
      const datasets = loaded.pipelines.flatMap((p) => p.pipeline!.datasets.map((d) => d.id));
      expect(plans.map((p) => p.dataset)).toEqual(datasets);
      expect(order).toEqual(datasets);
      expect(beside.took.length).toBeGreaterThan(0);
      expect(beside.took.length).toBeLessThan(datasets.length);
      expect(plans.every((p) => p.version === "1.0.0")).toBe(true);
    } finally {
      loaded.dispose();
    }
  });

  it("fails with the other lane's failure and leaves nothing of its plans in datasets/", async () => {
    project = await copyProject();
    const loaded = await loadProject(project.root);
    try {
      const beside = lane(async () => {
        throw new Error("no space left in the other thread");
      });
      const written: string[] = [];
      const failed = await planAll(loaded, async (plan) => {
        await writeRelease(loaded.datasetsDir, plan);
        written.push(plan.dataset);
      }, beside).catch((e: Error) => e);
      expect(failed).toBeInstanceOf(Error);
      expect((failed as Error).message).toBe("no space left in the other thread");
      // The datasets before the failed one are published; nothing else is, and no stage is left.
      const first = loaded.pipelines[0]!.pipeline!.datasets.map((d) => d.id).indexOf(beside.took[0]!);
      expect(written).toEqual(loaded.pipelines[0]!.pipeline!.datasets.slice(0, first).map((d) => d.id));
      const left = await files(loaded.datasetsDir);
      expect(left.filter((f) => !written.some((d) => f.startsWith(`${d}/`)))).toEqual([]);
      expect(left.length).toBeGreaterThan(0);
      expect(await stages(loaded.datasetsDir)).toEqual([]);
    } finally {
      loaded.dispose();
    }
  });

  it("lets at most two plans wait while `each` is held up by a slow one, and ends with no stage left", async () => {
    project = await copyProject();
    const loaded = await loadProject(project.root);
    try {
      // The other lane's first dataset takes its time: the main thread runs ahead, but not far.
      const beside = lane(async (...args) => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        return renderDataFiles(...args);
      });
      const seen: number[] = [];
      await planAll(loaded, async (plan) => {
        seen.push((await stages(loaded.datasetsDir)).length);
        await writeRelease(loaded.datasetsDir, plan);
      }, beside);
      const datasets = loaded.pipelines.flatMap((p) => p.pipeline!.datasets);
      expect(seen.length).toBe(datasets.length);
      // The plan being written, and at most two more.
      expect(Math.max(...seen)).toBeGreaterThan(1);
      expect(Math.max(...seen)).toBeLessThanOrEqual(3);
      expect(await stages(loaded.datasetsDir)).toEqual([]);
    } finally {
      loaded.dispose();
    }
  });
});
