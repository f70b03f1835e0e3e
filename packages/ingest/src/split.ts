import { open } from "node:fs/promises";

const QUOTE = 0x22;
const LF = 0x0a;
/** Bytes read at a time while looking for the cuts. */
const BLOCK = 1024 * 1024;

/**
 * Where to cut a CSV file so that each part can be read on its own (readCsvBatches' `part`), in a
 * thread of its own: for each byte offset of `targets` (in increasing order), just after the first
 * line end at or after it that is outside quotes. Target 0 gives the end of the header's line. Outside quotes is told by the parity of the quotes before the line end (in RFC
 * 4180, `""` inside a quoted cell is two quotes): one pass that only looks for `"` and LF bytes,
 * ~0.1 s for 200 MB. A stray quote in an unquoted cell fools the count; the guard of the part
 * before the cut then finds the part torn (CsvReadEnd), and the file is read whole.
 *
 * Returns the cuts in increasing order, each once and before the file's end: fewer than the
 * targets when the file has too few line ends outside quotes (a file of CR line ends has none).
 *
 * @example
 * await csvSplitPoints("observations.csv", [0, 98_581_600]) // [123, 98_581_634]: the header, the rest in halves
 */
export async function csvSplitPoints(path: string, targets: readonly number[]): Promise<number[]> {
  const file = await open(path, "r");
  try {
    const size = (await file.stat()).size;
    const cuts: number[] = [];
    const buffer = Buffer.allocUnsafe(BLOCK);
    // Parity of the quotes read so far; where the next cut may be.
    let inQuotes = false;
    let next = 0;
    let target = targets[0] ?? size;
    for (let offset = 0; offset < size && next < targets.length; ) {
      const { bytesRead } = await file.read(buffer, 0, BLOCK, offset);
      if (bytesRead === 0) break;
      const bytes = buffer.subarray(0, bytesRead);
      let i = 0;
      while (i < bytesRead && next < targets.length) {
        const quote = bytes.indexOf(QUOTE, i);
        // Before the target, only the parity matters; from it on, the first line end outside quotes.
        if (offset + i < target || inQuotes) {
          if (inQuotes || quote < 0 || offset + quote < target) {
            if (quote < 0) {
              // No quote left in this block; the parity holds to its end.
              i = inQuotes || offset + bytesRead <= target ? bytesRead : target - offset;
              continue;
            }
            inQuotes = !inQuotes;
            i = quote + 1;
            continue;
          }
          i = target - offset;
          continue;
        }
        const lineEnd = bytes.indexOf(LF, i);
        if (lineEnd >= 0 && (quote < 0 || lineEnd < quote)) {
          const cut = offset + lineEnd + 1;
          if (cuts.at(-1) !== cut) cuts.push(cut);
          next++;
          target = Math.max(targets[next] ?? size, cut);
          i = lineEnd + 1;
        } else if (quote >= 0) {
          inQuotes = true;
          i = quote + 1;
        } else i = bytesRead;
      }
      offset += bytesRead;
    }
    // A cut at the file's end leaves an empty part.
    return cuts.filter((c) => c < size);
  } finally {
    await file.close();
  }
}
