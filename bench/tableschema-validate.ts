/**
 * Validate-only with tableschema (Frictionless JS): observations.csv against a Table Schema that
 * matches the committed input-observation JSON Schema field for field (types, required, lengths,
 * patterns, enums), streamed row by row with every cast error counted, not thrown.
 *
 *   node --conditions=source --import tsx bench/tableschema-validate.ts <observations.csv>
 */
import inputObservation from "@langson-open-data/schemas/input-observation.schema.json" with { type: "json" };
import { Table } from "tableschema";

interface JsonProperty {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

/** The Table Schema equivalent of input-observation.schema.json. */
export function inputTableSchema() {
  const schema = inputObservation as unknown as { properties: Record<string, JsonProperty>; required: string[] };
  return {
    fields: Object.entries(schema.properties).map(([name, p]) => ({
      name,
      type: "string",
      constraints: {
        ...(schema.required.includes(name) && (p.minLength ?? 0) > 0 ? { required: true } : {}),
        ...(p.minLength !== undefined ? { minLength: p.minLength } : {}),
        ...(p.maxLength !== undefined ? { maxLength: p.maxLength } : {}),
        // tableschema-js tests `new RegExp(pattern)`, unanchored: the JSON Schema patterns carry ^ and $.
        ...(p.pattern !== undefined ? { pattern: p.pattern } : {}),
        ...(p.enum !== undefined ? { enum: [...p.enum] } : {}),
      },
    })),
    missingValues: [""],
  };
}

async function main(csvPath: string): Promise<void> {
  const table = await Table.load(csvPath, { schema: inputTableSchema(), headers: 1 });
  const rows = await table.iter({ forceCast: true });
  let count = 0;
  let invalid = 0;
  for await (const row of rows) {
    count++;
    if (row instanceof Error) invalid++;
  }
  process.stdout.write(`tableschema: ${count} rows, ${invalid} invalid\n`);
}

const [csvPath] = process.argv.slice(2);
if (!csvPath) {
  process.stderr.write("usage: tableschema-validate.ts <observations.csv>\n");
  process.exitCode = 2;
} else {
  main(csvPath).catch((e: unknown) => {
    process.stderr.write(`tableschema: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
