import { coverage, ID_PATTERN, MEASURES, OBS_STATUSES, schemaId, TIME_PERIOD_PATTERN, UNITS, VALUE_ORIGINS } from "@langson-open-data/schemas";
import type { DatasetInput } from "./release.js";
import { type FileBody, bodyBytes, sha256Hex } from "./render.js";

const DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
const TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";

/** The key of a published row: indicator × measure × area × period (one figure per key after precedence). */
export const PRIMARY_KEY = ["indicator", "measure", "ref_area", "time_period"] as const;

/**
 * A JavaScript pattern as Table Schema wants it: XML Schema regular expressions are anchored already
 * and know no non-capturing groups, so `^`, `$` and `?:` go.
 */
export function xsdPattern(re: RegExp): string {
  return re.source.replace(/^\^/, "").replace(/\$$/, "").replaceAll("(?:", "(");
}

/**
 * The Table Schema of data.csv / data.json (Table Schema v2). Units are a documented extension
 * (docs/metadata.md): the `value` field names the fields that carry its unit code, its printed
 * multiplier and its printed decimals (`x-unit`), and the package lists every indicator's unit
 * (`x-indicators`).
 */
export function tableSchema(input: DatasetInput) {
  const codes = input.meta.indicators.map((i) => i.code);
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: [
      { name: "dataset", title: "Dataset", type: "string", description: "Dataset id, kebab-case", constraints: { required: true, enum: [input.meta.id] } },
      { name: "indicator", title: "Indicator", type: "string", description: "Indicator code; names, definitions and units in x-indicators", constraints: { required: true, enum: codes } },
      {
        name: "measure",
        title: "Measure",
        type: "string",
        description: `What the figure measures about its indicator: ${MEASURES.map((m) => `${m.code} ${m.en}`).join("; ")}`,
        constraints: { required: true, enum: MEASURES.map((m) => m.code) },
      },
      { name: "ref_area", title: "Reference area", type: "string", description: "ISO 3166-2 area code", constraints: { required: true, enum: [...input.meta.spatial] } },
      {
        name: "time_period",
        title: "Time period",
        type: "string",
        description: "SDMX / ISO 8601 period: 2023, 2023-S1, 2023-Q1, 2023-03, a day 2023-03-27 (a stock), or a span 2023-01-01/2023-03-27 (a flow to a cut-off day)",
        constraints: { required: true, pattern: xsdPattern(TIME_PERIOD_PATTERN) },
      },
      {
        name: "value",
        title: "Value",
        type: "number",
        description: "Exact decimal in base units (USD, VND, counts, percent); a string in data.json so that precision is never lost",
        constraints: { required: true },
        "x-unit": { unitField: "unit", multiplierField: "unit_mult", decimalsField: "decimals" },
      },
      {
        name: "unit",
        title: "Unit",
        type: "string",
        description: `Unit of value: ${UNITS.map((u) => `${u.code} ${u.en}`).join("; ")}`,
        constraints: { required: true, enum: UNITS.map((u) => u.code) },
      },
      { name: "unit_mult", title: "Unit multiplier", type: "integer", description: "Power of ten the source printed the value in (6 for triệu)", constraints: { required: true, minimum: 0, maximum: 15 } },
      { name: "decimals", title: "Decimals", type: "integer", description: "Decimals as printed in the source", constraints: { required: true, minimum: 0, maximum: 15 } },
      {
        name: "obs_status",
        title: "Observation status",
        type: "string",
        description: `SDMX OBS_STATUS: ${OBS_STATUSES.map((s) => `${s.code} ${s.en}`).join("; ")}`,
        constraints: { required: true, enum: OBS_STATUSES.map((s) => s.code) },
      },
      { name: "source", title: "Source", type: "string", description: "Source id; the package's sources list each one", constraints: { required: true, pattern: xsdPattern(ID_PATTERN) } },
      {
        name: "origin",
        title: "Origin",
        type: "string",
        description: `${VALUE_ORIGINS.map((o) => `${o.code}: ${o.en}`).join("; ")}`,
        constraints: { required: true, enum: VALUE_ORIGINS.map((o) => o.code) },
      },
      { name: "quote", title: "Quote", type: "string", description: "Verbatim span of the source stating the figure (empty when derived)", constraints: { maxLength: 2000 } },
      { name: "note", title: "Note", type: "string", description: "How a derived value was computed, or a correction applied", constraints: { maxLength: 2000 } },
    ],
    primaryKey: [...PRIMARY_KEY],
    // Empty quote and note cells are empty strings, not missing values.
    missingValues: [],
  };
}

/** datapackage.json of one version, valid against the Frictionless Data Package v2 profile. */
export function buildDatapackage(args: { input: DatasetInput; version: string; periods: readonly string[]; csv: FileBody; json: FileBody; parquet?: FileBody }) {
  const { input, version, periods, csv, json, parquet } = args;
  const meta = input.meta;
  const schema = tableSchema(input);
  const span = coverage(periods);
  const resource = (name: string, path: string, format: string, mediatype: string, body: FileBody) => ({
    name,
    path,
    type: "table",
    format,
    mediatype,
    encoding: "utf-8",
    bytes: bodyBytes(body),
    hash: `sha256:${sha256Hex(body)}`,
    schema,
  });
  return {
    $schema: DATA_PACKAGE_PROFILE,
    name: meta.id,
    id: `${meta.id}@${version}`,
    title: meta.title.en,
    description: meta.description.en,
    version,
    keywords: meta.keywords.en,
    licenses: [{ name: meta.license.id, path: meta.license.url, title: meta.license.title }],
    sources: input.sources.map((s) => ({ title: `${s.title} — ${s.publisher} (${s.published})`, "x-id": s.id, "x-sha256": s.sha256 })),
    contributors: [
      { title: meta.publisher.en, roles: ["publisher"] },
      { title: meta.provider.en, roles: ["provider"] },
    ],
    resources: [
      { ...resource("data-csv", "data.csv", "csv", "text/csv", csv), dialect: { header: true, delimiter: ",", lineTerminator: "\n", quoteChar: '"', doubleQuote: true } },
      resource("data-json", "data.json", "json", "application/json", json),
      ...(parquet ? [resource("data-parquet", "data.parquet", "parquet", "application/vnd.apache.parquet", parquet)] : []),
    ],
    "x-vi": { title: meta.title.vi, description: meta.description.vi, keywords: meta.keywords.vi },
    "x-domain": meta.domain,
    "x-frequency": meta.frequency,
    "x-temporal": { periods, start: span?.start ?? null, end: span?.end ?? null },
    "x-spatial": meta.spatial,
    "x-conformsTo": schemaId("observation"),
    "x-indicators": meta.indicators.map((i) => ({ code: i.code, unit: i.unit, nature: i.nature, name: i.name, definition: i.definition })),
  };
}
