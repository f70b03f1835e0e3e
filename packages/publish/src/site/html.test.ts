import { describe, expect, it } from "vitest";
import { HOSTILE } from "../../test/fixture.js";
import { bi, escapeHtml, html, jsonForScript } from "./html.js";
import { renderMarkdown } from "./markdown.js";

describe("escaping", () => {
  it("escapes a hostile string so that it stays text, in content and in attributes", () => {
    const hostile = `${HOSTILE}' onmouseover='alert(1)' \`x\``;
    const out = escapeHtml(hostile);
    expect(out).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;y&#39;)&quot;&gt; &amp; “quotes”&#39; onmouseover=&#39;alert(1)&#39; &#96;x&#96;",
    );
    expect(out).not.toMatch(/[<>"'`]/);
  });

  it("escapes every interpolated value of the html template, in text and attributes, unless already safe", () => {
    const out = html`<a title="${HOSTILE}" href="?q=${"a&b"}">${HOSTILE}</a>${html`<b>${1}</b>`}${[HOSTILE, null, undefined, false]}`.value;
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain('title="&lt;script&gt;');
    expect(out).toContain('href="?q=a&amp;b"');
    expect(out).toContain("<b>1</b>");
    expect(out.match(/<a /g)).toHaveLength(1);
  });

  it("escapes both languages of a bilingual text", () => {
    expect(bi({ vi: "<i>", en: "</span>" }).value).toBe('<span class="vi" lang="vi">&lt;i&gt;</span><span class="en" lang="en">&lt;/span&gt;</span>');
  });

  it("writes JSON for a script element that no string can close, and that still parses to the same value", () => {
    const value = { name: `</script><script>alert(1)</script> & \u2028` };
    const out = jsonForScript(value).value;
    expect(out).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(out)).toEqual(value);
  });

  it("renders the project's Markdown with its text escaped", () => {
    const out = renderMarkdown(`## 1.1.0 — as of 2023-07\n\n- added \`X\` ${HOSTILE}\n\n| a | b |\n|---|---|\n| <b> | c\\|d |\n\nPara <i>`, 1).value;
    expect(out).toContain("<h3>1.1.0 — as of 2023-07</h3>");
    expect(out).toContain("<li>added <code>X</code> &lt;script&gt;");
    expect(out).toContain("<td>&lt;b&gt;</td><td>c|d</td>");
    expect(out).toContain("<p>Para &lt;i&gt;</p>");
    expect(out).not.toContain("<script");
  });
});
