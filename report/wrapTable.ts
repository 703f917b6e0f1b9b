/**
 * Plain-text tables that fit a width: the last column is wrapped at spaces and its
 * continuation lines are indented under it. A cell may hold several paragraphs ("\n"), each
 * starting a new line. For `mirrorcheck list`, whose descriptions are long.
 */

/** `text` split into lines of at most `width` characters at spaces (a longer word stands alone). */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/ +/)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length === 0 ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

export function renderWrappedTable(header: readonly string[], rows: readonly (readonly string[])[], width: number): string {
  const last = header.length - 1;
  const widths = header.map((h, i) => (i === last ? 0 : Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length))));
  const indent = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const room = Math.max(20, width - indent);
  const lead = (cells: readonly string[]): string => cells.slice(0, last).map((c, i) => c.padEnd(widths[i]) + "  ").join("");
  const out: string[] = [];
  const wrapped = rows.map((r) => (r[last] ?? "").split("\n").flatMap((p) => wrapWords(p, room)));
  const lastWidth = Math.max(header[last].length, ...wrapped.flat().map((l) => l.length));
  out.push((lead(header) + header[last]).trimEnd());
  out.push((lead(widths.map((w) => "-".repeat(w))) + "-".repeat(lastWidth)).trimEnd());
  rows.forEach((r, k) => {
    wrapped[k].forEach((line, n) => out.push(((n === 0 ? lead(r) : " ".repeat(indent)) + line).trimEnd()));
  });
  return out.join("\n");
}
