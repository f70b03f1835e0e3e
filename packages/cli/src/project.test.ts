import { mkdir, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ReleasePlan, TMP_PREFIX } from "@langson-open-data/publish";
import { type ProjectCopy, copyProject } from "../test/project-copy.js";
import { type Project, datasetInputs, loadProject, planAll } from "./project.js";

let copy: ProjectCopy | undefined;
let project: Project | undefined;
afterEach(async () => {
  project?.dispose();
  project = undefined;
  await copy?.dispose();
  copy = undefined;
});

async function load(): Promise<Project> {
  copy = await copyProject();
  project = await loadProject(copy.root);
  expect(project.report.valid).toBe(true);
  return project;
}

/** Every path under `dir` whose name starts with the temporary prefix, relative to it. */
async function temporaries(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (d: string, rel: string) => {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      if (e.name.startsWith(TMP_PREFIX)) found.push(`${rel}${e.name}`);
      if (e.isDirectory()) await walk(join(d, e.name), `${rel}${e.name}/`);
    }
  };
  await walk(dir, "");
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("planAll, writing (run)", () => {
  it("hands the plans over one at a time, in dataset order, each with its Parquet file, and leaves nothing behind", async () => {
    const p = await load();
    const order = datasetInputs(p).map((i) => i.meta.id);
    expect(order.length).toBeGreaterThan(2);
    const handed: string[] = [];
    let busy = 0;
    const summaries = await planAll(p, async (plan) => {
      busy++;
      expect(busy, `${plan.dataset} is handed over while another plan is`).toBe(1);
      expect(plan.version).toBe("1.0.0");
      expect([...plan.files.keys()]).toContain("data.parquet");
      // Its Parquet file is written, in its temporary folder, before it is handed over.
      const parquet = plan.files.get("data.parquet") as { path: string; bytes: number };
      expect(parquet.path).toContain(`${plan.dataset}/${TMP_PREFIX}`);
      expect((await stat(parquet.path)).size).toBe(parquet.bytes);
      await sleep(5);
      handed.push(plan.dataset);
      busy--;
    });
    expect(handed).toEqual(order);
    expect(summaries.map((s) => s.dataset)).toEqual(order);
    expect(summaries.every((s) => s.version === "1.0.0")).toBe(true);
    expect(await temporaries(p.datasetsDir)).toEqual([]);
  });

  it("stops at a plan whose hand-over fails: no plan after it is handed over, and no plan leaves its temporary folder", async () => {
    const p = await load();
    const order = datasetInputs(p).map((i) => i.meta.id);
    const handed: string[] = [];
    const failing = order[1]!;
    await expect(
      planAll(p, async (plan: ReleasePlan) => {
        if (plan.dataset === failing) throw new Error(`cannot write ${plan.dataset}`);
        handed.push(plan.dataset);
      }),
    ).rejects.toThrow(`cannot write ${failing}`);
    expect(handed).toEqual([order[0]]);
    expect(await temporaries(p.datasetsDir)).toEqual([]);
  });

  it("stops at a dataset that cannot be planned, once the plan before it, writing its Parquet file, is handed over", async () => {
    const p = await load();
    const order = datasetInputs(p).map((i) => i.meta.id);
    const broken = order[2]!;
    // A file where the dataset's folder goes: its versions cannot be listed (ENOTDIR), while the
    // dataset before it is writing its Parquet file.
    await mkdir(p.datasetsDir, { recursive: true });
    await writeFile(join(p.datasetsDir, broken), "not a folder\n");
    const handed: string[] = [];
    await expect(
      planAll(p, async (plan) => {
        handed.push(plan.dataset);
      }),
    ).rejects.toThrow(broken);
    expect(handed).toEqual(order.slice(0, 2));
    expect(await temporaries(p.datasetsDir)).toEqual([]);
  });
});
