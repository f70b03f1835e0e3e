import { describe, expect, it } from "vitest";
import { type Measurement, lapTable } from "./_measure.js";

const measurement = (wallS: number, traceLines: string[]): Measurement => ({
  label: "run",
  outcome: "ok",
  exitCode: 0,
  wallS,
  peakRssMiB: 100,
  cpuS: wallS,
  stdoutTail: "",
  stderrTail: "",
  stdoutBytes: 0,
  traceLines,
});

describe("lapTable", () => {
  it("adds up a run's laps by kind, in order of first appearance, and names what they leave out", () => {
    const table = lapTable(
      measurement(10, [
        "LANGSON 1: lap setup p wall_ms=500 cpu_ms=400",
        "LANGSON 1: lap rows p wall_ms=4000 cpu_ms=7000",
        "LANGSON 1: lap check totals p wall_ms=1000 cpu_ms=1000",
        "LANGSON 1: lap check series p wall_ms=1500 cpu_ms=1600",
        "LANGSON 1: some other trace",
        "LANGSON 1: lap release d wall_ms=2500 cpu_ms=2400",
      ]),
    );
    expect(table.slice(2)).toEqual([
      "| step | wall s | share | CPU s |",
      "| --- | ---: | ---: | ---: |",
      "| setup | 0.5 | 5 % | 0.4 |",
      "| rows | 4.0 | 40 % | 7.0 |",
      "| check (2) | 2.5 | 25 % | 2.6 |",
      "| release | 2.5 | 25 % | 2.4 |",
      "| outside laps | 0.5 | 5 % | — |",
    ]);
  });
});
