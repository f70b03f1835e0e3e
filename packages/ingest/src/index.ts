export { cleanCell, readCsv, readCsvBatches } from "./csv.js";
export type { CsvPart, CsvReadEnd, CsvReadOptions, CsvRow } from "./csv.js";
export { guessLegacyVietnamese, sniffEncoding } from "./encoding.js";
export { readJsonFile, sha256 } from "./files.js";
export { SnapshotStore, loadSnapshots, locateQuote } from "./sources.js";
export type { QuoteSpan, Snapshot } from "./sources.js";
export { csvSplitPoints } from "./split.js";
export { SNIFF_BYTES as CSV_SNIFF_BYTES } from "./_guard.js";
