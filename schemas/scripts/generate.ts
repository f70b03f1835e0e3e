// Writes json/<name>.schema.json from the zod definitions. A test regenerates and compares.
import { writeFileSync } from "node:fs";
import { JSON_SCHEMA_NAMES, toJsonSchema } from "../src/json-schema.js";

for (const name of JSON_SCHEMA_NAMES) {
  const path = new URL(`../json/${name}.schema.json`, import.meta.url);
  writeFileSync(path, `${JSON.stringify(toJsonSchema(name), null, 2)}\n`);
  console.log(`wrote json/${name}.schema.json`);
}
