/**
 * Decoders for the 8-bit encodings Vietnamese text arrives in from older editors, used only to
 * name the encoding of a file that is not UTF-8 (nothing is ever read through them).
 *
 * - Windows-1258: Latin-1-like, with the five tone marks as combining characters after a vowel.
 * - TCVN3 (ABC, the ".VnTime" fonts): every lower-case toned vowel precomposed in 0xA1–0xFF;
 *   upper case was drawn by a different font from the same codes.
 * - VNI-Windows (the "VNI-Times" fonts): a vowel followed by a byte that draws its marks.
 */

/** Windows-1258, bytes 0x80–0xFF (the WHATWG table). */
const WINDOWS_1258 =
  "€\u0081‚ƒ„…†‡ˆ‰\u008A‹Œ\u008D\u008E\u008F\u0090‘’“”•–—˜™\u009A›œ\u009D\u009EŸ\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ßàáâăäåæçèéêë\u0301íîïđñ\u0323óôơö÷øùúûüư₫ÿ";

/** TCVN3 / TCVN 5712, bytes 0xA1–0xFF. */
const TCVN3 = "ĂÂÊÔƠƯĐăâêôơưđẰ\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ";

// VNI: the byte after a vowel that draws its marks (lower case; upper case is 0x20 lower).
const ACUTE = "\u0301";
const GRAVE = "\u0300";
const HOOK = "\u0309";
const TILDE = "\u0303";
const DOT = "\u0323";
const CIRC = "\u0302";
const BREVE = "\u0306";
const VNI_MARKS: Readonly<Record<number, string>> = {
  0xf9: ACUTE,
  0xf8: GRAVE,
  0xfb: HOOK,
  0xf5: TILDE,
  0xef: DOT,
  0xe2: CIRC,
  0xe1: CIRC + ACUTE,
  0xe0: CIRC + GRAVE,
  0xe5: CIRC + HOOK,
  0xe3: CIRC + TILDE,
  0xe4: CIRC + DOT,
  0xea: BREVE,
  0xe9: BREVE + ACUTE,
  0xe8: BREVE + GRAVE,
  0xfa: BREVE + HOOK,
  0xfc: BREVE + TILDE,
  0xeb: BREVE + DOT,
};
/** VNI bytes that are a whole letter on their own. */
const VNI_LETTERS: Readonly<Record<number, string>> = {
  0xf1: "đ",
  0xd1: "Đ",
  0xf4: "ơ",
  0xd4: "Ơ",
  0xf6: "ư",
  0xd6: "Ư",
  0xec: "ì",
  0xcc: "Ì",
  0xed: "í",
  0xcd: "Í",
  0xe6: "ỉ",
  0xc6: "Ỉ",
  0xf3: "ĩ",
  0xd3: "Ĩ",
  0xf2: "ị",
  0xd2: "Ị",
  0xee: "ỵ",
  0xce: "Ỵ",
};
const VNI_BASES = new Set([..."aeouyAEOUYơƠưƯ"]);

function decodeTable(bytes: Uint8Array, from: number, table: string): string {
  const chars = [...table];
  let out = "";
  for (const b of bytes) out += b < from ? String.fromCharCode(b) : (chars[b - from] ?? "\uFFFD");
  return out.normalize("NFC");
}

function decodeVni(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) {
    const last = out.at(-1);
    const mark = VNI_MARKS[b] ?? VNI_MARKS[b + 0x20];
    if (mark !== undefined && last !== undefined && VNI_BASES.has(last)) out += mark;
    else out += VNI_LETTERS[b] ?? String.fromCharCode(b);
  }
  return out.normalize("NFC");
}

export const LEGACY_DECODERS = {
  "Windows-1258": (bytes: Uint8Array) => decodeTable(bytes, 0x80, WINDOWS_1258),
  "TCVN3 (ABC)": (bytes: Uint8Array) => decodeTable(bytes, 0xa1, TCVN3),
  "VNI-Windows": (bytes: Uint8Array) => decodeVni(bytes),
} as const;
export type LegacyEncoding = keyof typeof LEGACY_DECODERS;

/**
 * Frequent words of Vietnamese reports that carry diacritics: a text decoded with the right table
 * is full of them, and with a wrong table has almost none.
 */
const WORDS = new Set(
  (
    "của và các được năm người đồng tỉnh tăng đạt kế hoạch quý với cùng kỳ triệu tỷ tỉ nghìn ngàn lượt " +
    "nghiệp thực hiện ước số tổng xuất nhập khẩu lạng sơn đầu tư dự án vụ ngân sách giảm địa bàn hợp tác " +
    "xã nhánh văn phòng đại diện điểm thứ bậc tài khoản sản phẩm giao dịch cửa tháng ngày kinh tế hội phát " +
    "triển đã có là những này cho một không để theo từ về trên như nhà nước toàn đến hoạt động khách du lịch " +
    "thành lập mới vốn đăng ký lũy hiện chỉ tiêu đơn vị trưởng sở ủy ban nhân dân báo cáo tình hình"
  )
    .split(" ")
    // Words in plain ASCII read the same in every encoding and tell none apart.
    .filter((w) => /[^\x00-\x7f]/.test(w)),
);

/** How many frequent Vietnamese words the text holds. */
export function vietnameseScore(text: string): number {
  let n = 0;
  for (const w of text.toLowerCase().split(/[^\p{L}\p{M}]+/u)) if (WORDS.has(w)) n++;
  return n;
}
