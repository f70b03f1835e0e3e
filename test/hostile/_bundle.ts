import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// Node built-ins only: a global set-up is loaded without the workspace's "source" condition, so a
// workspace import here would look for built packages that a clean clone does not have.
const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Vitest global set-up: the command line's bundle, built once before the tests that run it. */
export default function setup(): void {
  const built = spawnSync(process.execPath, [join(REPO, "packages", "cli", "build.mjs")], { cwd: REPO, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`packages/cli/build.mjs failed:\n${built.stderr}`);
}
