import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../..", import.meta.url));
export const PIPELINE = "pipelines/lang-son";

/** A throwaway copy of the project's real inputs (pipelines/), with an empty datasets/. */
export interface ProjectCopy {
  readonly root: string;
  read(path: string): Promise<string>;
  write(path: string, text: string): Promise<void>;
  /** Replaces one exact piece of text in a file; fails the test if it is not there exactly once. */
  replace(path: string, from: string, to: string): Promise<void>;
  /** Adds a source snapshot with its sources.json record, for figures a later report states. */
  addSource(id: string, text: string, fields?: Partial<Record<string, string>>): Promise<void>;
  dispose(): Promise<void>;
}

export async function copyProject(): Promise<ProjectCopy> {
  const root = await mkdtemp(join(tmpdir(), "langson-"));
  await cp(join(REPO, "pipelines"), join(root, "pipelines"), { recursive: true });
  const abs = (p: string) => join(root, p);
  const self: ProjectCopy = {
    root,
    read: (p) => readFile(abs(p), "utf8"),
    write: (p, t) => writeFile(abs(p), t),
    async replace(p, from, to) {
      const text = await self.read(p);
      const count = text.split(from).length - 1;
      if (count !== 1) throw new Error(`expected "${from}" once in ${p}, found it ${count} times`);
      await self.write(p, text.replace(from, to));
    },
    async addSource(id, text, fields = {}) {
      const file = `${id}.vi.txt`;
      await writeFile(abs(`${PIPELINE}/sources/${file}`), text);
      const sources = JSON.parse(await self.read(`${PIPELINE}/sources/sources.json`));
      const base = sources.sources[0];
      sources.sources.push({ ...base, id, path: file, sha256: createHash("sha256").update(text).digest("hex"), ...fields });
      await self.write(`${PIPELINE}/sources/sources.json`, `${JSON.stringify(sources, null, 2)}\n`);
    },
    dispose: () => rm(root, { recursive: true, force: true }),
  };
  return self;
}

/** Collects what a command prints. */
export function capture() {
  let text = "";
  return { io: (root: string) => ({ root, out: (t: string) => void (text += t), color: false }), text: () => text };
}
