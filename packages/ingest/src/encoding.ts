import type { ProblemDetail } from "@langson-open-data/schemas";

/**
 * Names the encoding of bytes that are not UTF-8, so the message can say what was found.
 * Vietnamese text from older editors arrives as UTF-16 (Excel "Unicode text"), Windows-1258,
 * or the pre-Unicode TCVN3 (ABC) and VNI fonts' byte codes.
 */
export function sniffEncoding(head: Uint8Array): string | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return "UTF-16LE (byte order mark FF FE)";
  if (head[0] === 0xfe && head[1] === 0xff) return "UTF-16BE (byte order mark FE FF)";
  // Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte.
  let nulEven = 0;
  let nulOdd = 0;
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) if (head[i] === 0) i % 2 === 0 ? nulEven++ : nulOdd++;
  if (n >= 4 && nulOdd > n / 4) return "UTF-16LE (no byte order mark)";
  if (n >= 4 && nulEven > n / 4) return "UTF-16BE (no byte order mark)";
  return undefined;
}

/** Bytes typical of legacy Vietnamese encodings, for a better message once UTF-8 decoding failed. */
export function guessLegacyVietnamese(bytes: Uint8Array): string {
  // Windows-1258 composes tones with combining marks at 0xCC, 0xD2, 0xDE, 0xEC, 0xF2 after a letter;
  // TCVN3 puts precomposed lower-case letters at 0xA4–0xFE without those.
  let combining = 0;
  let high = 0;
  for (const b of bytes) {
    if (b >= 0x80) high++;
    if (b === 0xcc || b === 0xd2 || b === 0xde || b === 0xec || b === 0xf2) combining++;
  }
  if (high === 0) return "unknown";
  return combining / high > 0.2 ? "Windows-1258" : "a legacy Vietnamese 8-bit encoding (TCVN3/ABC, VNI or Windows-1258)";
}

export function encodingProblem(file: string, found: string): ProblemDetail {
  return {
    code: "encoding-not-utf8",
    message: `${file} is not UTF-8: it looks like ${found}. Save it as "CSV UTF-8" (in Excel: Save As → CSV UTF-8; in LibreOffice: Character set → Unicode (UTF-8))`,
    expected: "UTF-8 (with or without BOM)",
    found,
  };
}
