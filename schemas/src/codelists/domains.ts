/** Domains (lĩnh vực) of the province's open-data catalogue. */
export const DOMAINS = [
  { code: "trade", vi: "Xuất nhập khẩu", en: "Trade through border gates" },
  { code: "tourism", vi: "Du lịch", en: "Tourism" },
  { code: "market-control", vi: "Chống buôn lậu, gian lận thương mại và hàng giả", en: "Anti-smuggling and trade-fraud enforcement" },
  { code: "enterprises", vi: "Doanh nghiệp, hợp tác xã", en: "Enterprises and cooperatives" },
  { code: "investment", vi: "Đầu tư", en: "Investment" },
  { code: "public-finance", vi: "Thu ngân sách nhà nước", en: "State budget revenue" },
  { code: "digital-transformation", vi: "Chuyển đổi số", en: "Digital transformation" },
  { code: "competitiveness", vi: "Năng lực cạnh tranh", en: "Provincial competitiveness" },
] as const;
export type DomainCode = (typeof DOMAINS)[number]["code"];
export const DOMAIN_CODES = DOMAINS.map((d) => d.code) as unknown as readonly [DomainCode, ...DomainCode[]];

/** Reference areas: ISO 3166-2 codes. */
export const AREAS = [{ code: "VN-09", vi: "Lạng Sơn", en: "Lạng Sơn province" }] as const;
export type AreaCode = (typeof AREAS)[number]["code"];
export const AREA_CODES = AREAS.map((a) => a.code) as unknown as readonly [AreaCode, ...AreaCode[]];

/** Data levels (mức độ số liệu) a dataset can carry. */
export const DATA_LEVELS = [
  { code: "estimated", vi: "ước tính", en: "estimated" },
  { code: "preliminary", vi: "sơ bộ", en: "preliminary" },
  { code: "official", vi: "chính thức", en: "official" },
] as const;
export type DataLevel = (typeof DATA_LEVELS)[number]["code"];

/** Update frequencies, with their EU vocabulary names for DCAT. */
export const FREQUENCIES = [
  { code: "monthly", vi: "Hằng tháng", en: "Monthly", euFrequency: "MONTHLY" },
  { code: "quarterly", vi: "Hằng quý", en: "Quarterly", euFrequency: "QUARTERLY" },
  { code: "annual", vi: "Hằng năm", en: "Annual", euFrequency: "ANNUAL" },
  { code: "irregular", vi: "Không định kỳ", en: "Irregular", euFrequency: "IRREG" },
] as const;
export type FrequencyCode = (typeof FREQUENCIES)[number]["code"];
