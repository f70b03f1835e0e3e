import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseLap } from "@langson-open-data/publish";

/** How one measured child process ended. */
export type Outcome = "ok" | "failed" | "out of memory" | "timed out";

export interface Measurement {
  readonly label: string;
  readonly outcome: Outcome;
  readonly exitCode: number | null;
  /** Wall time from spawn to exit, in seconds. */
  readonly wallS: number;
  /**
   * Peak resident set size of the child, in MiB: /usr/bin/time -v's figure, or for a child killed at
   * the timeout the highest VmHWM read from /proc while it ran (a lower bound).
   */
  readonly peakRssMiB: number | undefined;
  /** CPU time (user + system), in seconds. */
  readonly cpuS: number | undefined;
  /** The last lines of what the child printed. */
  readonly stdoutTail: string;
  readonly stderrTail: string;
  readonly stdoutBytes: number;
  /** Every line the child printed to stderr that starts with `LANGSON ` (NODE_DEBUG=langson laps). */
  readonly traceLines: readonly string[];
}

export interface MeasureOptions {
  readonly cwd: string;
  /** Killed (the whole process group) after this long, and reported as "timed out". */
  readonly timeoutMs: number;
  /** Exit codes that count as success (default [0]). */
  readonly okCodes?: readonly number[];
  readonly env?: NodeJS.ProcessEnv;
}

const HEAD = 8 * 1024;
const TAIL = 16 * 1024;

/**
 * Keeps the start and the end of a growing text: a run that prints 20 000 warnings must not fill the
 * parent, and V8's "heap out of memory" line comes before a long native stack trace.
 */
function tailKeeper() {
  let head = "";
  let text = "";
  let bytes = 0;
  return {
    add(chunk: Buffer) {
      bytes += chunk.length;
      const s = chunk.toString("utf8");
      if (head.length < HEAD) head += s.slice(0, HEAD - head.length);
      text = (text + s).slice(-TAIL);
    },
    get head() {
      return head;
    },
    get text() {
      return text;
    },
    get bytes() {
      return bytes;
    },
  };
}

/**
 * Runs a command under `/usr/bin/time -v` in its own process group, with a timeout, and reads its wall
 * time, peak RSS and CPU time. Never throws for the child's failure: the outcome says what happened.
 */
export function measure(label: string, command: string, args: readonly string[], options: MeasureOptions): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-v", command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = tailKeeper();
    const err = tailKeeper();
    // The trace lines are kept whole, however much else the child prints.
    const traceLines: string[] = [];
    let partial = "";
    child.stdout.on("data", (c: Buffer) => out.add(c));
    child.stderr.on("data", (c: Buffer) => {
      err.add(c);
      const lines = (partial + c.toString("latin1")).split("\n");
      partial = lines.pop()!;
      for (const line of lines) if (line.startsWith("LANGSON ")) traceLines.push(Buffer.from(line, "latin1").toString("utf8"));
    });
    // /usr/bin/time's child is the measured process: follow its high-water mark, for when it is killed.
    let polledKiB = 0;
    const poll = setInterval(() => {
      try {
        for (const pid of readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) {
          const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
          if (hwm) polledKiB = Math.max(polledKiB, Number(hwm));
        }
      } catch {
        // not started yet, or gone
      }
    }, 1000);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      clearInterval(poll);
      const wallS = (performance.now() - started) / 1000;
      const stderr = err.text;
      const rssKiB = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? (polledKiB || undefined);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr)?.[1];
      // /usr/bin/time reports the command's own exit status on a line of its own.
      const status = /Exit status: (\d+)/.exec(stderr)?.[1];
      const signal = /Command terminated by signal (\d+)/.exec(stderr)?.[1];
      const exitCode = signal !== undefined ? 128 + Number(signal) : status === undefined ? code : Number(status);
      const oom = /heap out of memory|Reached heap limit|ERR_STRING_TOO_LONG|Invalid string length|Array buffer allocation failed/.test(err.head + stderr);
      const outcome: Outcome = timedOut ? "timed out" : (options.okCodes ?? [0]).includes(exitCode ?? -1) ? "ok" : oom ? "out of memory" : "failed";
      resolve({
        label,
        outcome,
        exitCode,
        wallS,
        peakRssMiB: rssKiB === undefined ? undefined : Number(rssKiB) / 1024,
        cpuS: user === undefined || sys === undefined ? undefined : Number(user) + Number(sys),
        stdoutTail: out.text,
        stderrTail: `${err.bytes > TAIL ? `${err.head.split("\n").slice(0, 6).join("\n")}\n…\n` : ""}${stderr.replace(/\n\tCommand being timed:[\s\S]*$/, "")}`,
        stdoutBytes: out.bytes,
        traceLines,
      });
    });
  });
}

/** A figure with `d` decimals, or NA for one that could not be measured. */
export const fixed = (x: number | undefined, d = 1) => (x === undefined || !Number.isFinite(x) ? "NA" : x.toFixed(d));

/**
 * Where a pipeline run's wall time went, by kind of step (the first word of each lap): the laps do not
 * overlap, and what they leave out (starting Node, loading the bundle, exiting) is "outside laps".
 */
export function lapTable(m: Measurement): string[] {
  const kinds = new Map<string, { wallMs: number; cpuMs: number; count: number }>();
  for (const line of m.traceLines) {
    const l = parseLap(line);
    if (!l) continue;
    const k = kinds.get(l.kind) ?? { wallMs: 0, cpuMs: 0, count: 0 };
    k.wallMs += l.wallMs;
    k.cpuMs += l.cpuMs;
    k.count++;
    kinds.set(l.kind, k);
  }
  const traced = [...kinds.values()].reduce((a, k) => a + k.wallMs, 0) / 1000;
  const row = (name: string, wallS: number, cpu: string) => `| ${name} | ${fixed(wallS)} | ${fixed((100 * wallS) / m.wallS, 0)} % | ${cpu} |`;
  return [
    `Where the time of ${m.label} went (NODE_DEBUG=langson laps, packages/publish/src/laps.ts):`,
    "",
    "| step | wall s | share | CPU s |",
    "| --- | ---: | ---: | ---: |",
    ...[...kinds].map(([kind, k]) => row(`${kind}${k.count > 1 ? ` (${k.count})` : ""}`, k.wallMs / 1000, fixed(k.cpuMs / 1000))),
    row("outside laps", m.wallS - traced, "—"),
  ];
}

