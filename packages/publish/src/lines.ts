import { createReadStream } from "node:fs";
import { ownString } from "@langson-open-data/schemas";

/**
 * Bytes read at a time. Chunks of 1 MiB, each decoded into one string of up to a million characters,
 * cost more than they save: reading a 1 M-row release's data.json back (237 021 figures) and
 * rendering its files took 2.4–2.5 s with them and 1.9 s with 64 KiB, a third less CPU; its vintage
 * records, 2.0 s and 1.7 s.
 */
const CHUNK_BYTES = 1 << 16;

/**
 * The lines of a UTF-8 text file the project wrote (data.json, spools, sorted runs), streamed in
 * chunks of `chunkBytes`: a line ends at "\n" (a "\r" before it is dropped, as for CRLF), and a last
 * line without one still counts. About three times faster than node:readline, which matches a
 * regular expression and emits an event for every line.
 *
 * Each line is copied out of its chunk, so that a line kept (a sort's head record, a map key) does
 * not keep the whole chunk alive, as a slice of it would.
 */
export async function* readLines(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<string> {
  for await (const lines of readLineBatches(path, chunkBytes)) yield* lines;
}

/**
 * readLines by the lines of each chunk read: a consumer that loops over a batch synchronously pays one
 * await per chunk, not one per line. With `own: false` the lines are slices of their chunk, not
 * copies, for a consumer that keeps nothing cut from them (a slice kept would keep the whole chunk).
 */
export async function* readLineBatches(path: string, chunkBytes = CHUNK_BYTES, { own = true } = {}): AsyncGenerator<string[]> {
  const cut = own ? ownString : (line: string) => line;
  let carry = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: chunkBytes }) as AsyncIterable<string>) {
    const text = carry === "" ? chunk : carry + chunk;
    const lines: string[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      lines.push(cut(text.slice(start, nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl)));
      start = nl + 1;
    }
    carry = ownString(text.slice(start));
    if (lines.length) yield lines;
  }
  if (carry !== "") yield [carry.endsWith("\r") ? carry.slice(0, -1) : carry];
}
