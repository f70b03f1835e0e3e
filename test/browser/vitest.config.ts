import { defineProject } from "vitest/config";

// End-to-end: the real pipeline published into a temp folder, the site built and served, then checked
// in headless Chromium. May import any package (publish must not import cli; this folder may).
export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: { name: "browser", include: ["**/*.test.ts"], testTimeout: 30_000, hookTimeout: 30_000 },
});
