import { debuglog } from "node:util";

const trace = debuglog("langson");

let lastWall = 0;
let lastCpu: NodeJS.CpuUsage | undefined;

/**
 * Where a command's time goes, one line per step on stderr when `NODE_DEBUG=langson` is set (Node's
 * own switch for a module's debug output), nothing otherwise:
 *
 *   LANGSON 4242: lap rows pipelines/trade wall_ms=26841 cpu_ms=41022
 *
 * Each lap is the time since the previous one, anywhere in the process, so the laps of a command do
 * not overlap and add up to its time. The first word of a label names the kind of step (rows,
 * precedence, check, release, parquet, index, catalogue, site…), the rest which one. CPU time is the
 * process's, a second thread's included, so it can exceed the wall time.
 */
export function lap(label: string): void {
  if (!trace.enabled) return;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  if (lastCpu !== undefined) {
    const used = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    trace(`lap ${label} wall_ms=${Math.round(wall - lastWall)} cpu_ms=${Math.round(used)}`);
  }
  lastWall = wall;
  lastCpu = cpu;
}

/** Starts the clock of laps; what came before it is not reported. */
export const startLaps = (): void => {
  lastCpu = undefined;
  lap("start");
};

/** A lap line as `lap` prints it, read back (the benchmark adds them up). */
export function parseLap(line: string): { kind: string; label: string; wallMs: number; cpuMs: number } | undefined {
  const m = /\blap (\S+)((?: \S+)*?) wall_ms=(\d+) cpu_ms=(\d+)$/.exec(line.trimEnd());
  if (!m) return undefined;
  return { kind: m[1]!, label: `${m[1]}${m[2]}`, wallMs: Number(m[3]), cpuMs: Number(m[4]) };
}
