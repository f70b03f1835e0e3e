import { z } from "zod";
import { JSON_SCHEMAS, SCHEMA_BASE_URL, type JsonSchemaName } from "./contract.js";

/** The `$id` of a generated JSON Schema, versioned with the contract. */
export function schemaId(name: JsonSchemaName): string {
  return `${SCHEMA_BASE_URL}${name}.schema.json`;
}

/** Generates the JSON Schema (draft 2020-12) of one contract schema from its zod definition. */
export function toJsonSchema(name: JsonSchemaName): Record<string, unknown> {
  const generated = z.toJSONSchema(JSON_SCHEMAS[name], { target: "draft-2020-12", unrepresentable: "throw" }) as Record<
    string,
    unknown
  >;
  const { $schema, id: _id, ...rest } = generated;
  return { $schema, $id: schemaId(name), ...rest };
}

export const JSON_SCHEMA_NAMES = Object.keys(JSON_SCHEMAS) as JsonSchemaName[];
