import type { ProblemDetail } from "@langson-open-data/schemas";
import { LEGACY_DECODERS, type LegacyEncoding, vietnameseScore } from "./_legacy.js";

/**
 * Names what a file is when its first bytes show it is not UTF-8 text: UTF-16 or UTF-32 (Excel's
 * "Unicode text"), or a spreadsheet workbook saved under a .csv name. Undefined when the bytes may
 * well be UTF-8; decoding then tells.
 *
 * @example
 * sniffEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00])) // "UTF-16LE (byte order mark FF FE)"
 * sniffEncoding(Buffer.from("indicator,measure"))      // undefined
 */
export function sniffEncoding(head: Uint8Array): string | undefined {
  const [b0, b1, b2, b3] = head;
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return "UTF-32LE (byte order mark FF FE 00 00)";
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return "UTF-32BE (byte order mark 00 00 FE FF)";
  if (b0 === 0xff && b1 === 0xfe) return "UTF-16LE (byte order mark FF FE)";
  if (b0 === 0xfe && b1 === 0xff) return "UTF-16BE (byte order mark FE FF)";
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) return "a ZIP archive such as an Excel workbook (.xlsx), not text";
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0) return "an old Excel workbook (.xls), not text";
  // Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte.
  let nulEven = 0;
  let nulOdd = 0;
  const n = Math.min(head.length, 512);
  for (let i = 0; i < n; i++) if (head[i] === 0) i % 2 === 0 ? nulEven++ : nulOdd++;
  if (n >= 4 && nulOdd > n / 4) return "UTF-16LE (no byte order mark)";
  if (n >= 4 && nulEven > n / 4) return "UTF-16BE (no byte order mark)";
  return undefined;
}

/** What guessLegacyVietnamese answers when no table reads as Vietnamese. */
export const UNKNOWN_8BIT = "an 8-bit legacy encoding (not Windows-1258, TCVN3 or VNI that we could tell)";

/**
 * Names the legacy Vietnamese encoding of bytes that failed UTF-8 decoding: each candidate table
 * (Windows-1258, TCVN3/ABC, VNI-Windows) decodes the bytes, and the one whose text holds the most
 * frequent Vietnamese words wins. Pass a few kilobytes around the first non-ASCII byte.
 *
 * @example
 * guessLegacyVietnamese(Buffer.from("L\xb9ng S\xacn", "latin1"))  // "TCVN3 (ABC)"  ("Lạng Sơn")
 * guessLegacyVietnamese(Buffer.from("La\xefng S\xf4n", "latin1")) // "VNI-Windows"
 */
export function guessLegacyVietnamese(bytes: Uint8Array): string {
  const scores = (Object.keys(LEGACY_DECODERS) as LegacyEncoding[])
    .map((name) => ({ name, score: vietnameseScore(LEGACY_DECODERS[name](bytes)) }))
    .sort((a, b) => b.score - a.score);
  const [best, second] = scores;
  if (!best || best.score === 0 || best.score === second?.score) return UNKNOWN_8BIT;
  return best.name;
}

const CONVERT: Readonly<Record<string, string>> = {
  "TCVN3 (ABC)": ' Convert it to Unicode first (in UniKey: Công cụ → Bảng mã nguồn "TCVN3 (ABC)", Bảng mã đích "Unicode"), then save it as "CSV UTF-8".',
  "VNI-Windows": ' Convert it to Unicode first (in UniKey: Công cụ → Bảng mã nguồn "VNI Windows", Bảng mã đích "Unicode"), then save it as "CSV UTF-8".',
};

/** The finding for a file that is not UTF-8, naming what it looks like and how to save it right. */
export function encodingProblem(file: string, found: string): ProblemDetail {
  return {
    code: "encoding-not-utf8",
    message:
      `${file} is not UTF-8: it looks like ${found}.` +
      (CONVERT[found] ?? ' Save it as "CSV UTF-8" (in Excel: Save As → CSV UTF-8; in LibreOffice: Character set → Unicode (UTF-8)).'),
    expected: "UTF-8 (with or without BOM)",
    found,
  };
}
