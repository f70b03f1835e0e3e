import { appendFileSync, createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Observation } from "@langson-open-data/schemas";
import { observationJson } from "./render.js";

/**
 * The figures a dataset version publishes, in published order, read as a stream: a national dataset
 * is never held in memory at once. `count` and `periods` are known before the rows are read.
 */
export interface ObservationRows {
  readonly count: number;
  /** The distinct periods of the rows, sorted. */
  readonly periods: readonly string[];
  /** The ids of the sources the rows cite, in the order first cited. */
  readonly sources: readonly string[];
  rows(): AsyncIterable<Observation>;
}

/** Rows held in an array (small datasets, tests, a version read back). */
export function rowsOf(observations: readonly Observation[]): ObservationRows {
  return {
    count: observations.length,
    periods: [...new Set(observations.map((o) => o.time_period))].sort(),
    sources: [...new Set(observations.map((o) => o.source))],
    async *rows() {
      yield* observations;
    },
  };
}

/** Reads every row of a stream into an array: for small datasets and tests only. */
export async function collectRows(rows: ObservationRows): Promise<Observation[]> {
  const out: Observation[] = [];
  for await (const o of rows.rows()) out.push(o);
  return out;
}

/** Characters buffered before a spool appends to its file. */
const FLUSH_CHARS = 256 * 1024;

/**
 * Observations set aside on disk as they are checked, one JSON line each, in input order. Where
 * several sources give one figure (same indicator, measure, area and period), `resolve` says which
 * row stands: it is published at the place of the figure's first row, and the other rows are left
 * out, as the source precedence decides. Small spools never leave memory.
 */
export class ObservationSpool implements ObservationRows {
  private dir: string | undefined;
  private buffer: string[] = [];
  private bufferChars = 0;
  private readonly periodSet = new Set<string>();
  private readonly sourceCounts = new Map<string, number>();
  private appended = 0;
  private dropped = new Set<number>();
  /** Position of a figure's first row → the row published there instead. */
  private substitutes = new Map<number, number>();

  constructor(private readonly label: string) {}

  get count(): number {
    return this.appended - this.dropped.size;
  }

  get periods(): string[] {
    return [...this.periodSet].sort();
  }

  get sources(): string[] {
    return [...this.sourceCounts].filter(([, n]) => n > 0).map(([s]) => s);
  }

  /** Appends a row; returns its position (0-based), by which `resolve` names it. */
  append(o: Observation): number {
    const line = observationJson(o);
    this.buffer.push(line);
    this.bufferChars += line.length + 1;
    this.periodSet.add(o.time_period);
    this.sourceCounts.set(o.source, (this.sourceCounts.get(o.source) ?? 0) + 1);
    if (this.bufferChars > FLUSH_CHARS) this.flush();
    return this.appended++;
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    this.dir ??= mkdtempSync(join(tmpdir(), `langson-spool-${this.label}-`));
    appendFileSync(join(this.dir, "rows.jsonl"), `${this.buffer.join("\n")}\n`);
    this.buffer = [];
    this.bufferChars = 0;
  }

  /**
   * One figure given by several rows: `rows` are their positions, first row first; `winner` is the
   * one published, at the first row's place. `sourceOf` gives each row's source, to keep the list of
   * sources cited exact.
   */
  resolve(rows: readonly number[], winner: number, sourceOf: (row: number) => string): void {
    const [first] = rows;
    if (first === undefined) return;
    for (const r of rows) {
      if (r === first) continue;
      this.dropped.add(r);
    }
    for (const r of rows) if (r !== winner) this.sourceCounts.set(sourceOf(r), this.sourceCounts.get(sourceOf(r))! - 1);
    if (winner !== first) this.substitutes.set(first, winner);
  }

  private async *lines(): AsyncGenerator<string> {
    if (this.dir !== undefined) {
      const input = createReadStream(join(this.dir, "rows.jsonl"), { encoding: "utf8", highWaterMark: 1 << 20 });
      const lines = createInterface({ input, crlfDelay: Infinity });
      for await (const line of lines) yield line;
    }
    yield* this.buffer;
  }

  async *rows(): AsyncGenerator<Observation> {
    // The rows that stand in for a figure's first row are read first: there are few of them.
    const wanted = new Set(this.substitutes.values());
    const standIns = new Map<number, string>();
    if (wanted.size > 0) {
      let at = 0;
      for await (const line of this.lines()) {
        if (wanted.has(at)) standIns.set(at, line);
        at++;
      }
    }
    let at = 0;
    for await (const line of this.lines()) {
      const position = at++;
      if (this.dropped.has(position)) continue;
      const instead = this.substitutes.get(position);
      yield JSON.parse(instead === undefined ? line : standIns.get(instead)!) as Observation;
    }
  }

  /** Removes the spool's file. */
  dispose(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.buffer = [];
  }
}
