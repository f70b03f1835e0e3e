import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SOURCES, type Fixture, publishFixture } from "../test/fixture.js";
import { periodSpan, renderCatalogue } from "./catalogue.js";

let fixture: Fixture;
beforeAll(async () => {
  fixture = await publishFixture();
});
afterAll(() => fixture?.dispose());

describe("province catalogue", () => {
  it("names the period a version covers in its own terms", () => {
    expect(periodSpan([])).toBe("");
    expect(periodSpan(["2023-Q1"])).toBe("2023-Q1");
    expect(periodSpan(["2023-Q2", "2023-Q1"])).toBe("2023-Q1 – 2023-Q2");
    expect(periodSpan(["2023-01-01/2023-03-27", "2023-03-27"])).toBe("2023-01-01/2023-03-27");
  });

  it("writes every dataset's latest version in the province's fields, as run wrote it", async () => {
    const files = await renderCatalogue(fixture.datasetsDir, fixture.datasets, SOURCES);
    const json = files.get(join(fixture.datasetsDir, "catalogue.json"))!;
    expect(json).toBe(await readFile(join(fixture.datasetsDir, "catalogue.json"), "utf8"));
    const trade = JSON.parse(json).datasets.find((r: { dataset: string }) => r.dataset === "fixture-trade");
    expect(trade.phien_ban).toEqual({ vi: "1.1.0", en: "1.1.0" });
    expect(trade.thoi_ky_so_lieu).toEqual({ vi: "2023-Q1 – 2023-Q2", en: "2023-Q1 – 2023-Q2" });
    expect(trade.nguon_goc.en).toContain("Báo cáo 6 tháng đầu năm 2023 (Báo Lạng Sơn, 2023-07-05)");
  });
});
