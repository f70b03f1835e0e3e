import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText, looksLikeHtml } from "./index.js";

describe("htmlToText", () => {
  it("drops scripts, styles and comments, and keeps the paragraphs", () => {
    const html = `<html><head><title>Quý I/2023</title><style>p{x:1}</style><script>var a = "640 triệu USD";</script></head>
      <body><!-- 2.000 triệu USD --><h1>Kinh tế quý I</h1><p>Xuất khẩu
      <strong>300&nbsp;triệu USD</strong>.</p><p>Nhập khẩu 340 triệu USD.</p></body></html>`;
    expect(htmlToText(html)).toBe("Quý I/2023\n\nKinh tế quý I\n\nXuất khẩu 300\u00A0triệu USD.\n\nNhập khẩu 340 triệu USD.");
  });

  it("keeps <br> as a line break inside its paragraph and separates table cells", () => {
    expect(htmlToText("<p>Dòng một<br>dòng hai</p><table><tr><td>Xuất khẩu</td><td>300</td></tr></table>")).toBe("Dòng một\ndòng hai\n\nXuất khẩu | 300");
  });

  it("decodes named, decimal and hex references, Vietnamese letters included", () => {
    expect(decodeEntities("L&#7841;ng S&#x1A1;n &ndash; ng&agrave;y 27/3 &amp; 93,4&percnt; &bogus;")).toBe("Lạng Sơn – ngày 27/3 & 93,4% &bogus;");
    expect(decodeEntities("&#0;&#xD800;&#x110000;")).toBe("\uFFFD\uFFFD\uFFFD");
  });

  it("tells HTML from plain text", () => {
    expect(looksLikeHtml("<!DOCTYPE html><html>")).toBe(true);
    expect(looksLikeHtml("  <p>Quý I</p>")).toBe(true);
    expect(looksLikeHtml("Quý I/2023: xuất khẩu tăng <5%")).toBe(false);
  });
});
