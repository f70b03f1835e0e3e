import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { REPO } from "./_project.js";

/** Vitest global set-up: the command line's bundle, built once before the tests that run it. */
export default function setup(): void {
  const built = spawnSync(process.execPath, [join(REPO, "packages", "cli", "build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`packages/cli/build.mjs failed:\n${built.stderr}`);
}
