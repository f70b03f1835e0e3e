/**
 * The 63 provincial-level units of Vietnam with their ISO 3166-2:VN codes (58 provinces, 5
 * centrally-run cities), as a national pipeline would need them in the area codelist. The schemas'
 * area codelist holds only VN-09 today, so the benchmark cannot put these codes in `ref_area`: it gives
 * each unit its own indicator codes instead (`TRADE_EXPORT_VN01`), which keeps the row count, the
 * key cardinality and the per-unit rules of a national dataset.
 */
export interface Province {
  /** ISO 3166-2 code, e.g. "VN-09". */
  readonly code: string;
  /** Vietnamese name with its kind: "tỉnh Lạng Sơn", "thành phố Hà Nội". */
  readonly vi: string;
  readonly en: string;
}

const P = (code: string, name: string, city = false): Province => ({
  code,
  vi: `${city ? "thành phố" : "tỉnh"} ${name}`,
  en: city ? `${name} city` : `${name} province`,
});

export const PROVINCES: readonly Province[] = [
  P("VN-01", "Lai Châu"),
  P("VN-02", "Lào Cai"),
  P("VN-03", "Hà Giang"),
  P("VN-04", "Cao Bằng"),
  P("VN-05", "Sơn La"),
  P("VN-06", "Yên Bái"),
  P("VN-07", "Tuyên Quang"),
  P("VN-09", "Lạng Sơn"),
  P("VN-13", "Quảng Ninh"),
  P("VN-14", "Hòa Bình"),
  P("VN-18", "Ninh Bình"),
  P("VN-20", "Thái Bình"),
  P("VN-21", "Thanh Hóa"),
  P("VN-22", "Nghệ An"),
  P("VN-23", "Hà Tĩnh"),
  P("VN-24", "Quảng Bình"),
  P("VN-25", "Quảng Trị"),
  P("VN-26", "Thừa Thiên Huế"),
  P("VN-27", "Quảng Nam"),
  P("VN-28", "Kon Tum"),
  P("VN-29", "Quảng Ngãi"),
  P("VN-30", "Gia Lai"),
  P("VN-31", "Bình Định"),
  P("VN-32", "Phú Yên"),
  P("VN-33", "Đắk Lắk"),
  P("VN-34", "Khánh Hòa"),
  P("VN-35", "Lâm Đồng"),
  P("VN-36", "Ninh Thuận"),
  P("VN-37", "Tây Ninh"),
  P("VN-39", "Đồng Nai"),
  P("VN-40", "Bình Thuận"),
  P("VN-41", "Long An"),
  P("VN-43", "Bà Rịa - Vũng Tàu"),
  P("VN-44", "An Giang"),
  P("VN-45", "Đồng Tháp"),
  P("VN-46", "Tiền Giang"),
  P("VN-47", "Kiên Giang"),
  P("VN-49", "Vĩnh Long"),
  P("VN-50", "Bến Tre"),
  P("VN-51", "Trà Vinh"),
  P("VN-52", "Sóc Trăng"),
  P("VN-53", "Bắc Kạn"),
  P("VN-54", "Bắc Giang"),
  P("VN-55", "Bạc Liêu"),
  P("VN-56", "Bắc Ninh"),
  P("VN-57", "Bình Dương"),
  P("VN-58", "Bình Phước"),
  P("VN-59", "Cà Mau"),
  P("VN-61", "Hải Dương"),
  P("VN-63", "Hà Nam"),
  P("VN-66", "Hưng Yên"),
  P("VN-67", "Nam Định"),
  P("VN-68", "Phú Thọ"),
  P("VN-69", "Thái Nguyên"),
  P("VN-70", "Vĩnh Phúc"),
  P("VN-71", "Điện Biên"),
  P("VN-72", "Đắk Nông"),
  P("VN-73", "Hậu Giang"),
  P("VN-CT", "Cần Thơ", true),
  P("VN-DN", "Đà Nẵng", true),
  P("VN-HN", "Hà Nội", true),
  P("VN-HP", "Hải Phòng", true),
  P("VN-SG", "Hồ Chí Minh", true),
];

/** The indicator-code suffix that stands in for a unit's ref_area: "VN-09" → "VN09". */
export const areaSuffix = (p: Province): string => p.code.replace("-", "");
