import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./_project.js";

// Supply chain: what CI installs is exactly the committed lockfile, and it audits runtime
// dependencies. (`npm audit` needs the registry's advisory endpoint, so it runs in CI, not here.)

const json = (path: string) => JSON.parse(readFileSync(join(REPO, path), "utf8"));
const DEP_FIELDS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;
const deps = (pkg: Record<string, unknown>) => Object.fromEntries(DEP_FIELDS.map((f) => [f, pkg[f] ?? {}]));

describe("supply chain", () => {
  it("package-lock.json is committed (lockfile v3)", () => {
    expect(execFileSync("git", ["ls-files", "--error-unmatch", "package-lock.json"], { cwd: REPO, encoding: "utf8" }).trim()).toBe("package-lock.json");
    expect(json("package-lock.json").lockfileVersion).toBe(3);
  });

  it("the lockfile agrees with every package.json, so `npm ci` installs instead of failing", () => {
    const lock = json("package-lock.json").packages as Record<string, Record<string, unknown>>;
    const workspaces = Object.keys(lock).filter((k) => !k.includes("node_modules"));
    for (const ws of workspaces) {
      const manifest = json(ws ? `${ws}/package.json` : "package.json");
      expect(deps(lock[ws]!), `${ws || "root"}: run npm install and commit package-lock.json`).toEqual(deps(manifest));
    }
  });

  it("CI installs with `npm ci` and fails on high or critical advisories in runtime dependencies", () => {
    const ci = readFileSync(join(REPO, ".ci/run"), "utf8");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).not.toMatch(/^npm install\b/m);
    expect(ci).toMatch(/npm audit --omit=dev --audit-level=high/);
    expect(ci).toMatch(/exit 1/);
    expect(readFileSync(join(REPO, ".github/workflows/ci.yml"), "utf8")).toContain("bash .ci/run");
  });
});
