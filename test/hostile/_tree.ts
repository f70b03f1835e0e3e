import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { REPO } from "./_project.js";

/** Every file and folder below `dir`: relative path → sha256 of the bytes ("dir" for folders). */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string, rel: string) => {
    for (const e of (await readdir(d, { withFileTypes: true }).catch(() => [])).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        out.set(`${r}/`, "dir");
        await walk(join(d, e.name), r);
      } else out.set(r, createHash("sha256").update(await readFile(join(d, e.name))).digest("hex"));
    }
  };
  await walk(dir, "");
  return out;
}

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `langson run --root <root>` in a child process, exactly as `npm start` runs it (the bundle
 * packages/cli/build.mjs writes, built by the global set-up), with extra environment (the
 * publishing fault hooks of packages/publish/src/fsutil.ts).
 */
export function cliRun(root: string, env: Record<string, string> = {}): Promise<CliResult> {
  return cliCommand(["run", "--root", root], env);
}

/** Any command of the bundled command line, in a child process. */
export function cliCommand(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LANGSON_FAULT_")));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["packages/cli/dist/langson.mjs", ...args], {
      cwd: REPO,
      env: { ...base, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    // Decoded as a stream: a character split across two chunks would otherwise come out as two U+FFFD.
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Runs `tasks` at most `width` at a time, in order of start. */
export async function pool<T>(width: number, tasks: readonly (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
  return results;
}
