import { fail, ok, pipelineFile } from "@langson-open-data/schemas";
import type { Result } from "@langson-open-data/schemas";
import { fold } from "./_text.js";

/** An indicator a candidate may be suggested as: from a pipeline's pipeline.json. */
export interface IndicatorEntry {
  readonly code: string;
  /** The Vietnamese name (`name.vi`). */
  readonly name: string;
  readonly unit: string;
  /** flow, stock, share, score, rank or count: decides whether "tính đến ngày …" is a date or a range from 1 January. */
  readonly nature: string;
  readonly dataset: string;
}

/**
 * Phrases reports use for an indicator, besides its `name.vi`. A phrase matches a figure's quote at
 * word boundaries, case- and tone-placement-insensitively; "…" stands for a short gap (the figure
 * itself, say: "hiện có … doanh nghiệp"). Codes absent from the loaded registry are ignored.
 * Capital and rank indicators need no entry: "vốn đăng ký …" after a count of ENTERPRISES_NEW is
 * ENTERPRISES_NEW_CAPITAL, "đứng thứ …" after DIGITAL_ECOMMERCE_ACCOUNTS is DIGITAL_ECOMMERCE_ACCOUNTS_RANK.
 */
export const INDICATOR_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  TRADE_TOTAL: ["tổng kim ngạch xuất nhập khẩu", "kim ngạch xuất nhập khẩu", "tổng kim ngạch xuất, nhập khẩu", "kim ngạch xuất, nhập khẩu", "tổng trị giá xuất nhập khẩu"],
  TRADE_EXPORT: ["kim ngạch xuất khẩu", "xuất khẩu"],
  TRADE_IMPORT: ["kim ngạch nhập khẩu", "nhập khẩu"],
  TRADE_LOCAL_EXPORT: ["hàng địa phương xuất khẩu", "xuất khẩu hàng địa phương", "hàng hóa địa phương xuất khẩu", "xuất khẩu hàng hóa địa phương"],
  TRADE_BORDER_GATES_NORMALIZED: ["bình thường hóa các hoạt động xuất nhập khẩu", "bình thường hóa hoạt động xuất nhập khẩu"],
  TOURISM_VISITS: ["lượt khách du lịch", "lượt khách", "khách du lịch"],
  TOURISM_REVENUE: ["doanh thu từ du lịch", "doanh thu du lịch", "doanh thu từ hoạt động du lịch", "tổng thu từ khách du lịch"],
  MARKET_CONTROL_CASES_HANDLED: ["kiểm tra, xử lý vi phạm", "kiểm tra, xử lý", "vụ buôn lậu, gian lận thương mại"],
  MARKET_CONTROL_ADMIN_PENALTY_CASES: ["xử phạt vi phạm hành chính"],
  MARKET_CONTROL_ADMIN_PENALTY_AMOUNT: ["số tiền xử lý vi phạm hành chính", "tiền xử phạt vi phạm hành chính", "số tiền xử phạt"],
  MARKET_CONTROL_PROSECUTED_CASES: ["khởi tố"],
  ENTERPRISES_NEW: ["doanh nghiệp đăng ký thành lập mới", "doanh nghiệp thành lập mới", "doanh nghiệp đăng ký mới"],
  ENTERPRISES_RESUMED: ["doanh nghiệp hoạt động trở lại", "doanh nghiệp quay trở lại hoạt động"],
  ENTERPRISES_REGISTERED: ["hiện có … doanh nghiệp", "lũy kế … doanh nghiệp", "doanh nghiệp đang hoạt động"],
  BRANCHES_REGISTERED: ["chi nhánh, văn phòng đại diện", "chi nhánh"],
  COOPERATIVES_NEW: ["thành lập mới … hợp tác xã", "hợp tác xã đăng ký thành lập mới", "hợp tác xã thành lập mới"],
  COOPERATIVES_REGISTERED: ["hiện có … hợp tác xã", "lũy kế … hợp tác xã", "hợp tác xã đang hoạt động"],
  COOPERATIVE_UNIONS_REGISTERED: ["liên hiệp hợp tác xã"],
  INVESTMENT_NEW_PROJECTS: ["cấp mới giấy chứng nhận đầu tư", "cấp mới giấy chứng nhận đăng ký đầu tư", "dự án đầu tư mới"],
  INVESTMENT_ADJUSTED_PROJECTS: ["điều chỉnh giấy chứng nhận đầu tư", "điều chỉnh giấy chứng nhận đăng ký đầu tư"],
  INVESTMENT_ADJUSTED_CAPITAL_INCREASE: ["số vốn tăng", "vốn đầu tư tăng thêm", "vốn tăng thêm"],
  BUDGET_REVENUE_TOTAL: ["tổng thu ngân sách nhà nước", "thu ngân sách nhà nước", "tổng thu ngân sách", "thu ngân sách trên địa bàn"],
  BUDGET_REVENUE_DOMESTIC: ["thu nội địa"],
  BUDGET_REVENUE_TRADE: ["thu từ hoạt động xuất nhập khẩu", "thu từ hoạt động xuất, nhập khẩu", "thu thuế xuất nhập khẩu", "thu từ xuất nhập khẩu", "thu cân đối từ hoạt động xuất nhập khẩu"],
  DIGITAL_SIGNATURE_AGENCY_COVERAGE: ["chữ ký số"],
  DIGITAL_ECOMMERCE_ACCOUNTS: ["tài khoản được kích hoạt", "tài khoản trên sàn thương mại điện tử"],
  DIGITAL_ECOMMERCE_PRODUCTS: ["sản phẩm được đưa lên sàn", "sản phẩm trên sàn thương mại điện tử"],
  DIGITAL_ECOMMERCE_TRANSACTIONS: ["giao dịch thành công"],
  DIGITAL_BORDER_GATE_ONLINE_DECLARATION: ["khai báo trực tuyến trên nền tảng cửa khẩu số", "xe hàng khai báo trực tuyến"],
  PCI_SCORE: ["điểm tổng hợp", "chỉ số năng lực cạnh tranh cấp tỉnh", "pci"],
  PCI_RANK: ["chỉ số năng lực cạnh tranh cấp tỉnh", "năng lực cạnh tranh cấp tỉnh", "pci"],
  PCI_RANK_NORTHERN_MOUNTAINS: ["miền núi phía bắc", "trung du và miền núi phía bắc"],
  PGI_RANK: ["chỉ số xanh cấp tỉnh", "chỉ số xanh", "pgi"],
};

/**
 * The indicators of a parsed pipeline.json, in file order. Fails (does not throw) when the value is not a
 * pipeline file.
 *
 * @example
 * indicatorRegistry(JSON.parse(readFileSync("pipelines/lang-son/pipeline.json", "utf8")))
 * // ok: [{ code: "TRADE_TOTAL", name: "Tổng kim ngạch xuất nhập khẩu qua địa bàn tỉnh", unit: "USD", nature: "flow", … }, …]
 */
export function indicatorRegistry(pipelineJson: unknown): Result<{ readonly referenceYear: number; readonly indicators: readonly IndicatorEntry[] }> {
  const parsed = pipelineFile.safeParse(pipelineJson);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return fail("pipeline-invalid", `not a pipeline.json: ${first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "unknown problem"}`, "a pipeline.json as the pipeline schema defines it");
  }
  const indicators = parsed.data.datasets.flatMap((d) =>
    d.indicators.map((i) => ({ code: i.code, name: i.name.vi, unit: i.unit, nature: i.nature, dataset: d.id })),
  );
  return ok({ referenceYear: parsed.data.reference_year, indicators });
}

/** What a candidate offers for matching: its quote and how it relates to the figures before it (any case, NFC or not). */
export interface MatchInput {
  readonly unit: string;
  readonly own: string;
  /** Quote of the level figure before it in the sentence, when its own words do not name the subject. */
  readonly parent?: string;
  /** Text of the paragraph before the figure: only consulted for ranks and scores, whose subject is often named a sentence earlier. */
  readonly paragraph?: string;
  /** Any unit will do: a comparison with no level figure of its own. */
  readonly anyUnit?: boolean;
}

interface Compiled {
  readonly entry: IndicatorEntry;
  readonly phrases: readonly (readonly string[])[];
}

/** Matches candidates to a registry's indicators by name and synonyms. */
export class IndicatorMatcher {
  readonly #compiled: readonly Compiled[];
  readonly #byCode: ReadonlyMap<string, IndicatorEntry>;

  constructor(entries: readonly IndicatorEntry[], synonyms: Readonly<Record<string, readonly string[]>> = INDICATOR_SYNONYMS) {
    this.#byCode = new Map(entries.map((e) => [e.code, e]));
    this.#compiled = entries.map((entry) => {
      const name = fold(entry.name.replace(/\([^)]*\)/g, " ")).replace(/^số /, "");
      const phrases = [name, ...(synonyms[entry.code] ?? [])].map((p) => fold(p).split("…").map((part) => part.trim()).filter((part) => part !== ""));
      return { entry, phrases: phrases.filter((p) => p.length > 0) };
    });
  }

  get(code: string): IndicatorEntry | undefined {
    return this.#byCode.get(code);
  }

  /** The best-matching indicator: own words weigh most, then the parent figure's, then the paragraph's. */
  match(input: MatchInput): IndicatorEntry | undefined {
    const own = fold(input.own);
    const parent = input.parent === undefined ? undefined : fold(input.parent);
    const paragraph = input.paragraph === undefined ? undefined : fold(input.paragraph);
    let best: { entry: IndicatorEntry; score: number } | undefined;
    for (const { entry, phrases } of this.#compiled) {
      if (!input.anyUnit && entry.unit !== input.unit) continue;
      let score = 0;
      for (const phrase of phrases) {
        score = Math.max(score, 2 * matchLength(phrase, own));
        if (parent) score = Math.max(score, matchLength(phrase, parent));
        if (paragraph) score = Math.max(score, 0.25 * matchLength(phrase, paragraph));
      }
      if (score > 0 && (!best || score > best.score)) best = { entry, score };
    }
    return best?.entry;
  }
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Length of a phrase in a text (its parts in order, each at word boundaries, at most 40 characters apart); 0 if absent. */
function matchLength(parts: readonly string[], text: string): number {
  const at = (part: string, i: number) => !isWordChar(text[i - 1]) && !isWordChar(text[i + part.length]);
  const find = (part: string, from: number, limit: number): number => {
    for (let i = text.indexOf(part, from); i !== -1 && i <= limit; i = text.indexOf(part, i + 1)) if (at(part, i)) return i;
    return -1;
  };
  const [first, ...rest] = parts;
  if (first === undefined) return 0;
  for (let i = find(first, 0, text.length); i !== -1; i = find(first, i + 1, text.length)) {
    let end = i + first.length;
    let length = first.length;
    for (const part of rest) {
      const j = find(part, end, end + 40);
      if (j === -1) {
        length = 0;
        break;
      }
      end = j + part.length;
      length += part.length;
    }
    if (length > 0) return length;
  }
  return 0;
}
