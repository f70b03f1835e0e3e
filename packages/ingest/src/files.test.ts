import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Issue } from "@langson-open-data/schemas";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scanJson } from "./_json.js";
import { guessLegacyVietnamese, readJsonFile } from "./index.js";

describe("scanJson", () => {
  const jsonish = fc.oneof(
    fc.json().map((j) => j),
    fc.array(fc.constantFrom(..."{}[]:,\" \n0123-.eEtruefalsn\\u"), { maxLength: 30 }).map((a) => a.join("")),
    fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
  );

  it("finds a syntax error exactly when JSON.parse does", () => {
    fc.assert(
      fc.property(jsonish, (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(scanJson(text).errorAt === undefined).toBe(parses);
      }),
      { numRuns: 5000 },
    );
  }, 30_000);

  it("names repeated keys by path and line, escapes and __proto__ included", () => {
    expect(scanJson('{\n"a": 1,\n"b": [{"c": 1, "\\u0063": 2}],\n"a": 3\n}').duplicates).toEqual([
      { path: "b.0.c", line: 3, firstLine: 3 },
      { path: "a", line: 4, firstLine: 2 },
    ]);
    expect(scanJson('{"__proto__": 1, "__proto__": 2}').duplicates).toEqual([{ path: "__proto__", line: 1, firstLine: 1 }]);
  });

  it("survives nesting far deeper than a recursive parser's stack", () => {
    expect(scanJson(`${"[".repeat(200_000)}${"]".repeat(200_000)}`)).toEqual({ duplicates: [] });
  });
});

describe("readJsonFile", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "langson-json-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function read(name: string, content: string | Uint8Array): Promise<{ value: unknown; issues: Issue[] }> {
    await writeFile(join(dir, name), content);
    const issues: Issue[] = [];
    return { value: await readJsonFile(join(dir, name), name, issues), issues };
  }

  it("reports a syntax error at its line, with what stands there", async () => {
    const { value, issues } = await read("bad.json", '{\n  "a": 1,\n  "b": }\n');
    expect(value).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: "json-invalid", location: { file: "bad.json", row: 3 }, found: "}" })]);
  });

  it("keeps __proto__ an own property: nothing is polluted", async () => {
    const { value, issues } = await read("proto.json", '{"__proto__": {"polluted": true}}');
    expect(issues).toEqual([]);
    expect(Object.hasOwn(value as object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses a symbolic link, so an input cannot point at a file of the machine", async () => {
    await writeFile(join(dir, "secret.json"), '{"token": "s3cret"}');
    await symlink(join(dir, "secret.json"), join(dir, "link.json"));
    const issues: Issue[] = [];
    expect(await readJsonFile(join(dir, "link.json"), "link.json", issues)).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: "file-not-plain", found: "a symbolic link" })]);
  });

  it("reads UTF-8 with a byte order mark, the mark dropped", async () => {
    const { value, issues } = await read("bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"tỉnh": "Lạng Sơn"}')]));
    expect(issues).toEqual([]);
    expect(value).toEqual({ "tỉnh": "Lạng Sơn" });
  });

  it("says on which line the bytes stop being UTF-8", async () => {
    const { value, issues } = await read("latin1.json", Buffer.from('{\n  "a": "ok",\n  "b": "L\xe0ng"\n}\n', "latin1"));
    expect(value).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ code: "encoding-not-utf8", location: { file: "latin1.json", row: 3 } })]);
    expect(issues[0]!.message).toContain("The first byte that is not UTF-8 is on line 3.");
  });

  it("refuses UTF-16 and names it", async () => {
    const { issues } = await read("u16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', "utf16le")]));
    expect(issues).toEqual([expect.objectContaining({ code: "encoding-not-utf8", found: "UTF-16LE (byte order mark FF FE)", location: { file: "u16.json", row: 1 } })]);
  });
});

describe("guessLegacyVietnamese", () => {
  it.each([
    ["TCVN3 (ABC)", "Tæng kim ng¹ch xuÊt nhËp khÈu ­íc ®¹t 640 triÖu USD"],
    ["VNI-Windows", "Toång kim ngaïch xuaát nhaäp khaåu öôùc ñaït 640 trieäu USD"],
    ["Windows-1258", "Tô\u0309ng kim nga\u0323ch xuâ\u0301t nhâ\u0323p khâ\u0309u ươ\u0301c đa\u0323t 640 triê\u0323u USD"],
  ])("names %s", (name, text) => {
    const bytes =
      name === "Windows-1258"
        ? Buffer.from(
            [...text].map((c) => ({ "\u0309": 0xd2, "\u0323": 0xf2, "\u0301": 0xec, ô: 0xf4, â: 0xe2, ư: 0xfd, ơ: 0xf5, đ: 0xf0, ê: 0xea })[c] ?? c.charCodeAt(0)),
          )
        : Buffer.from(text, "latin1");
    expect(guessLegacyVietnamese(bytes)).toBe(name);
  });

  it("does not guess from bytes that read as no Vietnamese at all", () => {
    expect(guessLegacyVietnamese(Buffer.from([0x80, 0x81, 0x82]))).toMatch(/^an 8-bit legacy encoding/);
  });
});
