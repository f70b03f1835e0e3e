import type { Issue, JsonSchemaName, Location } from "@langson-open-data/schemas";
import { truncate } from "@langson-open-data/schemas";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import correction from "@langson-open-data/schemas/correction.schema.json" with { type: "json" };
import datasetMetadata from "@langson-open-data/schemas/dataset-metadata.schema.json" with { type: "json" };
import inputObservation from "@langson-open-data/schemas/input-observation.schema.json" with { type: "json" };
import observation from "@langson-open-data/schemas/observation.schema.json" with { type: "json" };
import pipeline from "@langson-open-data/schemas/pipeline.schema.json" with { type: "json" };
import releaseManifest from "@langson-open-data/schemas/release-manifest.schema.json" with { type: "json" };
import rules from "@langson-open-data/schemas/rules.schema.json" with { type: "json" };
import source from "@langson-open-data/schemas/source.schema.json" with { type: "json" };
import sources from "@langson-open-data/schemas/sources.schema.json" with { type: "json" };

const SCHEMA_FILES: Record<JsonSchemaName, object> = {
  observation,
  "input-observation": inputObservation,
  correction,
  source,
  sources,
  "dataset-metadata": datasetMetadata,
  rules,
  pipeline,
  "release-manifest": releaseManifest,
};

/** At most this many findings per validated value, so one broken file cannot flood a report. */
export const MAX_ERRORS_PER_VALUE = 10;

let ajv: Ajv2020 | undefined;
const compiled = new Map<JsonSchemaName, ValidateFunction>();

/**
 * The compiled ajv validator of a committed JSON Schema. Compiled once per process; strict mode, no
 * remote `$ref` loading (no `loadSchema`), every schema known up front.
 */
export function validator(name: JsonSchemaName): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    ajv ??= new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    v = ajv.compile(SCHEMA_FILES[name]);
    compiled.set(name, v);
  }
  return v;
}

/** Validates a value against a committed JSON Schema, turning ajv's errors into issues. */
export function validateValue(name: JsonSchemaName, value: unknown, where: Location): Issue[] {
  const v = validator(name);
  if (v(value)) return [];
  const errors = v.errors ?? [];
  const issues = errors.slice(0, MAX_ERRORS_PER_VALUE).map((e) => toIssue(name, e, value, where));
  if (errors.length > MAX_ERRORS_PER_VALUE) {
    issues.push({
      code: "schema-too-many-errors",
      severity: "error",
      message: `${errors.length - MAX_ERRORS_PER_VALUE} more schema errors in the same value are not listed`,
      location: where,
    });
  }
  return issues;
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur = root;
  for (const part of pointer.split("/").slice(1)) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = Object.hasOwn(cur, part) ? (cur as Record<string, unknown>)[part] : undefined;
  }
  return cur;
}

function toIssue(name: JsonSchemaName, e: ErrorObject, root: unknown, where: Location): Issue {
  const field =
    e.keyword === "required"
      ? String((e.params as { missingProperty: string }).missingProperty)
      : e.keyword === "additionalProperties"
        ? String((e.params as { additionalProperty: string }).additionalProperty)
        : e.instancePath.split("/").slice(1).join(".");
  const found = valueAt(root, e.instancePath);
  const description = (e.parentSchema as { description?: string } | undefined)?.description;
  let expected: string;
  let message: string;
  switch (e.keyword) {
    case "required":
      expected = `a value for "${field}"`;
      message = `"${field}" is missing`;
      break;
    case "additionalProperties":
      expected = "only the fields the schema defines";
      message = `unknown field "${field}"`;
      break;
    case "enum":
      expected = `one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(", ")}`;
      message = `"${field}" must be ${expected}`;
      break;
    case "pattern":
      expected = description ?? `text matching ${(e.params as { pattern: string }).pattern}`;
      message = `"${field}" is not in the expected form (${expected})`;
      break;
    default:
      expected = `${e.message ?? e.keyword}${description ? ` (${description})` : ""}`;
      message = `"${field || "(value)"}" ${e.message ?? "is invalid"}`;
  }
  const column = where.column ?? (field ? field : undefined);
  return {
    code: `schema-${e.keyword.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    severity: "error",
    message: `${name}: ${message}`,
    location: { ...where, ...(column ? { column } : {}) },
    expected,
    found: found === undefined ? "nothing" : truncate(typeof found === "string" ? JSON.stringify(found) : JSON.stringify(found) ?? String(found)),
  };
}
