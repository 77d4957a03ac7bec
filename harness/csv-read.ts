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
