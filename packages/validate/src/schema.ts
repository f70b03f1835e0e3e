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

/**
 * Values with more nodes than this are not searched for every error: on hostile input ajv's
 * `allErrors` would build an error object per broken node (a 10 MB file of `{}` makes millions),
 * so such a value reports its first error only.
 */
export const MAX_NODES_FOR_ALL_ERRORS = 50_000;

/**
 * How every validator here is compiled. `strict`: an unknown keyword, an ambiguous type or a
 * required property the schema does not define is a compile error, so a schema cannot silently
 * check less than it says. No `loadSchema`: a `$ref` to anything not compiled in is a
 * MissingRefError, never a fetch. No `$data`: patterns come from the schema, never from the data
 * (ajv's `$data` patterns were a ReDoS, CVE-2025-69873). Formats are not validated (the schemas
 * use patterns).
 */
export const AJV_OPTIONS = Object.freeze({ strict: true, validateFormats: false, $data: false, loadSchema: undefined });

/**
 * A fresh ajv instance with the project's options, `allErrors` on or off.
 *
 * @example
 * createAjv().compile({ type: "string", format2: "x" })          // throws: strict mode: unknown keyword
 * createAjv().compile({ $ref: "https://example.org/s.json" })  // throws MissingRefError, fetches nothing
 */
export function createAjv(allErrors = true): Ajv2020 {
  return new Ajv2020({ ...AJV_OPTIONS, allErrors });
}

let firstErrorAjv: Ajv2020 | undefined;
let allErrorsAjv: Ajv2020 | undefined;
const firstError = new Map<JsonSchemaName, ValidateFunction>();
const allErrors = new Map<JsonSchemaName, ValidateFunction>();

/** Stops at the first error: the fast pass every value takes. */
function firstErrorValidator(name: JsonSchemaName): ValidateFunction {
  let v = firstError.get(name);
  if (!v) {
    firstErrorAjv ??= createAjv(false);
    v = firstErrorAjv.compile(SCHEMA_FILES[name]);
    firstError.set(name, v);
  }
  return v;
}

/**
 * The compiled ajv validator of a committed JSON Schema, reporting all errors. Compiled once per
 * process, on first need, with AJV_OPTIONS: strict, no remote `$ref` loading, every schema known up front.
 */
export function validator(name: JsonSchemaName): ValidateFunction {
  let v = allErrors.get(name);
  if (!v) {
    allErrorsAjv ??= createAjv(true);
    v = allErrorsAjv.compile(SCHEMA_FILES[name]);
    allErrors.set(name, v);
  }
  return v;
}

/** Whether a value has more than `limit` nodes, counted without recursion and stopping early. */
function larger(value: unknown, limit: number): boolean {
  const stack: unknown[] = [value];
  let n = 0;
  while (stack.length) {
    const v = stack.pop();
    if (++n > limit) return true;
    if (v !== null && typeof v === "object") for (const child of Object.values(v)) stack.push(child);
  }
  return false;
}

/**
 * Validates a value against a committed JSON Schema, turning ajv's errors into issues: at most
 * MAX_ERRORS_PER_VALUE, then one schema-too-many-errors. A valid value costs one fast pass; an
 * invalid one larger than MAX_NODES_FOR_ALL_ERRORS reports its first error only.
 */
export function validateValue(name: JsonSchemaName, value: unknown, where: Location): Issue[] {
  const first = firstErrorValidator(name);
  if (first(value)) return [];
  const huge = larger(value, MAX_NODES_FOR_ALL_ERRORS);
  const v = huge ? first : validator(name);
  if (!huge) v(value);
  const errors = v.errors ?? [];
  const issues = errors.slice(0, MAX_ERRORS_PER_VALUE).map((e) => toIssue(name, e, value, where));
  if (errors.length > MAX_ERRORS_PER_VALUE || huge) {
    issues.push({
      code: "schema-too-many-errors",
      severity: "error",
      message: huge
        ? `the value has more than ${MAX_NODES_FOR_ALL_ERRORS} parts, so only its first schema error is listed; fix it and run again`
        : `${errors.length - MAX_ERRORS_PER_VALUE} more schema errors in the same value are not listed`,
      location: where,
    });
  }
  return issues;
}

/**
 * Invisible characters (format and control characters, non-breaking and odd spaces) written as
 * \uXXXX escapes, so that a finding shows where they are: "TRADE\u00A0EXPORT", not "TRADE EXPORT".
 */
function visible(text: string): string {
  return text.replace(/[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\u00A0\u2000-\u200A\u202F\u205F\u3000]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
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
    found: found === undefined ? "nothing" : truncate(visible(JSON.stringify(found) ?? String(found))),
  };
}
