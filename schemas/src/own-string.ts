/**
 * V8 makes a slice (a view into the text it was cut from) only for 13 characters or more
 * (SlicedString::kMinLength); a shorter piece is always a copy of its own.
 */
const SLICE_MIN_LENGTH = 13;

/**
 * A string of its own with the same characters. Cells and lines cut from a large chunk of input
 * (papaparse's cells, a line of a file chunk) are slices, and V8 keeps the whole chunk alive while a
 * slice of it lives: a cell kept anywhere (a map key, a sort's head record, a finding) would keep its
 * chunk, and at 3 M rows such cells once held ~10 000 chunks. V8 flattens the concatenation into a
 * new string, and the slice of that pins only itself. Text shorter than a slice can be is already its
 * own and is returned as it is: most cells are short codes and numbers, and copying every cell of a
 * 1 M-row file took ~1.2 of the ~5.8 s spent reading it.
 *
 * @example
 * cache.set(ownString(cell), value) // the cache keeps the cell's characters, not its chunk
 */
export function ownString(text: string): string {
  return text.length < SLICE_MIN_LENGTH ? text : ` ${text}`.slice(1);
}
