import type { UnitCode } from "./units.js";

/**
 * Vietnamese magnitude words and the power of ten they carry. Longest first, so that
 * "nghìn tỷ" is matched before "tỷ".
 */
export const MAGNITUDE_WORDS: readonly { readonly word: string; readonly power: number }[] = [
  { word: "nghìn tỷ", power: 12 },
  { word: "ngàn tỷ", power: 12 },
  { word: "nghìn", power: 3 },
  { word: "ngàn", power: 3 },
  { word: "triệu", power: 6 },
  { word: "tỷ", power: 9 },
  { word: "tỉ", power: 9 },
];

/**
 * Vietnamese unit nouns (after any magnitude word) and the unit they name. NFC, lower case.
 * Longest first matters when one is a prefix of another ("lượt khách du lịch" before "lượt khách").
 */
export const UNIT_NOUNS: readonly { readonly words: string; readonly unit: UnitCode }[] = [
  { words: "usd", unit: "USD" },
  { words: "đô la mỹ", unit: "USD" },
  { words: "đồng", unit: "VND" },
  { words: "vnđ", unit: "VND" },
  { words: "vnd", unit: "VND" },
  { words: "%", unit: "PERCENT" },
  { words: "phần trăm", unit: "PERCENT" },
  { words: "điểm", unit: "POINTS" },
  { words: "bậc", unit: "RANK_PLACES" },
  { words: "lượt khách du lịch", unit: "VISITS" },
  { words: "lượt khách", unit: "VISITS" },
  { words: "lượt", unit: "VISITS" },
  { words: "vụ", unit: "CASES" },
  { words: "doanh nghiệp", unit: "ENTERPRISES" },
  { words: "liên hiệp hợp tác xã", unit: "COOPERATIVE_UNIONS" },
  { words: "hợp tác xã", unit: "COOPERATIVES" },
  { words: "chi nhánh, văn phòng đại diện", unit: "BRANCHES" },
  { words: "chi nhánh", unit: "BRANCHES" },
  { words: "dự án", unit: "PROJECTS" },
  { words: "tài khoản", unit: "ACCOUNTS" },
  { words: "sản phẩm", unit: "PRODUCTS" },
  { words: "giao dịch", unit: "TRANSACTIONS" },
  { words: "cửa khẩu", unit: "BORDER_GATES" },
  { words: "tỉnh, thành phố", unit: "PROVINCES" },
  { words: "tỉnh", unit: "PROVINCES" },
  { words: "thứ", unit: "RANK" },
  { words: "hạng", unit: "RANK" },
];
