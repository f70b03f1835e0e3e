import { type SafeHtml, html, trustedHtml } from "./html.js";

/**
 * The little Markdown the project writes itself (changelogs, diffs): headings, "- " lists, tables
 * and paragraphs, with `code` spans. Everything else is text, escaped like all text.
 */
export function renderMarkdown(markdown: string, headingOffset = 2): SafeHtml {
  const out: SafeHtml[] = [];
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  let list: string[] = [];
  let para: string[] = [];
  const inline = (text: string) => text.split(/(`[^`]+`)/).map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 2 ? html`<code>${part.slice(1, -1)}</code>` : part));
  const flush = () => {
    if (list.length) out.push(html`<ul>${list.map((item) => html`<li>${inline(item)}</li>`)}</ul>`);
    if (para.length) out.push(html`<p>${inline(para.join(" "))}</p>`);
    list = [];
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, heading[1]!.length + headingOffset);
      // The tag name is a number computed here, never data.
      out.push(html`${trustedHtml(`<h${level}>`)}${inline(heading[2]!)}${trustedHtml(`</h${level}>`)}`);
    } else if (/^\s*[-*]\s+/.test(line)) {
      if (para.length) flush();
      list.push(line.replace(/^\s*[-*]\s+/, ""));
    } else if (/^\|.*\|\s*$/.test(line)) {
      flush();
      const rows: string[][] = [];
      while (i < lines.length && /^\|.*\|\s*$/.test(lines[i]!)) {
        const cells = lines[i]!.trim().slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
        if (!cells.every((c) => /^:?-{3,}:?$/.test(c))) rows.push(cells);
        i++;
      }
      i--;
      const [head, ...body] = rows;
      out.push(html`<div class="table-wrap" tabindex="0" role="region" aria-label="table"><table><thead><tr>${(head ?? []).map((c) => html`<th scope="col">${inline(c)}</th>`)}</tr></thead><tbody>${body.map((r) => html`<tr>${r.map((c) => html`<td>${inline(c)}</td>`)}</tr>`)}</tbody></table></div>`);
    } else if (line.trim() === "") {
      flush();
    } else {
      if (list.length) flush();
      para.push(line.trim());
    }
  }
  flush();
  return html`${out}`;
}
