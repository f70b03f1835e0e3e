/**
 * Where valid UTF-8 ends in `bytes`: the length of the longest prefix made of complete, well-formed
 * sequences (no overlongs, no surrogates, nothing above U+10FFFF), and whether the rest is only the
 * unfinished start of a valid sequence, as when a read chunk ends inside a character.
 *
 * @example
 * utf8Prefix(Buffer.from("Lạng"))             // { valid: 6, incomplete: false }
 * utf8Prefix(Buffer.from([0x4c, 0xe1, 0xba])) // { valid: 1, incomplete: true }  ("ạ" cut short)
 * utf8Prefix(Buffer.from([0x4c, 0xb9, 0x6e])) // { valid: 1, incomplete: false } (TCVN3 "ạ": not UTF-8)
 */
export function utf8Prefix(bytes: Uint8Array): { valid: number; incomplete: boolean } {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // overlong
      else if (b === 0xed) hi = 0x9f; // surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // overlong
      else if (b === 0xf4) hi = 0x8f; // above U+10FFFF
    } else return { valid: i, incomplete: false };
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return { valid: i, incomplete: true };
      const c = bytes[i + k]!;
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return { valid: i, incomplete: false };
    }
    i += need + 1;
  }
  return { valid: n, incomplete: false };
}
