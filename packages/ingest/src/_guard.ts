import { Transform, type TransformCallback } from "node:stream";
import { guessLegacyVietnamese, sniffEncoding } from "./encoding.js";
import { utf8Prefix } from "./_utf8.js";

/** Why the guard stopped reading a file, and where: row as a spreadsheet counts it, cell 0-based. */
export interface GuardStop {
  readonly code: "encoding-not-utf8" | "csv-unclosed-quote" | "csv-malformed-quote" | "csv-cell-too-long" | "csv-row-too-long" | "csv-control-character";
  readonly row: number;
  readonly cell?: number;
  /** For encoding-not-utf8: the encoding the bytes look like. For the others: what was found. */
  readonly found: string;
  /**
   * For encoding-not-utf8 after the head: where the first bad byte is in the file, so that the
   * encoding can be told from the same bytes however the file was read (readCsvBatches does).
   */
  readonly byte?: number;
}

export interface GuardLimits {
  readonly maxCell: number;
  readonly maxRow: number;
  /**
   * For a part of a file (readCsvBatches' `part`): the number of the part's first record, and
   * whether the part starts or ends the file. A part that does not start it is not sniffed and keeps
   * a leading U+FEFF; one that does not end it must end at a record's end (`torn` says when not).
   */
  readonly firstRecord?: number;
  /** Where in the file the part starts, in bytes (0 by default). */
  readonly firstByte?: number;
  readonly startsFile?: boolean;
  readonly endsFile?: boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
/** Strict UTF-8, each chunk decoded whole (the BOM is dropped by hand, at the start of the file only). */
const FATAL = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** How many bytes at the end of `bytes` begin a UTF-8 character that the next chunk completes. */
function unfinishedTail(bytes: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, bytes.length); k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

/** Runs of characters that are plain content: outside quotes, and inside them (line ends aside). */
const UNQUOTED_RUN = /[^,\r\n\x00-\x08\x0b\x0c\x0e-\x1f]*/y;
const QUOTED_RUN = /[^"\r\n\x00-\x08\x0b\x0c\x0e-\x1f]*/y;
/**
 * Bytes around the first one that is not UTF-8 that tell the legacy encodings apart: the guard's
 * sample holds those of its chunk; readCsvBatches reads them again from the file (GuardStop.byte).
 */
export const LEGACY_SAMPLE_BEFORE = 1024;
export const LEGACY_SAMPLE_AFTER = 4096;
/** Bytes looked at to tell UTF-16 or a workbook from text (sniffEncoding reads at most 512). */
export const SNIFF_BYTES = 512;

// Where the scanner stands within a record.
const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  /** Inside a quoted cell, just after a '"': either an escaped quote or the cell's end. */
  QuoteSeen: 3,
} as const;
type State = (typeof State)[keyof typeof State];

/**
 * Bytes in, checked CSV text out, one whole record at a time, before papaparse sees anything:
 *
 * - decodes UTF-8 strictly (BOM dropped), naming UTF-16/32, workbooks and legacy Vietnamese encodings,
 *   with the row and cell of the first byte that is not UTF-8;
 * - follows RFC 4180 quoting, so an unclosed or malformed quote is reported at the row and cell
 *   where it is (papaparse's own error rows count from each chunk, not from the file);
 * - bounds memory: a cell longer than `maxCell` or a record longer than `maxRow` characters stops the
 *   read there, so a 50 MB line is refused after its first megabyte instead of being split into
 *   millions of cells;
 * - drops empty lines and writes every record ending in "\n", so papaparse (newline "\n") numbers
 *   records exactly as the guard does.
 *
 * At the first problem it records `stop`, passes on nothing more (the record in progress is
 * withheld) and ignores the rest of the input.
 */
export class CsvGuard extends Transform {
  stop: GuardStop | undefined;
  /**
   * A part that does not end the file ended inside a record: the split was not at a record's end
   * (a stray quote in an unquoted cell misled the split), and the record is not passed on.
   */
  torn = false;

  private readonly limits: GuardLimits;
  /** No text passed on yet: a BOM here is dropped. */
  private atStart: boolean;
  private carry: Uint8Array = new Uint8Array(0);
  /** Where `carry`, and the chunk that follows it, start in the file. */
  private carryAt: number;
  private first: boolean;

  private state: State = State.FieldStart;
  /** Number of the record being read; empty lines are not counted. */
  private record: number;
  private cell = 0;
  private cellLength = 0;
  private rowLength = 0;
  private quoteRow = 0;
  private quoteCell = 0;
  /** The quoted cell in progress holds a line end: a stray quote later means it was never closed. */
  private quoteSpansLines = false;
  /** Text of the record in progress that arrived with earlier chunks. */
  private pending = "";
  private skipLf = false;

  constructor(limits: GuardLimits) {
    super({ readableObjectMode: true });
    this.limits = limits;
    this.record = limits.firstRecord ?? 1;
    this.carryAt = limits.firstByte ?? 0;
    this.atStart = this.first = limits.startsFile ?? true;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.stop) return done();
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.first) {
      // Sniff the same head however the file arrives in chunks: wait for SNIFF_BYTES or the end.
      if (bytes.length < SNIFF_BYTES) {
        this.carry = bytes;
        return done();
      }
      this.first = false;
      if (this.sniff(bytes)) return done();
    }
    this.decodeAndScan(bytes);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.first) {
      this.first = false;
      const head = this.carry;
      this.carry = new Uint8Array(0);
      if (!this.sniff(head)) this.decodeAndScan(head);
    }
    if (!this.stop) {
      if (this.carry.length) this.notUtf8(this.carry, 0);
      else if (this.limits.endsFile === false) {
        // The next part starts where this one ends: only a record's end is a clean cut.
        this.torn = this.pending !== "" || this.state !== State.FieldStart || this.cell > 0 || this.skipLf;
        this.pending = "";
      } else if (this.state === State.Quoted) {
        this.halt({ code: "csv-unclosed-quote", row: this.quoteRow, cell: this.quoteCell, found: "end of file inside a quoted cell" });
      } else {
        if (this.endRecord()) this.push(`${this.pending}\n`);
        this.pending = "";
      }
    }
    done();
  }

  /** Stops at once when the head of the file shows it is not UTF-8 text at all. */
  private sniff(head: Uint8Array): boolean {
    const sniffed = sniffEncoding(head);
    if (sniffed) this.halt({ code: "encoding-not-utf8", row: 1, found: sniffed });
    return sniffed !== undefined;
  }

  private decodeAndScan(bytes: Uint8Array): void {
    // Whole characters only: one cut by the chunk's end waits for the next chunk.
    const end = bytes.length - unfinishedTail(bytes);
    let text: string;
    let valid = end;
    try {
      text = FATAL.decode(bytes.subarray(0, end));
    } catch {
      // Not UTF-8: pass on what comes before the first bad byte, then say where it is.
      valid = utf8Prefix(bytes.subarray(0, end)).valid;
      text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, valid));
    }
    if (this.atStart) {
      this.atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.scan(text);
    if (this.stop) return;
    if (valid < end) this.notUtf8(bytes, valid);
    else {
      this.carry = bytes.subarray(end);
      this.carryAt += end;
    }
  }


  private halt(stop: GuardStop): void {
    this.stop = stop;
    this.pending = "";
  }

  private notUtf8(bytes: Uint8Array, at: number): void {
    // A few kilobytes around the first bad byte are enough to tell the legacy encodings apart.
    const sample = bytes.subarray(Math.max(0, at - LEGACY_SAMPLE_BEFORE), at + LEGACY_SAMPLE_AFTER);
    this.halt({ code: "encoding-not-utf8", row: this.record, cell: this.cell, found: guessLegacyVietnamese(sample), byte: this.carryAt + at });
  }

  /** Ends the record whose text is `pending` + text[start, end); passes it on unless it is empty. */
  /** Ends the record in progress; whether it is kept (papaparse's skipEmptyLines drops a record of one empty cell, so it is dropped here too and the counts agree). */
  private endRecord(): boolean {
    const keep = this.cell > 0 || this.cellLength > 0;
    if (keep) this.record++;
    this.state = State.FieldStart;
    this.cell = 0;
    this.cellLength = 0;
    this.rowLength = 0;
    return keep;
  }


  private cellTooLong(maxCell: number): void {
    this.halt({
      code: "csv-cell-too-long",
      row: this.record,
      cell: this.cell,
      found: `more than ${maxCell} characters${this.state === State.Quoted && this.quoteSpansLines ? ` (the quote opened in row ${this.quoteRow} may never be closed)` : ""}`,
    });
  }

  private scan(text: string): void {
    const out: string[] = [];
    const { maxCell, maxRow } = this.limits;
    let start = 0;
    // Records ending in LF pass on as one slice of the chunk; a dropped empty line, a CR line end or a
    // record begun in an earlier chunk closes the slice.
    let spanStart = -1;
    let spanEnd = -1;
    const flush = () => {
      if (spanStart >= 0) out.push(text.slice(spanStart, spanEnd));
      spanStart = -1;
    };
    const lineEnd = (i: number, c: number) => {
      if (!this.endRecord()) flush();
      else if (this.pending) {
        flush();
        out.push(this.pending, text.slice(start, i), "\n");
      } else if (c === LF) {
        if (spanStart < 0) spanStart = start;
        spanEnd = i + 1;
      } else {
        flush();
        out.push(text.slice(start, i), "\n");
      }
      this.pending = "";
      start = i + 1;
      this.skipLf = c === CR;
    };
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      // Fast path: a run of plain content characters is counted at once, with the same outcome as
      // counting it character by character (the row limit is checked before the cell limit).
      if (this.state !== State.QuoteSeen && !(c === QUOTE && this.state === State.FieldStart)) {
        const run = this.state === State.Quoted ? QUOTED_RUN : UNQUOTED_RUN;
        run.lastIndex = i;
        run.test(text);
        const n = run.lastIndex - i;
        if (n > 0) {
          if (this.state === State.FieldStart) this.state = State.Unquoted;
          const rowBreaksAt = maxRow - this.rowLength + 1;
          const cellBreaksAt = maxCell - this.cellLength + 1;
          if (rowBreaksAt <= n && rowBreaksAt <= cellBreaksAt) {
            this.halt({ code: "csv-row-too-long", row: this.record, found: `more than ${maxRow} characters without a line end` });
            break;
          }
          if (cellBreaksAt <= n) {
            this.rowLength += cellBreaksAt;
            this.cellLength += cellBreaksAt;
            this.cellTooLong(maxCell);
            break;
          }
          this.rowLength += n;
          this.cellLength += n;
          i += n - 1;
          continue;
        }
      }
      if (++this.rowLength > maxRow) {
        this.halt({ code: "csv-row-too-long", row: this.record, found: `more than ${maxRow} characters without a line end` });
        break;
      }
      if (c < 0x20 && c !== TAB && c !== LF && c !== CR) {
        this.halt({ code: "csv-control-character", row: this.record, cell: this.cell, found: `U+${c.toString(16).toUpperCase().padStart(4, "0")}` });
        break;
      }
      let content = false;
      switch (this.state) {
        case State.Quoted:
          if (c === QUOTE) this.state = State.QuoteSeen;
          else {
            content = true;
            if (c === LF || c === CR) this.quoteSpansLines = true;
          }
          break;
        case State.QuoteSeen:
          if (c === QUOTE) {
            this.state = State.Quoted;
            content = true;
          } else if (c === COMMA) {
            this.state = State.FieldStart;
            this.cell++;
            this.cellLength = 0;
          } else if (c === LF || c === CR) {
            lineEnd(i, c);
          } else if (this.quoteSpansLines) {
            // The quote that "closed" was the opening quote of a later cell: this one was never closed.
            this.halt({
              code: "csv-unclosed-quote",
              row: this.quoteRow,
              cell: this.quoteCell,
              found: `a quoted cell that runs over a line end into ${JSON.stringify((this.pending + text.slice(start, i + 1)).slice(-21))}`,
            });
          } else {
            this.halt({ code: "csv-malformed-quote", row: this.record, cell: this.cell, found: `${JSON.stringify(text[i])} after the closing quote` });
          }
          break;
        default:
          if (c === COMMA) {
            this.state = State.FieldStart;
            this.cell++;
            this.cellLength = 0;
          } else if (c === LF || c === CR) {
            lineEnd(i, c);
          } else if (c === QUOTE && this.state === State.FieldStart) {
            this.state = State.Quoted;
            this.quoteRow = this.record;
            this.quoteCell = this.cell;
            this.quoteSpansLines = false;
          } else {
            this.state = State.Unquoted;
            content = true;
          }
      }
      if (this.stop) break;
      if (content && ++this.cellLength > maxCell) {
        this.cellTooLong(maxCell);
        break;
      }
    }
    flush();
    if (!this.stop) this.pending += text.slice(start);
    if (out.length) this.push(out.join(""));
  }
}
