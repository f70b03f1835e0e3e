import { Decimal, type Observation, unitDef } from "@langson-open-data/schemas";
import type { Bilingual } from "./html.js";

/** Groups the integer digits and sets the decimal mark: "1689.3" → vi "1.689,3", en "1,689.3". */
export function groupDecimal(plain: string, lang: "vi" | "en"): string {
  const neg = plain.startsWith("-");
  const [int = "0", frac] = (neg ? plain.slice(1) : plain).split(".");
  const sep = lang === "vi" ? "." : ",";
  const mark = lang === "vi" ? "," : ".";
  return `${neg ? "−" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, sep)}${frac ? `${mark}${frac}` : ""}`;
}

/** A decimal rounded to `decimals` places, grouped for the language. */
export function formatNumber(x: Decimal | string, decimals: number, lang: "vi" | "en"): string {
  const d = typeof x === "string" ? Decimal.parse(x) : x;
  return groupDecimal(d.toFixed(decimals), lang);
}

const MAGNITUDE: Record<number, Bilingual> = {
  3: { vi: "nghìn", en: "thousand" },
  6: { vi: "triệu", en: "million" },
  9: { vi: "tỷ", en: "billion" },
  12: { vi: "nghìn tỷ", en: "trillion" },
};

/** A unit's short word as Vietnamese reports print it ("USD", "đồng", "%", "lượt khách"), and in English. */
export function unitWord(code: string): Bilingual {
  if (code === "USD") return { vi: "USD", en: "USD" };
  if (code === "VND") return { vi: "đồng", en: "VND" };
  if (code === "PERCENT") return { vi: "%", en: "%" };
  const u = unitDef(code);
  return u ? { vi: u.vi, en: u.en } : { vi: code, en: code };
}

function withUnit(number: string, unit: string, code: string): string {
  return code === "PERCENT" ? `${number}%` : `${number} ${unit}`;
}

/** The multiplier and unit a figure was printed in: "triệu USD", "tỷ đồng", "%" (and "million USD"…). */
export function printedUnit(o: Pick<Observation, "unit" | "unit_mult">): Bilingual {
  const u = unitWord(o.unit);
  const m = MAGNITUDE[o.unit_mult];
  if (!m) return u;
  return { vi: `${m.vi} ${u.vi}`, en: `${m.en} ${u.en}` };
}

/**
 * A figure as the source printed it, in Vietnamese format: value ÷ 10^unit_mult with the printed
 * decimals and unit words: 640000000 USD, unit_mult 6 → "640 triệu USD"; 16.84 PERCENT → "16,84%".
 */
export function printedVi(o: Pick<Observation, "value" | "unit" | "unit_mult" | "decimals">): string {
  const scaled = Decimal.parse(o.value).shift(-o.unit_mult);
  const number = groupDecimal(scaled.toFixed(o.decimals), "vi");
  if (o.unit === "RANK") return `thứ ${number}`;
  return withUnit(number, printedUnit(o).vi, o.unit);
}

/** A figure in base units, exact, grouped for the language: "640.000.000 USD" / "640,000,000 USD". */
export function baseUnits(o: Pick<Observation, "value" | "unit">, lang: "vi" | "en"): string {
  const number = groupDecimal(Decimal.parse(o.value).toString(), lang);
  if (o.unit === "RANK") return lang === "vi" ? `thứ ${number}` : `rank ${number}`;
  return withUnit(number, unitWord(o.unit)[lang], o.unit);
}

const ROMAN = ["I", "II", "III", "IV"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayLabel(date: string, lang: "vi" | "en", withYear = true): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  if (lang === "vi") return withYear ? `${d}/${m}/${y}` : `${d}/${m}`;
  return withYear ? `${d} ${MONTHS_EN[m - 1]} ${y}` : `${d} ${MONTHS_EN[m - 1]}`;
}

/** A period in words: "2023-Q1" → "Quý I/2023" / "Q1 2023"; "2023-01-01/2023-03-27" → "1/1–27/3/2023" / "1 Jan–27 Mar 2023". */
export function periodLabel(period: string): Bilingual {
  let m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return { vi: `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`, en: `Q${m[2]} ${m[1]}` };
  m = /^(\d{4})-S([12])$/.exec(period);
  if (m) return { vi: `${m[2] === "1" ? "6 tháng đầu năm" : "6 tháng cuối năm"} ${m[1]}`, en: `H${m[2]} ${m[1]}` };
  m = /^(\d{4})$/.exec(period);
  if (m) return { vi: `Năm ${m[1]}`, en: m[1]! };
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return { vi: `Tháng ${Number(m[2])}/${m[1]}`, en: `${MONTHS_EN[Number(m[2]) - 1]} ${m[1]}` };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (m) return { vi: `Ngày ${dayLabel(period, "vi")}`, en: dayLabel(period, "en") };
  m = /^(\d{4})-01\/(\d{4})-(\d{2})$/.exec(period);
  if (m) return { vi: `Tháng 1–${Number(m[3])}/${m[2]}`, en: `Jan–${MONTHS_EN[Number(m[3]) - 1]} ${m[2]}` };
  m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(period);
  if (m) {
    const sameYear = m[1]!.slice(0, 4) === m[2]!.slice(0, 4);
    return {
      vi: `${dayLabel(m[1]!, "vi", !sameYear)}–${dayLabel(m[2]!, "vi")}`,
      en: `${dayLabel(m[1]!, "en", !sameYear)}–${dayLabel(m[2]!, "en")}`,
    };
  }
  return { vi: period, en: period };
}

/** A file size for people: "2,4 kB" / "2.4 kB"; bytes below 1000 as they are. */
export function fileSize(bytes: number, lang: "vi" | "en"): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB"];
  let v = bytes / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const text = v.toFixed(1);
  return `${lang === "vi" ? text.replace(".", ",") : text} ${units[i]}`;
}
