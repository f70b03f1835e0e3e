/** A unit of measure: ISO 4217 for money, PERCENT, and count units. Labels in Vietnamese and English. */
export interface UnitDef {
  readonly code: string;
  readonly kind: "currency" | "percent" | "count" | "score" | "rank";
  readonly vi: string;
  readonly en: string;
}

export const UNITS = [
  { code: "USD", kind: "currency", vi: "đô la Mỹ", en: "US dollar" },
  { code: "VND", kind: "currency", vi: "đồng", en: "Vietnamese dong" },
  { code: "PERCENT", kind: "percent", vi: "phần trăm", en: "percent" },
  { code: "POINTS", kind: "score", vi: "điểm", en: "points" },
  { code: "RANK", kind: "rank", vi: "thứ hạng", en: "rank" },
  { code: "RANK_PLACES", kind: "rank", vi: "bậc", en: "places in a ranking" },
  { code: "VISITS", kind: "count", vi: "lượt khách", en: "visits" },
  { code: "CASES", kind: "count", vi: "vụ", en: "cases" },
  { code: "ENTERPRISES", kind: "count", vi: "doanh nghiệp", en: "enterprises" },
  { code: "COOPERATIVES", kind: "count", vi: "hợp tác xã", en: "cooperatives" },
  { code: "COOPERATIVE_UNIONS", kind: "count", vi: "liên hiệp hợp tác xã", en: "unions of cooperatives" },
  { code: "BRANCHES", kind: "count", vi: "chi nhánh, văn phòng đại diện", en: "branches and representative offices" },
  { code: "PROJECTS", kind: "count", vi: "dự án", en: "projects" },
  { code: "ACCOUNTS", kind: "count", vi: "tài khoản", en: "accounts" },
  { code: "PRODUCTS", kind: "count", vi: "sản phẩm", en: "products" },
  { code: "TRANSACTIONS", kind: "count", vi: "giao dịch", en: "transactions" },
  { code: "BORDER_GATES", kind: "count", vi: "cửa khẩu", en: "border gates" },
  { code: "PROVINCES", kind: "count", vi: "tỉnh, thành phố", en: "provinces and cities" },
] as const satisfies readonly UnitDef[];

export type UnitCode = (typeof UNITS)[number]["code"];
export const UNIT_CODES = UNITS.map((u) => u.code) as unknown as readonly [UnitCode, ...UnitCode[]];
const byCode = new Map<string, UnitDef>(UNITS.map((u) => [u.code, u]));
export function unitDef(code: string): UnitDef | undefined {
  return byCode.get(code);
}
