import { defineProject } from "vitest/config";

// The hostile-input and fault corpus: every bad input gets a clear finding, nothing is half-written.
// Timeouts are generous because these tests spawn processes and copy projects on a shared 2-core machine.
export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: { name: "hostile", include: ["**/*.test.ts"], globalSetup: ["./_bundle.ts"], testTimeout: 30_000, hookTimeout: 60_000 },
});
