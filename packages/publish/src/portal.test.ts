import { describe, expect, it } from "vitest";
import { DEFAULT_SITE_BASE_URL, releaseFilePath, siteBaseUrl } from "./portal.js";

describe("site base URL", () => {
  it("defaults to the project's site and ends in a slash", () => {
    expect(siteBaseUrl({})).toBe(DEFAULT_SITE_BASE_URL);
    expect(siteBaseUrl({ SITE_BASE_URL: "" })).toBe(DEFAULT_SITE_BASE_URL);
    expect(siteBaseUrl({ SITE_BASE_URL: "https://data.example.org/langson" })).toBe("https://data.example.org/langson/");
    expect(siteBaseUrl({ SITE_BASE_URL: "http://localhost:8080/?x=1#y" })).toBe("http://localhost:8080/");
  });

  it("refuses what is not an absolute http(s) URL", () => {
    expect(() => siteBaseUrl({ SITE_BASE_URL: "langson-open-data.github.io" })).toThrow(/absolute http\(s\) URL/);
    expect(() => siteBaseUrl({ SITE_BASE_URL: "ftp://example.org/" })).toThrow(/http or https/);
  });

  it("places release files below datasets/", () => {
    expect(releaseFilePath("lang-son-trade", "1.0.0", "data.csv")).toBe("datasets/lang-son-trade/1.0.0/data.csv");
  });
});
