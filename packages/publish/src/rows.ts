import { appendFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Observation, Utf8Buffer } from "@langson-open-data/schemas";
import { ExternalSort } from "./external-sort.js";
import { readLines } from "./lines.js";
import { observationJson, parseObservationLine } from "./render.js";

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
  /**
   * The same rows, each with its observationJson text, where they are kept as that text (a spool, a
   * version's data.json): publishing writes data.json's lines as they are instead of rendering them again.
   */
  withJson?(): AsyncIterable<readonly [Observation, string]>;
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

/** A growable set of row positions, one bit each. */
class Positions {
  private bits = new Uint8Array(1024);
  size = 0;
  add(p: number): void {
    if (p >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (p >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    if (!this.has(p)) this.size++;
    this.bits[p >> 3]! |= 1 << (p & 7);
  }
  has(p: number): boolean {
    return p >> 3 < this.bits.length && (this.bits[p >> 3]! & (1 << (p & 7))) !== 0;
  }
}

const position = (p: number) => String(p).padStart(12, "0");

/**
 * Observations set aside on disk as they are checked, one JSON line each, in input order. Where
 * several sources give one figure (same indicator, measure, area and period), `resolve` says which
 * row stands: it is published at the place of the figure's first row, and the other rows are left
 * out, as the source precedence decides. Small spools never leave memory; what precedence decides
 * is kept as bits per row and a file of (winner, place) pairs, so an official report restating a
 * whole preliminary one costs no memory per row.
 */
export class ObservationSpool implements ObservationRows {
  private dir: string | undefined;
  /** Lines not yet appended to rows.jsonl, as UTF-8. */
  private readonly pending = new Utf8Buffer((bytes) => appendFileSync(join(this.folder(), "rows.jsonl"), bytes));
  private readonly periodSet = new Set<string>();
  private readonly sourceCounts = new Map<string, number>();
  private appended = 0;
  /** Rows left out: every row of a figure but its first, whose place the winner takes. */
  private readonly dropped = new Positions();
  /** First rows whose place another row (the winner) takes. */
  private readonly replaced = new Positions();
  private pairs: string[] = [];

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

  /**
   * Appends a row; returns its position (0-based), by which `resolve` names it. `json` is the row's
   * observationJson when the caller has it already.
   */
  append(o: Observation, json = observationJson(o)): number {
    this.pending.write(json);
    this.pending.write("\n");
    this.periodSet.add(o.time_period);
    this.sourceCounts.set(o.source, (this.sourceCounts.get(o.source) ?? 0) + 1);
    return this.appended++;
  }

  private folder(): string {
    // LANGSON_SCRATCH: the command line's scratch folder for this process (packages/cli/src/scratch.ts).
    return (this.dir ??= mkdtempSync(join(process.env.LANGSON_SCRATCH ?? tmpdir(), `langson-spool-${this.label}-`)));
  }

  /**
   * One figure given by several rows: `rows` are their positions, first row first; `winner` is the
   * one published, at the first row's place. `sourceOf` gives each row's source, to keep the list of
   * sources cited exact.
   */
  resolve(rows: readonly number[], winner: number, sourceOf: (row: number) => string): void {
    const [first] = rows;
    if (first === undefined) return;
    for (const r of rows) if (r !== first) this.dropped.add(r);
    for (const r of rows) if (r !== winner) this.sourceCounts.set(sourceOf(r), this.sourceCounts.get(sourceOf(r))! - 1);
    if (winner === first) return;
    this.replaced.add(first);
    this.pairs.push(`${position(winner)}\t${first}`);
    if (this.pairs.length >= 4096) this.flushPairs();
  }

  private flushPairs(): void {
    if (this.pairs.length === 0) return;
    appendFileSync(join(this.folder(), "pairs.tsv"), `${this.pairs.join("\n")}\n`);
    this.pairs = [];
  }

  private async *lines(): AsyncGenerator<string> {
    if (this.dir !== undefined && existsSync(join(this.dir, "rows.jsonl"))) {
      yield* readLines(join(this.dir, "rows.jsonl"));
    }
    // The lines still in memory (all of them, for a small spool): read, not drained, since the rows
    // may be read again.
    const rest = this.pending.text();
    if (rest) yield* rest.slice(0, -1).split("\n");
  }

  private async *pairLines(): AsyncGenerator<string> {
    if (this.dir !== undefined && existsSync(join(this.dir, "pairs.tsv"))) {
      yield* readLines(join(this.dir, "pairs.tsv"));
    }
    yield* this.pairs;
  }

  async *rows(): AsyncGenerator<Observation> {
    for await (const [o] of this.withJson()) yield o;
  }

  /** The rows with their JSON lines, as the spool holds them. */
  async *withJson(): AsyncGenerator<readonly [Observation, string]> {
    if (this.replaced.size === 0) {
      let at = 0;
      for await (const line of this.lines()) if (!this.dropped.has(at++)) yield [parseObservationLine(line), line];
      return;
    }
    // The winners' lines, sorted by the place they take: the pairs sorted by winner are walked
    // beside the rows, and each winner's line is filed under its place.
    const byWinner = new ExternalSort(`${this.label}-winners`);
    const standIns = new ExternalSort(`${this.label}-stand-ins`);
    try {
      for await (const pair of this.pairLines()) {
        const tab = pair.indexOf("\t");
        byWinner.add(pair.slice(0, tab), pair.slice(tab + 1));
      }
      const winners = byWinner.sorted()[Symbol.asyncIterator]();
      let next = await winners.next();
      let at = 0;
      for await (const line of this.lines()) {
        while (!next.done && Number(next.value[0]) === at) {
          standIns.add(position(Number(next.value[1])), line);
          next = await winners.next();
        }
        at++;
      }
      const places = standIns.sorted()[Symbol.asyncIterator]();
      at = 0;
      for await (const line of this.lines()) {
        const here = at++;
        if (this.replaced.has(here)) {
          const standIn = await places.next();
          if (standIn.done || Number(standIn.value[0]) !== here) throw new Error(`spool ${this.label}: no row stands in at position ${here}`);
          yield [parseObservationLine(standIn.value[1]), standIn.value[1]];
          continue;
        }
        if (!this.dropped.has(here)) yield [parseObservationLine(line), line];
      }
    } finally {
      byWinner.dispose();
      standIns.dispose();
    }
  }

  /** Removes the spool's files. */
  dispose(): void {
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.pairs = [];
  }
}
