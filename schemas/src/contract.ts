import { z } from "zod";
import { AREA_CODES, DOMAIN_CODES } from "./codelists/domains.js";
import { MEASURE_CODES, OBS_STATUS_CODES } from "./codelists/measures.js";
import { UNIT_CODES } from "./codelists/units.js";
import { OBSERVATION_COLUMNS } from "./columns.js";

/** Version of the data contract; part of every JSON Schema `$id`. */
export const SCHEMA_VERSION = "1.0.0";
export const SCHEMA_BASE_URL = `https://langson-open-data.github.io/schemas/${SCHEMA_VERSION}/`;

// Patterns are plain ECMAScript with the `u` flag in mind, so that zod and ajv read them alike.
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const INDICATOR_PATTERN = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
/** A plain decimal in base units: "640000000", "67.88", "-3.43". No exponent, no grouping. */
export const DECIMAL_PATTERN = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*[1-9])?$/;
/**
 * SDMX / ISO 8601 periods: a year "2023", a half "2023-S1", a quarter "2023-Q1", a month "2023-03",
 * a day "2023-03-27" (a stock counted on that day), months from the start of a year "2023-01/2023-09", or days
 * from 1 January "2023-01-01/2023-03-27" (flows counted to a cut-off date).
 */
export const TIME_PERIOD_PATTERN =
  /^[0-9]{4}(?:-S[12]|-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?|-01\/[0-9]{4}-(?:0[1-9]|1[0-2])|-01-01\/[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))?$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;
export const DATE_PATTERN = /^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$/;
export const SEMVER_PATTERN = /^(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)\.(?:0|[1-9][0-9]*)$/;

const id = z.string().min(1).max(64).regex(ID_PATTERN);
const indicatorCode = z.string().min(1).max(64).regex(INDICATOR_PATTERN);
const text = (max: number) => z.string().min(1).max(max);
const bilingual = (max: number) => z.strictObject({ vi: text(max), en: text(max) });

export const unitCode = z.enum(UNIT_CODES).meta({ description: "Unit code from the units codelist" });
export const measureCode = z.enum(MEASURE_CODES);
export const obsStatus = z.enum(OBS_STATUS_CODES).meta({ description: "SDMX OBS_STATUS: A normal, E estimated, P provisional" });
export const areaCode = z.enum(AREA_CODES).meta({ description: "ISO 3166-2 area code" });
export const domainCode = z.enum(DOMAIN_CODES);

/** One published row: the public contract, identical in CSV headers and JSON keys. */
export const observation = z
  .strictObject({
    dataset: id.meta({ description: "Dataset id, kebab-case" }),
    indicator: indicatorCode.meta({ description: "Indicator code, defined in the dataset's indicator list" }),
    measure: measureCode,
    ref_area: areaCode,
    time_period: z.string().regex(TIME_PERIOD_PATTERN).meta({ description: "SDMX/ISO 8601 period" }),
    value: z.string().max(80).regex(DECIMAL_PATTERN).meta({ description: "Exact decimal in base units, as a string" }),
    unit: unitCode,
    unit_mult: z.int().min(0).max(15).meta({ description: "Power of ten the source printed the figure in (6 for triệu)" }),
    decimals: z.int().min(0).max(15).meta({ description: "Decimals as printed in the source" }),
    obs_status: obsStatus,
    source: id.meta({ description: "Source id, see the pipeline's sources.json" }),
    origin: z.enum(["stated", "derived"]).meta({ description: "stated by the source, or derived by this project" }),
    quote: z.string().max(2000).meta({ description: "Verbatim span of the source stating the figure (empty when derived)" }),
    note: z.string().max(2000).meta({ description: "How a derived value was computed, or a correction applied" }),
  })
  .meta({ title: "Observation", description: "One published figure: indicator × measure × area × period × source" });
export type Observation = z.infer<typeof observation>;
if (Object.keys(observation.shape).join(",") !== OBSERVATION_COLUMNS.join(",")) {
  throw new Error(`columns.ts lists ${OBSERVATION_COLUMNS.join(",")}; the observation schema's columns are ${Object.keys(observation.shape).join(",")}`);
}

/** One row of a pipeline's observations.csv: the figure exactly as the source prints it. */
export const inputObservation = z
  .strictObject({
    indicator: indicatorCode,
    measure: measureCode,
    ref_area: areaCode,
    period_text: text(200).meta({ description: "Period words: \"quý I/2023\", \"ngày 27/3\", \"năm 2022\"" }),
    value_text: text(64).meta({ description: "Number as printed, Vietnamese format: \"1.689,3\"" }),
    unit_text: text(64).meta({ description: "Unit words as printed: \"tỷ đồng\", \"triệu USD\", \"%\"" }),
    status_text: z.string().max(64).meta({ description: "Status words: \"ước đạt\", \"ước thực hiện\", \"sơ bộ\", or empty" }),
    source: id,
    quote: text(2000).meta({ description: "Shortest verbatim span of the source that states the figure" }),
  })
  .meta({ title: "Input observation", description: "A row of observations.csv" });
export type InputObservation = z.infer<typeof inputObservation>;
export const INPUT_OBSERVATION_COLUMNS = Object.keys(inputObservation.shape) as (keyof InputObservation)[];

/** One row of corrections.csv: a later fix to a figure, with its evidence. */
export const correction = z
  .strictObject({
    indicator: indicatorCode,
    measure: measureCode,
    ref_area: areaCode,
    time_period: z.string().regex(TIME_PERIOD_PATTERN),
    source: id.meta({ description: "Source of the figure being corrected" }),
    replaces: z.string().regex(DECIMAL_PATTERN).meta({ description: "Base-unit value being replaced (a guard)" }),
    value_text: text(64).meta({ description: "Corrected number as the evidence prints it" }),
    unit_text: text(64).meta({ description: "Unit words as the evidence prints them" }),
    reason: text(2000),
    evidence_source: z.string().max(64).meta({ description: "Source id whose snapshot holds evidence_quote, or empty" }),
    evidence_quote: z.string().max(2000),
    evidence_reference: z.string().max(500).meta({ description: "A document reference when no snapshot is held" }),
    contributor: text(200),
    date: z.string().regex(DATE_PATTERN),
  })
  .meta({ title: "Correction", description: "A row of corrections.csv" });
export type Correction = z.infer<typeof correction>;
export const CORRECTION_COLUMNS = Object.keys(correction.shape) as (keyof Correction)[];

/** A raw source snapshot and its provenance. */
export const sourceRecord = z
  .strictObject({
    id,
    path: z.string().min(1).max(200).regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/).meta({ description: "Snapshot file name inside sources/ (no folder, not hidden)" }),
    sha256: z.string().regex(SHA256_PATTERN),
    title: text(500),
    publisher: text(500),
    author: z.string().max(200),
    language: z.string().regex(/^[a-z]{2}$/),
    published: z.string().regex(/^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?$/),
    retrieved: text(1000).meta({ description: "How and when the snapshot was taken" }),
    terms: text(1000),
    reference_period: z.string().regex(TIME_PERIOD_PATTERN),
    data_level: z.enum(["estimated", "preliminary", "official"]),
    media_type: text(100),
  })
  .meta({ title: "Source", description: "A source snapshot record in sources.json" });
export type SourceRecord = z.infer<typeof sourceRecord>;

export const sourcesFile = z
  .strictObject({ sources: z.array(sourceRecord).min(1).max(1000) })
  .meta({ title: "Sources file", description: "A pipeline's sources/sources.json" });
export type SourcesFile = z.infer<typeof sourcesFile>;

export const indicatorDef = z.strictObject({
  code: indicatorCode,
  name: bilingual(300),
  definition: bilingual(2000),
  unit: unitCode,
  nature: z.enum(["flow", "stock", "share", "score", "rank", "count"]).meta({
    description: "flow: summed over time (cumulative within a year); stock: counted on a date; share/score/rank: neither",
  }),
});
export type IndicatorDef = z.infer<typeof indicatorDef>;

export const datasetMetadata = z
  .strictObject({
    id,
    title: bilingual(300),
    description: bilingual(4000),
    domain: domainCode,
    keywords: z.strictObject({ vi: z.array(text(100)).min(1), en: z.array(text(100)).min(1) }),
    publisher: bilingual(300),
    provider: bilingual(300).meta({ description: "Providing agency (cơ quan cung cấp)" }),
    spatial: z.array(areaCode).min(1),
    frequency: z.enum(["monthly", "quarterly", "annual", "irregular"]),
    license: z.strictObject({
      id: text(50),
      title: text(200),
      url: z.string().regex(/^https:\/\/\S+$/),
      attribution: bilingual(1000),
    }),
    indicators: z.array(indicatorDef).min(1).max(10000),
  })
  .meta({ title: "Dataset metadata", description: "Catalogue metadata of one dataset" });
export type DatasetMetadata = z.infer<typeof datasetMetadata>;

const ruleBase = {
  id: text(100).regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/),
  description: z.string().max(1000).optional(),
};

export const totalsRule = z.strictObject({
  ...ruleBase,
  type: z.literal("totals"),
  total: indicatorCode,
  components: z.array(indicatorCode).min(1).max(1000),
  itemized: z.enum(["full", "partial"]).meta({ description: "partial: the source leaves part of the total unitemized" }),
  plans: z.boolean().meta({ description: "Also check that the components' implied annual plans add up to the total's" }),
});
export const growthRule = z.strictObject({
  ...ruleBase,
  type: z.literal("growth"),
  total: indicatorCode,
  components: z.array(indicatorCode).min(1).max(1000),
  itemized: z.enum(["full", "partial"]),
});
export const rule = z.discriminatedUnion("type", [totalsRule, growthRule]);
export type Rule = z.infer<typeof rule>;
export type TotalsRule = z.infer<typeof totalsRule>;
export type GrowthRule = z.infer<typeof growthRule>;

export const rules = z.array(rule).max(10000).meta({ title: "Check rules", description: "Rules declared in pipeline.json" });

export const pipelineFile = z
  .strictObject({
    id,
    title: bilingual(300),
    reference_year: z.int().min(1900).max(2100).meta({ description: "Year used where period words omit it (\"ngày 27/3\")" }),
    datasets: z.array(datasetMetadata).min(1).max(1000),
    rules,
  })
  .meta({ title: "Pipeline", description: "A pipeline's pipeline.json" });
export type PipelineFile = z.infer<typeof pipelineFile>;

export const releaseFile = z.strictObject({
  path: z.string().min(1).max(200),
  bytes: z.int().min(0),
  sha256: z.string().regex(SHA256_PATTERN),
  media_type: text(100),
});

export const releaseManifest = z
  .strictObject({
    dataset: id,
    version: z.string().regex(SEMVER_PATTERN),
    previous: z.union([z.string().regex(SEMVER_PATTERN), z.null()]),
    change: z.enum(["initial", "major", "minor", "patch"]),
    as_of: z
      .string()
      .regex(/^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?$/)
      .meta({ description: "Newest date among the inputs (source publication, corrections): deterministic, unlike a clock" }),
    metadata_sha256: z.string().regex(SHA256_PATTERN).meta({ description: "sha256 of the dataset's canonical metadata JSON" }),
    schema_version: z.string().regex(SEMVER_PATTERN),
    pipeline: id,
    sources: z.array(z.strictObject({ id, sha256: z.string().regex(SHA256_PATTERN) })),
    observations: z.int().min(0),
    periods: z.array(z.string().regex(TIME_PERIOD_PATTERN)),
    files: z.array(releaseFile),
  })
  .meta({ title: "Release manifest", description: "release.json of one dataset version" });
export type ReleaseManifest = z.infer<typeof releaseManifest>;

/** Every schema that is generated into a committed JSON Schema file, by file stem. */
export const JSON_SCHEMAS = {
  observation,
  "input-observation": inputObservation,
  correction,
  source: sourceRecord,
  sources: sourcesFile,
  "dataset-metadata": datasetMetadata,
  rules,
  pipeline: pipelineFile,
  "release-manifest": releaseManifest,
} as const;
export type JsonSchemaName = keyof typeof JSON_SCHEMAS;
