import { randomBytes } from "node:crypto";
import { appendFileSync } from "node:fs";
import { access, mkdir, open, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative } from "node:path";
import { type FileBody, bodyBuffer, bodyBytes, isSpooled } from "./render.js";

/** Prefix of every temporary entry publishing makes; anything so named is debris of a killed run. */
export const TMP_PREFIX = ".tmp-";

/** A published version exists already: versions are immutable. */
export class VersionExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} is already published; a published version is never written over. A change is a new version.`);
  }
}

/**
 * Writing a release or an index file failed for a reason of the machine, not of the data: a full
 * disk, a read-only folder, a missing permission. The message says what was being written, why it
 * failed, and that what was published before is intact; `cause` is the system error.
 */
export class PublishWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    what: string,
    cause: NodeJS.ErrnoException,
  ) {
    const why =
      cause.code === "ENOSPC" || cause.code === "EDQUOT"
        ? "the disk is full"
        : cause.code === "EROFS"
          ? "the folder is on a read-only file system"
          : cause.code === "EACCES" || cause.code === "EPERM"
            ? "the folder may not be written to (permissions)"
            : (cause.message ?? "an I/O error");
    super(`cannot write ${shown(path)}: ${why} (${cause.code ?? "error"}). ${what} Fix that, then run again.`, { cause });
    this.name = "PublishWriteError";
    this.code = cause.code;
  }
}

/** A path as messages show it: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

// ---------------------------------------------------------------------------------------------------
// Fault injection, for the tests that kill or starve a publishing run (test/hostile/faults.test.ts).
// It does nothing unless one of these environment variables is set. Every filesystem step of
// publishing (mkdir, write, fsync, rename, rm) calls faultPoint, which numbers the steps of the
// process from 1:
//   LANGSON_FAULT_AT=n           step n kills the process with SIGKILL before it runs, as a power cut or
//                                an OOM kill would; a write step first lands half of its bytes (torn);
//   LANGSON_FAULT_ERRNO=CODE@n   step n fails with that errno (ENOSPC@3, EROFS@1), as a full or
//                                read-only disk would;
//   LANGSON_FAULT_TRACE=file     appends "n kind path" for every step, so a test can count a run's steps.
// ---------------------------------------------------------------------------------------------------
let faultSteps = 0;

/** A filesystem step of publishing done outside this module (a streamed file), for the fault hook. */
export async function publishStep(kind: "mkdir" | "write" | "fsync", path: string): Promise<void> {
  await faultPoint(kind, path);
}

async function faultPoint(kind: "mkdir" | "write" | "fsync" | "rename" | "rm", path: string, data?: FileBody): Promise<void> {
  const { LANGSON_FAULT_AT: at, LANGSON_FAULT_ERRNO: errno, LANGSON_FAULT_TRACE: trace } = process.env;
  if (!at && !errno && !trace) return;
  const n = ++faultSteps;
  if (trace) appendFileSync(trace, `${n} ${kind} ${path}\n`);
  if (at && Number(at) === n) {
    if (kind === "write" && data !== undefined) {
      const torn = typeof data === "string" ? data.slice(0, data.length >> 1) : bodyBuffer(data).subarray(0, bodyBytes(data) >> 1);
      await writeFile(path, torn);
    }
    process.kill(process.pid, "SIGKILL");
    // SIGKILL to oneself lands before kill(2) returns; this only guards against a platform where it would not.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
  }
  const injected = errno ? /^([A-Z]+)@([0-9]+)$/.exec(errno) : null;
  if (injected && Number(injected[2]) === n) {
    throw Object.assign(new Error(`${injected[1]}: injected fault, ${kind} '${path}'`), { code: injected[1], syscall: kind, path });
  }
}

/** Syncs a file another writer closed (DuckDB's data.parquet) to disk: a publishing step. */
export async function syncFile(path: string): Promise<void> {
  await fsyncPath(path);
}

async function fsyncPath(path: string, directory = false): Promise<void> {
  // Windows cannot open a folder to sync it; elsewhere a folder's fsync makes a rename in it durable.
  if (directory && process.platform === "win32") return;
  await faultPoint("fsync", path);
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes a file through a temporary sibling, an fsync and a rename, so readers (and a run killed at
 * any point) see the old bytes or the new, never a mix. A failure of the machine (disk full,
 * read-only folder) is a PublishWriteError; the old file is left as it was.
 */
export async function writeFileAtomic(path: string, data: FileBody): Promise<void> {
  const dir = dirname(path);
  if (isSpooled(data)) {
    // Streamed and synced already, to a temporary file beside its place: renamed into place.
    if (data.path === undefined) throw new Error(`${path} was only measured, not written`);
    try {
      await faultPoint("rename", path);
      await rename(data.path, path);
      await fsyncPath(dir, true);
    } catch (e) {
      await rm(data.path, { force: true }).catch(() => undefined);
      throw machineFault(e, path, "The file as it was before is intact.");
    }
    return;
  }
  const tmp = join(dir, `${TMP_PREFIX}${basename(path)}-${randomBytes(4).toString("hex")}`);
  try {
    await faultPoint("mkdir", dir);
    await mkdir(dir, { recursive: true });
    await faultPoint("write", tmp, data);
    await writeFile(tmp, data as string | readonly Uint8Array[] | Uint8Array);
    await fsyncPath(tmp);
    await faultPoint("rename", path);
    await rename(tmp, path);
    await fsyncPath(dir, true);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw machineFault(e, path, "The file as it was before is intact.");
  }
}

/**
 * Publishes a folder of files at once: everything is written and synced in a temporary folder beside
 * the target, which is then renamed into place. The target must not exist. A run killed at any point
 * leaves either no target or the complete one; a failure of the machine is a PublishWriteError and
 * leaves no target, every published version intact.
 */
export async function writeFolderAtomic(target: string, files: ReadonlyMap<string, FileBody>): Promise<void> {
  const parent = dirname(target);
  const tmp = join(parent, `${TMP_PREFIX}${basename(target)}-${randomBytes(4).toString("hex")}`);
  const what = `Nothing of ${basename(target)} was published, and every version published before is intact.`;
  try {
    await faultPoint("mkdir", parent);
    await mkdir(parent, { recursive: true });
  } catch (e) {
    throw machineFault(e, parent, what);
  }
  if (await exists(target)) throw new VersionExistsError(target);
  try {
    await faultPoint("mkdir", tmp);
    await mkdir(tmp);
    for (const [name, data] of files) {
      if (isSpooled(data)) {
        // Streamed and synced already, in a temporary folder of the same dataset: moved, not copied.
        if (data.path === undefined) throw new Error(`${name} was only measured, not written: it cannot be published`);
        await faultPoint("rename", join(tmp, name));
        await rename(data.path, join(tmp, name));
        continue;
      }
      await faultPoint("write", join(tmp, name), data);
      await writeFile(join(tmp, name), data);
      await fsyncPath(join(tmp, name));
    }
    await fsyncPath(tmp, true);
    if (await exists(target)) throw new VersionExistsError(target);
    await faultPoint("rename", target);
    await rename(tmp, target);
    await fsyncPath(parent, true);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw e instanceof VersionExistsError ? e : machineFault(e, target, what);
  }
}

/** A system error of the machine becomes a PublishWriteError; anything else passes unchanged. */
export function publishFault(e: unknown, path: string, what: string): unknown {
  return machineFault(e, path, what);
}

function machineFault(e: unknown, path: string, what: string): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" && /^E[A-Z]+$/.test(code) ? new PublishWriteError(path, what, e as NodeJS.ErrnoException) : e;
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
        try {
          await faultPoint("rm", p);
          await rm(p, { recursive: true, force: true });
        } catch (error) {
          throw machineFault(error, p, "It is debris of an interrupted run; nothing was published.");
        }
        removed.push(p);
      } else if (e.isDirectory() && depth > 0) await visit(p, depth - 1);
    }
  };
  await visit(dir, 1);
  return removed;
}
