import { MEASURES, OBS_STATUSES, UNITS, schemaId } from "@langson-open-data/schemas";
import type { DatasetInput } from "./release.js";
import { sha256Hex } from "./render.js";

const DATA_PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json";
const DATA_RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json";
const TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json";

const KEY = ["indicator", "measure", "ref_area", "time_period"];

/**
 * The Table Schema of data.csv / data.json. Units are a documented extension: the `value` field names
 * the fields that carry its unit code, its printed multiplier and its printed decimals
 * (`x-unit`), and the dataset lists every indicator's unit (`x-indicators`).
 */
export function tableSchema(input: DatasetInput) {
  const codes = input.meta.indicators.map((i) => i.code);
  return {
    $schema: TABLE_SCHEMA_PROFILE,
    fields: [
      { name: "dataset", type: "string", constraints: { required: true, enum: [input.meta.id] } },
      { name: "indicator", type: "string", description: "Indicator code (see x-indicators)", constraints: { required: true, enum: codes } },
      { name: "measure", type: "string", constraints: { required: true, enum: MEASURES.map((m) => m.code) } },
      { name: "ref_area", type: "string", description: "ISO 3166-2 area", constraints: { required: true, enum: input.meta.spatial } },
      { name: "time_period", type: "string", description: "SDMX / ISO 8601 period", constraints: { required: true } },
      {
        name: "value",
        type: "number",
        description: "Exact decimal in base units (USD, VND, counts, percent); a string in data.json so precision is never lost",
        constraints: { required: true },
        "x-unit": { unitField: "unit", multiplierField: "unit_mult", decimalsField: "decimals" },
      },
      { name: "unit", type: "string", constraints: { required: true, enum: UNITS.map((u) => u.code) } },
      { name: "unit_mult", type: "integer", description: "Power of ten the source printed the value in", constraints: { required: true, minimum: 0 } },
      { name: "decimals", type: "integer", description: "Decimals as printed in the source", constraints: { required: true, minimum: 0 } },
      { name: "obs_status", type: "string", description: "SDMX OBS_STATUS", constraints: { required: true, enum: OBS_STATUSES.map((s) => s.code) } },
      { name: "source", type: "string", constraints: { required: true } },
      { name: "origin", type: "string", constraints: { required: true, enum: ["stated", "derived"] } },
      { name: "quote", type: "string", description: "Verbatim span of the source stating the figure" },
      { name: "note", type: "string" },
    ],
    primaryKey: KEY,
    missingValues: [],
  };
}

/** datapackage.json of one version, valid against the Frictionless Data Package v2 profile. */
export function buildDatapackage(args: { input: DatasetInput; version: string; periods: readonly string[]; csv: string; json: string }) {
  const { input, version, periods, csv, json } = args;
  const meta = input.meta;
  const schema = tableSchema(input);
  const resource = (name: string, path: string, format: string, mediatype: string, body: string) => ({
    $schema: DATA_RESOURCE_PROFILE,
    name,
    path,
    type: "table",
    format,
    mediatype,
    encoding: "utf-8",
    bytes: Buffer.byteLength(body),
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
    sources: input.sources.map((s) => ({ title: `${s.title} — ${s.publisher} (${s.published})`, version: s.sha256 })),
    contributors: [
      { title: meta.publisher.en, roles: ["publisher"] },
      { title: meta.provider.en, roles: ["provider"] },
    ],
    resources: [resource("data-csv", "data.csv", "csv", "text/csv", csv), resource("data-json", "data.json", "json", "application/json", json)],
    "x-vi": { title: meta.title.vi, description: meta.description.vi, keywords: meta.keywords.vi },
    "x-domain": meta.domain,
    "x-temporal": { periods },
    "x-spatial": meta.spatial,
    "x-conforms-to": schemaId("observation"),
    "x-indicators": meta.indicators.map((i) => ({ code: i.code, unit: i.unit, nature: i.nature, name: i.name, definition: i.definition })),
  };
}
