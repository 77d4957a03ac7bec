// User text in Markdown: a param value, a scenario or pool name, an error message, a CPU model.
// Outputs meant for pull-request comments and job summaries must show it as written and never let
// it end a table cell (`|`), a row (a newline), open a code span or emphasis, or become HTML.
// Hand-written, not a library: the few npm escapers handle either Markdown or HTML, not the
// table-cell rules of GitHub's Markdown, and this is the whole of it.

// `_` only where it could open or close emphasis: within a word (`payload_kib`) GitHub shows it as is.
const markdownSpecial = /[\\`*[\]~|]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;
const htmlSpecial: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text for a Markdown paragraph or table cell: shown literally, on one line. */
export function markdownText(text: string): string {
  return oneLine(text)
    .replace(/[&<>]/g, (char) => htmlSpecial[char] ?? char)
    .replace(markdownSpecial, (char) => `\\${char}`);
}

/**
 * Text as a code span (a cell id): a fence longer than any run of backticks in it, and in a table
 * `|` escaped, which GitHub's tables honour even inside code spans. HTML is literal in a code span.
 */
export function markdownCode(text: string): string {
  const line = oneLine(text).replaceAll('|', '\\|');
  const longestTicks = Math.max(0, ...[...line.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longestTicks + 1);
  // A span that starts or ends with a backtick needs a space inside its fence (CommonMark strips one).
  const padded = line.startsWith('`') || line.endsWith('`') ? ` ${line} ` : line;
  return `${fence}${padded}${fence}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}
