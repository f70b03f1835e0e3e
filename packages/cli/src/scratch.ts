import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PREFIX = "langson-run-";

/** Whether a process of this machine is alive (signal 0 asks without sending anything). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The folder where this run's spools, spills and sorts go (LANGSON_SCRATCH), removed when the
 * process exits. A run that was killed (out of memory, SIGKILL) cannot remove its own, which can be
 * as large as its input: the folders of processes that are gone are removed first. Returns the
 * folders it removed.
 */
export function openScratch(parent = tmpdir()): { dir: string; removed: string[] } {
  const removed: string[] = [];
  for (const name of readdirSync(parent)) {
    const pid = name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : NaN;
    if (!Number.isSafeInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(join(parent, name), { recursive: true, force: true });
    removed.push(join(parent, name));
  }
  const dir = join(parent, `${PREFIX}${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.LANGSON_SCRATCH = dir;
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return { dir, removed };
}
