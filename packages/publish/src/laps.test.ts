import { describe, expect, it } from "vitest";
import { parseLap } from "./laps.js";

// lap() prints only when NODE_DEBUG=langson was set as the process started, which a test process
// cannot change: test/hostile/bundle.test.ts reads the laps of a real run; here, reading them back.
describe("parseLap", () => {
  it("reads a lap line as debuglog prints it", () => {
    expect(parseLap("LANGSON 4242: lap rows pipelines/trade wall_ms=26841 cpu_ms=41022")).toEqual({
      kind: "rows",
      label: "rows pipelines/trade",
      wallMs: 26841,
      cpuMs: 41022,
    });
    expect(parseLap("LANGSON 7: lap check series lang-son wall_ms=3 cpu_ms=7\n")).toEqual({ kind: "check", label: "check series lang-son", wallMs: 3, cpuMs: 7 });
    expect(parseLap("LANGSON 7: lap site wall_ms=0 cpu_ms=0")).toEqual({ kind: "site", label: "site", wallMs: 0, cpuMs: 0 });
  });

  it("reads nothing else", () => {
    expect(parseLap("LANGSON 7: some other trace")).toBeUndefined();
    expect(parseLap("warning totals-mismatch: lap wall_ms=3")).toBeUndefined();
    expect(parseLap("LANGSON 7: lap rows wall_ms=-1 cpu_ms=2")).toBeUndefined();
  });
});
