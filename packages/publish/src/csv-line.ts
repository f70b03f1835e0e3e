/**
 * When csv-stringify 6.9, called as `renderCsv` calls it, quotes a non-empty string cell: it holds
 * the delimiter ",", the quote '"', or "\n" (the record delimiter; "unix" leaves
 * `quote_record_delimiter` false, so "\r" counts only through `quoted_match`); or it matches one of
 * the `quoted_match` patterns, `/^\s|\s$/` (JS whitespace at either end, U+00A0, U+2028 and U+FEFF
 * included) and `/[;\t\r\n]/`. An empty cell matches none of these and stays empty.
 */
const NEEDS_QUOTES = /[",;\t\n\r]|^\s|\s$/;

/**
 * A cell of data.csv exactly as `stringify` from csv-stringify writes a string cell with the options
 * of `renderCsv`: `delimiter: ","`, `quote: '"'`, `escape: '"'`, `record_delimiter: "unix"`,
 * `quoted_match: [/^\s|\s$/, /[;\t\r\n]/]`, no `quoted`, `quoted_empty`, `quoted_string` or
 * `escape_formulas`. Quoted when it holds `,` `"` `;` tab CR or LF or starts or ends with whitespace,
 * with inner quotes doubled; otherwise the very same string. Formula neutralizing is not done here.
 *
 * @example
 * csvCell("VN-09")                     // "VN-09"
 * csvCell("tăng 31,96% so cùng kỳ")    // "\"tăng 31,96% so cùng kỳ\""
 * csvCell('640 "triệu" USD')           // "\"640 \"\"triệu\"\" USD\""
 * csvCell("")                          // ""
 */
export function csvCell(cell: string): string {
  if (!NEEDS_QUOTES.test(cell)) return cell;
  return `"${cell.includes('"') ? cell.replaceAll('"', '""') : cell}"`;
}

/**
 * One record of data.csv: the cells through {@link csvCell}, joined by "," and ended by "\n", as
 * csv-stringify writes each record (and the header line) with `renderCsv`'s options and `eof` on.
 *
 * @example
 * csvRecord(["lang-son-trade", "TRADE_TOTAL", "640 triệu USD, ước đạt", ""]) // 'lang-son-trade,TRADE_TOTAL,"640 triệu USD, ước đạt",\n'
 */
export function csvRecord(cells: readonly string[]): string {
  let line = "";
  for (let i = 0; i < cells.length; i++) {
    if (i !== 0) line += ",";
    line += csvCell(cells[i] as string);
  }
  return `${line}\n`;
}
