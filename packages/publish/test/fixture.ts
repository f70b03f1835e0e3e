/**
 * A small published datasets/ folder made by the real publish path (planRelease → writeRelease →
 * writeDatasetIndex → writeCatalogue): a quarterly dataset with two versions, and an annual one whose
 * title and quote are hostile HTML, to prove that every page escapes what it shows.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatasetMetadata, Observation, SourceRecord } from "@langson-open-data/schemas";
import { writeCatalogue } from "../src/catalogue.js";
import { writeDatasetIndex } from "../src/dataset-index.js";
import { type DatasetInput, planRelease, writeRelease } from "../src/release.js";
import { rowsOf } from "../src/rows.js";

/** One published row, as data.csv and data.json hold it: a fall of 3,43 % on a year before. */
export const SAMPLE_OBSERVATION: Observation = {
  dataset: "lang-son-trade",
  indicator: "TRADE_TOTAL",
  measure: "YOY_GROWTH",
  ref_area: "VN-09",
  time_period: "2023-Q1",
  value: "-3.43",
  unit: "PERCENT",
  unit_mult: 0,
  decimals: 2,
  obs_status: "A",
  source: "lang-son-2023-q1",
  origin: "stated",
  quote: "giảm 3,43%",
  note: "",
};

export const HOSTILE = `<script>alert("x")</script><img src=x onerror="alert('y')"> & “quotes”`;

export const SOURCES: SourceRecord[] = [
  {
    id: "report-2023-q1",
    path: "report-2023-q1.vi.txt",
    sha256: "1".repeat(64),
    title: "Báo cáo quý I/2023",
    publisher: "Báo Lạng Sơn",
    author: "",
    language: "vi",
    published: "2023-04",
    retrieved: "Snapshot of the article body.",
    terms: "Facts reported by the province.",
    reference_period: "2023-Q1",
    data_level: "estimated",
    media_type: "text/plain; charset=utf-8",
  },
  {
    id: "report-2023-q2",
    path: "report-2023-q2.vi.txt",
    sha256: "2".repeat(64),
    title: "Báo cáo 6 tháng đầu năm 2023",
    publisher: "Báo Lạng Sơn",
    author: "",
    language: "vi",
    published: "2023-07-05",
    retrieved: "Snapshot of the article body.",
    terms: "Facts reported by the province.",
    reference_period: "2023-Q2",
    data_level: "official",
    media_type: "text/plain; charset=utf-8",
  },
];

const license = {
  id: "CC-BY-4.0",
  title: "Creative Commons Attribution 4.0 International",
  url: "https://creativecommons.org/licenses/by/4.0/",
  attribution: { vi: "Số liệu: Ủy ban nhân dân tỉnh Lạng Sơn.", en: "Data: Lạng Sơn Provincial People's Committee." },
};

export const TRADE: DatasetMetadata = {
  id: "fixture-trade",
  title: { vi: "Xuất nhập khẩu (mẫu)", en: "Trade (fixture)" },
  description: { vi: "Số liệu mẫu về xuất nhập khẩu.", en: "Fixture trade figures." },
  domain: "trade",
  keywords: { vi: ["xuất khẩu", "Lạng Sơn"], en: ["exports", "Lạng Sơn"] },
  publisher: { vi: "Ủy ban nhân dân tỉnh Lạng Sơn", en: "Lạng Sơn Provincial People's Committee" },
  provider: { vi: "Sở Công Thương tỉnh Lạng Sơn", en: "Lạng Sơn Department of Industry and Trade" },
  spatial: ["VN-09"],
  frequency: "quarterly",
  license,
  indicators: [
    {
      code: "TRADE_EXPORT",
      name: { vi: "Kim ngạch xuất khẩu", en: "Exports" },
      definition: { vi: "Trị giá hàng xuất khẩu trong kỳ.", en: "Value of goods exported in the period." },
      unit: "USD",
      nature: "flow",
    },
    {
      code: "TRADE_GATES",
      name: { vi: "Số cửa khẩu", en: "Border gates" },
      definition: { vi: "Số cửa khẩu hoạt động.", en: "Border gates open." },
      unit: "BORDER_GATES",
      nature: "count",
    },
  ],
};

export const SCORE: DatasetMetadata = {
  id: "fixture-score",
  title: { vi: `Chỉ số ${HOSTILE}`, en: `Score ${HOSTILE}` },
  description: { vi: `Mô tả ${HOSTILE}`, en: `Description ${HOSTILE}` },
  domain: "competitiveness",
  keywords: { vi: ["PCI"], en: ["PCI"] },
  publisher: { vi: "Ủy ban nhân dân tỉnh Lạng Sơn", en: "Lạng Sơn Provincial People's Committee" },
  provider: { vi: "VCCI", en: "VCCI" },
  spatial: ["VN-09"],
  frequency: "annual",
  license,
  indicators: [
    {
      code: "PCI_SCORE",
      name: { vi: `Điểm PCI ${HOSTILE}`, en: `PCI score ${HOSTILE}` },
      definition: { vi: "Điểm tổng hợp.", en: "Composite score." },
      unit: "POINTS",
      nature: "score",
    },
  ],
};

function obs(meta: DatasetMetadata, o: Partial<Observation> & Pick<Observation, "indicator" | "measure" | "time_period" | "value" | "unit">): Observation {
  return {
    dataset: meta.id,
    ref_area: "VN-09",
    unit_mult: 0,
    decimals: 0,
    obs_status: "A",
    source: "report-2023-q1",
    origin: "stated",
    quote: "",
    note: "",
    ...o,
  };
}

const Q1 = [
  obs(TRADE, { indicator: "TRADE_EXPORT", measure: "LEVEL", time_period: "2023-Q1", value: "300000000", unit: "USD", unit_mult: 6, obs_status: "E", quote: "xuất khẩu 300 triệu USD" }),
  obs(TRADE, { indicator: "TRADE_EXPORT", measure: "PCT_OF_PLAN", time_period: "2023-Q1", value: "23.08", unit: "PERCENT", decimals: 2, obs_status: "E", quote: "đạt 23,08% kế hoạch" }),
  obs(TRADE, { indicator: "TRADE_EXPORT", measure: "YOY_GROWTH", time_period: "2023-Q1", value: "85.71", unit: "PERCENT", decimals: 2, obs_status: "E", quote: "tăng 85,71%" }),
  obs(TRADE, { indicator: "TRADE_GATES", measure: "LEVEL", time_period: "2023-Q1", value: "5", unit: "BORDER_GATES", quote: "5 cửa khẩu" }),
];
const Q2 = [
  obs(TRADE, { indicator: "TRADE_EXPORT", measure: "LEVEL", time_period: "2023-Q2", value: "412500000", unit: "USD", unit_mult: 6, decimals: 1, source: "report-2023-q2", quote: "xuất khẩu 412,5 triệu USD" }),
  obs(TRADE, { indicator: "TRADE_EXPORT", measure: "PCT_OF_PLAN", time_period: "2023-Q2", value: "31.73", unit: "PERCENT", decimals: 2, source: "report-2023-q2", quote: "đạt 31,73% kế hoạch" }),
];
const SCORES = [obs(SCORE, { indicator: "PCI_SCORE", measure: "LEVEL", time_period: "2022", value: "67.88", unit: "POINTS", decimals: 2, quote: HOSTILE })];

const input = (meta: DatasetMetadata, observations: Observation[], sources: SourceRecord[], asOf: string): DatasetInput => ({
  meta,
  pipeline: "fixture",
  sources,
  observations: rowsOf(observations),
  issues: [],
  asOf,
});

export interface Fixture {
  readonly root: string;
  readonly datasetsDir: string;
  readonly datasets: readonly string[];
  dispose(): Promise<void>;
}

/** Publishes the fixture: fixture-trade 1.0.0 then 1.1.0 (a quarter added), fixture-score 1.0.0. */
export async function publishFixture(): Promise<Fixture> {
  const root = await mkdtemp(join(tmpdir(), "langson-publish-"));
  const datasetsDir = join(root, "datasets");
  const release = async (i: DatasetInput) => {
    const plan = await planRelease(datasetsDir, i, { write: true });
    await writeRelease(datasetsDir, plan);
    await writeDatasetIndex(datasetsDir, i.meta.id);
  };
  await release(input(TRADE, Q1, [SOURCES[0]!], "2023-04"));
  await release(input(TRADE, [...Q1, ...Q2], SOURCES, "2023-07-05"));
  await release(input(SCORE, SCORES, [SOURCES[0]!], "2023-04"));
  const datasets = [TRADE.id, SCORE.id];
  await writeCatalogue(datasetsDir, datasets, SOURCES);
  return { root, datasetsDir, datasets, dispose: () => rm(root, { recursive: true, force: true }) };
}
