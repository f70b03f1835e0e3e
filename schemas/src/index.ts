export { Decimal, Interval, Rational, formatVi } from "./decimal.js";
export { fail, formatLocation, ok, truncate } from "./issue.js";
export type { Issue, Location, ProblemDetail, Result, Severity } from "./issue.js";
export { UNITS, UNIT_CODES, unitDef } from "./codelists/units.js";
export type { UnitCode, UnitDef } from "./codelists/units.js";
export { MAGNITUDE_WORDS, UNIT_NOUNS } from "./codelists/unit-words.js";
export { MEASURES, MEASURE_CODES, OBS_STATUSES, OBS_STATUS_CODES, VALUE_ORIGINS } from "./codelists/measures.js";
export type { MeasureCode, ObsStatus, ValueOrigin } from "./codelists/measures.js";
export { AREAS, AREA_CODES, DATA_LEVELS, DOMAINS, DOMAIN_CODES, FREQUENCIES } from "./codelists/domains.js";
export type { AreaCode, DataLevel, DomainCode, FrequencyCode } from "./codelists/domains.js";
export {
  CORRECTION_COLUMNS,
  DATE_PATTERN,
  DECIMAL_PATTERN,
  ID_PATTERN,
  INDICATOR_PATTERN,
  INPUT_OBSERVATION_COLUMNS,
  JSON_SCHEMAS,
  SCHEMA_BASE_URL,
  SCHEMA_VERSION,
  SEMVER_PATTERN,
  SHA256_PATTERN,
  TIME_PERIOD_PATTERN,
  correction,
  datasetMetadata,
  growthRule,
  indicatorDef,
  inputObservation,
  observation,
  pipelineFile,
  releaseManifest,
  rule,
  rules,
  sourceRecord,
  sourcesFile,
  totalsRule,
} from "./contract.js";
export type {
  Correction,
  DatasetMetadata,
  GrowthRule,
  IndicatorDef,
  InputObservation,
  JsonSchemaName,
  Observation,
  PipelineFile,
  ReleaseManifest,
  Rule,
  SourceRecord,
  SourcesFile,
  TotalsRule,
} from "./contract.js";
export { JSON_SCHEMA_NAMES, schemaId, toJsonSchema } from "./json-schema.js";
export { coverage, periodBounds } from "./period.js";
export { Utf8Buffer } from "./utf8-buffer.js";
export { OBSERVATION_COLUMNS } from "./columns.js";
export { ownString } from "./own-string.js";
export type { PeriodBounds } from "./period.js";
