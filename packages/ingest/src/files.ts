import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import type { Issue } from "@langson-open-data/schemas";
import { truncate } from "@langson-open-data/schemas";
import { encodingProblem, guessLegacyVietnamese, sniffEncoding } from "./encoding.js";
import { lineAndColumn, scanJson } from "./_json.js";
import { utf8Prefix } from "./_utf8.js";

/**
 * Whether an input is a plain file that may be read. A missing file, a folder, or a symbolic link
 * (which could point a pull request's "input" at a file of the machine running CI, whose content
 * error messages would then print) becomes an issue instead.
 */
export async function checkPlainFile(path: string, file: string, issues: Issue[]): Promise<boolean> {
  let kind: string;
  try {
    const s = await lstat(path);
    if (s.isFile()) return true;
    kind = s.isSymbolicLink() ? "a symbolic link" : s.isDirectory() ? "a folder" : "not a regular file";
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw new Error(`cannot read ${file}`, { cause });
    issues.push({ code: "file-missing", severity: "error", message: `${file} does not exist`, location: { file } });
    return false;
  }
  issues.push({
    code: "file-not-plain",
    severity: "error",
    message: `${file} is ${kind}; inputs are plain files committed in the pipeline's folder`,
    location: { file },
    expected: "a plain file",
    found: kind,
  });
  return false;
}

/** Strict UTF-8, a BOM dropped: refuses what utf8Prefix refuses (overlongs, surrogates, > U+10FFFF). */
const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/**
 * Decodes bytes as strict UTF-8 (a BOM dropped); anything else becomes an encoding issue naming what
 * the bytes look like and the line where they stop being UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, issues: Issue[]): string | undefined {
  const sniffed = sniffEncoding(bytes);
  if (!sniffed) {
    // The decoder's own check first (native); where it fails, utf8Prefix finds the first bad byte.
    try {
      return STRICT.decode(bytes);
    } catch (e) {
      // Not UTF-8 is said below; anything else (a string too long for V8) is not about encoding.
      if ((e as NodeJS.ErrnoException).code !== "ERR_ENCODING_INVALID_ENCODED_DATA") throw e;
    }
  }
  const { valid } = sniffed ? { valid: 0 } : utf8Prefix(bytes);
  const found = sniffed ?? guessLegacyVietnamese(bytes.subarray(Math.max(0, valid - 1024), valid + 4096));
  const line = sniffed ? 1 : new TextDecoder().decode(bytes.subarray(0, valid)).split("\n").length;
  const p = encodingProblem(file, found);
  issues.push({ ...p, severity: "error", message: sniffed ? p.message : `${p.message} The first byte that is not UTF-8 is on line ${line}.`, location: { file, row: line } });
  return undefined;
}

/**
 * Reads a JSON file. Never an exception for bad content: a file that is missing, not plain, not
 * UTF-8 or not JSON becomes an issue with its line, and undefined is returned; a key an object
 * repeats (JSON.parse would silently keep the last) becomes an issue too, the value still returned
 * so that its other findings show. `__proto__` and `constructor` keys stay plain own properties
 * (JSON.parse never assigns through a prototype), for the schema to refuse.
 */
export async function readJsonFile(path: string, file: string, issues: Issue[]): Promise<unknown> {
  if (!(await checkPlainFile(path, file, issues))) return undefined;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new Error(`cannot read ${file}`, { cause });
  }
  const text = decodeUtf8(bytes, file, issues);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const at = scanJson(text).errorAt;
    const where = at === undefined ? undefined : lineAndColumn(text, at);
    // What stands where the grammar breaks, up to the end of that line.
    const token = at === undefined ? undefined : at >= text.length ? "end of file" : truncate(text.slice(at, at + 40).split(/\r?\n/)[0]!, 20);
    const near = token === undefined ? "" : ` at ${JSON.stringify(token)}`;
    issues.push({
      code: "json-invalid",
      severity: "error",
      message: `${file}${where ? ` line ${where.line}, column ${where.column}` : ""}: not valid JSON${near} (${truncate((cause as Error).message, 120)})`,
      location: { file, ...(where ? { row: where.line } : {}) },
      expected: "valid JSON",
      ...(token === undefined ? {} : { found: token }),
    });
    return undefined;
  }
  for (const d of scanJson(text).duplicates) {
    issues.push({
      code: "json-duplicate-key",
      severity: "error",
      message: `${file} line ${d.line}: "${truncate(d.path, 80)}" is given twice (first on line ${d.firstLine}); JSON keeps only the last, so the first would be lost silently. Keep one`,
      location: { file, row: d.line, column: d.path },
      expected: "each key once per object",
      found: `lines ${d.firstLine} and ${d.line}`,
    });
  }
  return value;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
