/**
 * A string of its own with the same characters. Cells and lines cut from a large chunk of input
 * (papaparse's cells, a line of a file chunk) are slices, and V8 keeps the whole chunk alive while a
 * slice of it lives: a cell kept anywhere (a map key, a sort's head record, a finding) would keep its
 * chunk, and at 3 M rows such cells once held ~10 000 chunks. V8 flattens the concatenation into a
 * new string, and the slice of that pins only itself.
 *
 * @example
 * cache.set(ownString(cell), value) // the cache keeps the cell's characters, not its chunk
 */
export function ownString(text: string): string {
  return ` ${text}`.slice(1);
}
