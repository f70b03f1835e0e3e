/**
 * R, the raw cost of the libraries alone: papaparse streams observations.csv, and every row is
 * written again through a csv-stringify stream and as JSON, with backpressure. No checks, no
 * normalization, nothing held: what a one-pass pipeline cannot go below with these libraries.
 *
 *   node --conditions=source --import tsx bench/baseline.ts <observations.csv> <out-dir>
 */
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify";
import Papa from "papaparse";

async function main(csvPath: string, outDir: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const input = createReadStream(csvPath, { encoding: "utf8" });
  const csvFile = createWriteStream(join(outDir, "data.csv"));
  const jsonFile = createWriteStream(join(outDir, "data.json"));
  const csvOut = stringify({ record_delimiter: "unix" });
  csvOut.pipe(csvFile);

  let header: string[] | undefined;
  let rows = 0;
  let waiting = 0;
  let jsonText = "[\n";
  const resumeWhenDrained = (stream: NodeJS.WritableStream) => {
    waiting++;
    input.pause();
    void once(stream, "drain").then(() => {
      if (--waiting === 0) input.resume();
    });
  };
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input as never, {
      skipEmptyLines: true,
      chunk(results: Papa.ParseResult<string[]>) {
        for (const cells of results.data) {
          if (!header) {
            header = cells;
            csvOut.write(cells);
            continue;
          }
          const record: Record<string, string> = {};
          for (let i = 0; i < header.length; i++) record[header[i]!] = cells[i] ?? "";
          csvOut.write(cells);
          jsonText += `${rows ? ",\n" : ""}  ${JSON.stringify(record)}`;
          rows++;
        }
        const csvFull = csvOut.writableNeedDrain;
        const jsonFull = !jsonFile.write(jsonText);
        jsonText = "";
        if (csvFull) resumeWhenDrained(csvOut);
        if (jsonFull) resumeWhenDrained(jsonFile);
      },
      complete: () => resolve(),
      error: (e: Error) => reject(e),
    } as Papa.ParseConfig<string[]>);
  });
  jsonFile.write("\n]\n");
  csvOut.end();
  jsonFile.end();
  await Promise.all([once(csvFile, "finish"), once(jsonFile, "finish")]);
  process.stdout.write(`baseline: ${rows} rows parsed and written as CSV and JSON\n`);
}

const [csvPath, outDir] = process.argv.slice(2);
if (!csvPath || !outDir) {
  process.stderr.write("usage: baseline.ts <observations.csv> <out-dir>\n");
  process.exitCode = 2;
} else {
  main(csvPath, outDir).catch((e: unknown) => {
    process.stderr.write(`baseline: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
