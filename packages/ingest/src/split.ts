import { open } from "node:fs/promises";

const QUOTE = 0x22;
const LF = 0x0a;
/** Bytes read at a time while looking for the cuts. */
const BLOCK = 1024 * 1024;
/**
 * Past this many bytes without a line end outside quotes (as the count here tells them), the search
 * stops and the file is read whole, on one core: either a record that long, which the reader
 * refuses (maxRow, 1 000 000 characters by default, at most 4 bytes each) and stops at, or a file
 * this count cannot cut (CR line ends; a stray quote that turned the count around).
 */
const MAX_RECORD_BYTES = 4 * 1024 * 1024;

/**
 * Where to cut a CSV file so that each part can be read on its own (readCsvBatches' `part`), in a
 * thread of its own: for each byte offset of `targets` (in increasing order), just after the first
 * line end at or after it that is outside quotes. Target 0 gives the end of the header's line.
 * Outside quotes is told by the parity of the quotes before the line end (in RFC 4180, `""` inside
 * a quoted cell is two quotes): one pass up to the last cut that looks for `"` and LF bytes only,
 * ~0.1 s per 100 MB of the bench's data. A stray quote in an unquoted cell fools the count; the
 * guard of the part before the cut then finds the part torn (CsvReadEnd), and the file is read whole.
 *
 * Returns the cuts in increasing order, each once and before the file's end: fewer than the
 * targets when the file has too few line ends outside quotes (a file of CR line ends has none).
 *
 * @example
 * await csvSplitPoints("observations.csv", [0, 98_581_600]) // [123, 98_581_634]: the header, the rest in halves
 */
export async function csvSplitPoints(path: string, targets: readonly number[], maxRecordBytes = MAX_RECORD_BYTES): Promise<number[]> {
  const file = await open(path, "r");
  try {
    const size = (await file.stat()).size;
    const cuts: number[] = [];
    const buffer = Buffer.allocUnsafe(BLOCK);
    // Parity of the quotes read so far; where the last record ended; which target is next.
    let inQuotes = false;
    let recordStart = 0;
    let next = 0;
    let target = targets[0] ?? size;
    for (let offset = 0; offset < size && next < targets.length; ) {
      const { bytesRead } = await file.read(buffer, 0, BLOCK, offset);
      if (bytesRead === 0) break;
      // The next quote and line end at or after i (bytesRead: none left in the block), each looked
      // for once: a block costs one search per quote and per line end, whatever its bytes.
      let quote = -1;
      let lineEnd = -1;
      let i = 0;
      while (i < bytesRead) {
        if (quote < i) quote = found(buffer.indexOf(QUOTE, i), bytesRead);
        if (lineEnd < i) lineEnd = found(buffer.indexOf(LF, i), bytesRead);
        if (inQuotes) {
          if (quote === bytesRead) break;
          inQuotes = false;
          i = quote + 1;
        } else if (lineEnd < quote) {
          recordStart = offset + lineEnd + 1;
          i = lineEnd + 1;
          if (recordStart > target) {
            cuts.push(recordStart);
            if (++next === targets.length) break;
            target = Math.max(targets[next]!, recordStart);
          }
        } else if (quote === bytesRead) break;
        else {
          inQuotes = true;
          i = quote + 1;
        }
      }
      offset += bytesRead;
      // A record too long for the reader, or a file this count cannot cut (see MAX_RECORD_BYTES).
      if (offset - recordStart > maxRecordBytes) break;
    }
    // A cut at the file's end leaves an empty part.
    return cuts.filter((c) => c < size);
  } finally {
    await file.close();
  }
}

/** indexOf's answer within the block's `end` bytes (the buffer may hold more, from a read before), or `end`. */
function found(at: number, end: number): number {
  return at < 0 || at > end ? end : at;
}
