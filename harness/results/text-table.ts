// Plain-text tables for a terminal or a CI log: a few lines of padding rather than a table library.

/**
 * The lines of a table: the first `keyColumns` and the last column left-aligned, figures right-
 * aligned. A row shorter than the headers (a failed cell: its key, then its error) is free text
 * after its key, and sets the widths of the key columns only.
 */
export function formatTextTable(headers: readonly string[], rows: readonly (readonly string[])[], keyColumns: number): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.filter((r) => column < keyColumns || r.length === headers.length).map((r) => r[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((text, column) =>
        column < keyColumns || column === headers.length - 1
          ? text.padEnd(widths[column] ?? 0)
          : cells.length === headers.length
            ? text.padStart(widths[column] ?? 0)
            : text,
      )
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}
