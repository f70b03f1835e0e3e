/** What a figure measures about its indicator. Labels in Vietnamese and English. */
export const MEASURES = [
  { code: "LEVEL", vi: "giá trị", en: "level", description: "The figure itself, in the indicator's unit." },
  {
    code: "PCT_OF_PLAN",
    vi: "% kế hoạch / dự toán năm",
    en: "% of annual plan or budget estimate",
    description: "The level as a percentage of the annual plan (kế hoạch) or budget estimate (dự toán).",
  },
  {
    code: "YOY_GROWTH",
    vi: "tăng/giảm so cùng kỳ (%)",
    en: "year-on-year growth (%)",
    description: "Percentage change on the same period a year earlier; negative for a decrease.",
  },
  {
    code: "RANK_TOTAL",
    vi: "số đơn vị được xếp hạng",
    en: "number of units ranked",
    description: "How many units the rank is out of (63 in \"15/63\").",
  },
  {
    code: "RANK_GAIN",
    vi: "số bậc tăng so kỳ trước",
    en: "places gained on the previous edition",
    description: "Places moved up in a ranking against its previous edition; negative for places lost.",
  },
  {
    code: "IMPLIED_PLAN",
    vi: "kế hoạch năm suy ra",
    en: "implied annual plan (derived)",
    description: "Derived, not stated: level ÷ (% of plan) × 100, rounded to the precision the inputs support.",
  },
] as const;

export type MeasureCode = (typeof MEASURES)[number]["code"];
export const MEASURE_CODES = MEASURES.map((m) => m.code) as unknown as readonly [MeasureCode, ...MeasureCode[]];

/** SDMX OBS_STATUS codes used here. */
export const OBS_STATUSES = [
  { code: "A", vi: "chính thức", en: "normal value" },
  { code: "E", vi: "ước tính", en: "estimated value" },
  { code: "P", vi: "sơ bộ", en: "provisional value" },
] as const;
export type ObsStatus = (typeof OBS_STATUSES)[number]["code"];
export const OBS_STATUS_CODES = ["A", "E", "P"] as const satisfies readonly ObsStatus[];

/** How a published value came to be. */
export const VALUE_ORIGINS = [
  { code: "stated", vi: "số liệu nguồn công bố", en: "stated by the source" },
  { code: "derived", vi: "số liệu suy ra", en: "derived by this project" },
] as const;
export type ValueOrigin = (typeof VALUE_ORIGINS)[number]["code"];
