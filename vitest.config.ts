import { defineConfig } from "vitest/config";

// One root config; each workspace package is a project. The "source" export condition makes
// workspace imports resolve to TypeScript sources, so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: {
    projects: ["schemas", "packages/*", "test/hostile", "test/browser", "bench"],
  },
});
