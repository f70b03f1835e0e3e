import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Issue } from "@langson-open-data/schemas";

/** Reads a JSON file; a syntax error becomes an issue with the line and column, never an exception. */
export async function readJsonFile(path: string, file: string, issues: Issue[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") {
      issues.push({ code: "file-missing", severity: "error", message: `${file} does not exist`, location: { file } });
      return undefined;
    }
    throw new Error(`cannot read ${file}`, { cause });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (cause) {
    const m = /position (\d+)/.exec(String((cause as Error).message));
    const pos = m ? Number(m[1]) : undefined;
    const before = pos === undefined ? "" : text.slice(0, pos);
    const row = pos === undefined ? undefined : before.split("\n").length;
    issues.push({
      code: "json-invalid",
      severity: "error",
      message: `${file}${row ? ` line ${row}` : ""}: not valid JSON (${(cause as Error).message})`,
      location: { file, ...(row ? { row } : {}) },
      expected: "valid JSON",
    });
    return undefined;
  }
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
