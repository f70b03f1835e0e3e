import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, publishFixture } from "../../test/fixture.js";
import { join } from "node:path";
import { buildSite } from "./build.js";
import { serveSite } from "./serve.js";

let fixture: Fixture;
let url: string;
let close: () => Promise<void>;

function get(path: string, method = "GET"): Promise<{ status: number; type: string | undefined; body: string; location: string | undefined }> {
  return new Promise((ok, fail) => {
    const req = request(new URL(path, url), { method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => ok({ status: res.statusCode ?? 0, type: res.headers["content-type"], body, location: res.headers.location }));
    });
    req.on("error", fail);
    req.end();
  });
}

beforeAll(async () => {
  fixture = await publishFixture();
  const site = join(fixture.root, "site");
  await buildSite(fixture.datasetsDir, site, { baseUrl: "http://127.0.0.1/" });
  const served = await serveSite(site, { port: 0 });
  url = served.url;
  close = () => new Promise((ok) => served.server.close(() => ok()));
});
afterAll(async () => {
  await close?.();
  await fixture?.dispose();
});

describe("serve", () => {
  it.each([
    ["/", "text/html; charset=utf-8"],
    ["/datasets/fixture-trade/", "text/html; charset=utf-8"],
    ["/assets/site.css", "text/css; charset=utf-8"],
    ["/assets/site.js", "text/javascript; charset=utf-8"],
    ["/datasets/fixture-trade/1.1.0/data.csv", "text/csv; charset=utf-8"],
    ["/datasets/fixture-trade/1.1.0/data.json", "application/json; charset=utf-8"],
    ["/datasets/fixture-trade/1.1.0/changelog.md", "text/markdown; charset=utf-8"],
    ["/datasets/fixture-trade/1.1.0/SHA256SUMS", "text/plain; charset=utf-8"],
    ["/datasets/catalogue.csv", "text/csv; charset=utf-8"],
  ])("answers %s with 200 and %s", async (path, type) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.type).toBe(type);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it("redirects a folder to its slash, answers HEAD without a body, refuses other methods", async () => {
    expect(await get("/datasets/fixture-trade")).toMatchObject({ status: 301, location: "/datasets/fixture-trade/" });
    expect(await get("/datasets/fixture-trade/1.1.0/data.csv", "HEAD")).toMatchObject({ status: 200, body: "" });
    expect((await get("/", "POST")).status).toBe(405);
  });

  it("answers 404 with the site's page for what is not there, and never leaves the site folder", async () => {
    const missing = await get("/datasets/nope/");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("Không tìm thấy trang");
    for (const p of ["/../package.json", "/%2e%2e/%2e%2e/etc/passwd", "/.langson-site", "/datasets/%00"]) expect((await get(p)).status, p).toBe(404);
  });
});
