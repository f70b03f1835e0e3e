import { defineProject } from "vitest/config";

export default defineProject({
  resolve: { conditions: ["source"] },
  ssr: { resolve: { conditions: ["source"], externalConditions: ["source"] } },
  test: { name: "extract", include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"] },
});
