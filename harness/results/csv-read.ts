// Reads a CSV the harness wrote, with a real CSV parser: its header and its rows as records.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export type CsvRecord = Record<string, string>;

export interface CsvTable {
  readonly columns: readonly string[];
  readonly rows: readonly CsvRecord[];
}

export function readCsvTable(path: string): CsvTable {
  let columns: string[] = [];
  const rows = parse(readFileSync(path, 'utf8'), {
    columns: (header: string[]) => (columns = header),
    skip_empty_lines: true,
  }) as CsvRecord[];
  return { columns, rows };
}

/** How `received` columns differ from `expected`, in words, for a one-line schema error. */
export function describeSchemaDifference(expected: readonly string[], received: readonly string[]): string {
  const extra = received.filter((c) => !expected.includes(c));
  const lacking = expected.filter((c) => !received.includes(c));
  return (
    [extra.length ? `extra columns ${extra.join(', ')}` : '', lacking.length ? `no ${lacking.join(', ')}` : '']
      .filter(Boolean)
      .join(' and ') || 'columns in another order'
  );
}
