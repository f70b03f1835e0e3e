import { randomBytes } from "node:crypto";
import { access, mkdir, open, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Prefix of every temporary entry publishing makes; anything so named is debris of a killed run. */
export const TMP_PREFIX = ".tmp-";

/** A published version exists already: versions are immutable. */
export class VersionExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} is already published; a published version is never written over. A change is a new version.`);
  }
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes a file through a temporary sibling and a rename, so readers see the old or the new bytes. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `${TMP_PREFIX}${basename(path)}-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(tmp, data);
    await fsyncPath(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * Publishes a folder of files at once: everything is written and synced in a temporary folder beside
 * the target, which is then renamed into place. The target must not exist.
 */
export async function writeFolderAtomic(target: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const parent = dirname(target);
  await mkdir(parent, { recursive: true });
  if (await exists(target)) throw new VersionExistsError(target);
  const tmp = join(parent, `${TMP_PREFIX}${basename(target)}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(tmp);
    for (const [name, data] of files) {
      await writeFile(join(tmp, name), data);
      await fsyncPath(join(tmp, name));
    }
    await fsyncPath(tmp);
    if (await exists(target)) throw new VersionExistsError(target);
    await rename(tmp, target);
    await fsyncPath(parent);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Removes what an interrupted run left: temporary files and folders below `dir` (one level deep per dataset). */
export async function cleanTemporaries(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const visit = async (d: string, depth: number) => {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.name.startsWith(TMP_PREFIX)) {
        await rm(p, { recursive: true, force: true });
        removed.push(p);
      } else if (e.isDirectory() && depth > 0) await visit(p, depth - 1);
    }
  };
  await visit(dir, 1);
  return removed;
}
