import type { ObsStatus } from "@langson-open-data/schemas";
import { memoize } from "./memo.js";
import { foldWords } from "./text.js";

/**
 * Maps status words to an SDMX OBS_STATUS: any "ước …" (ước đạt, ước thực hiện, ước tính) is an
 * estimate "E", "sơ bộ" is provisional "P", anything else (including "") a normal value "A".
 *
 * @example
 * parseStatus("ước thực hiện") // "E"
 * parseStatus("sơ bộ")         // "P"
 * parseStatus("")              // "A"
 */
export function parseStatus(text: string): ObsStatus {
  return statusMemo(text);
}

// A report repeats a handful of status words on every row.
const statusMemo = memoize(statusOf);

function statusOf(text: string): ObsStatus {
  const s = ` ${foldWords(text)} `;
  // "ước" alone or as "ước đạt / ước thực hiện / ước tính", not inside a compound word such as
  // "hiệp ước" (treaty) or "quy ước" (convention).
  if (/(?<!(?:hiệp|quy|công|điều|giao|khế|thề|nguyện|mơ|lệ) )(?<=\s)ước(?=\s)/u.test(s)) return "E";
  if (s.includes(" sơ bộ ")) return "P";
  return "A";
}
