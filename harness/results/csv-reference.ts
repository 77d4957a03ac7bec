// The CSV reference (docs/reference/csv.md): every column of every file a run writes, in the
// writers' own order (the same lists they write headers from), each with what it means (column-docs.ts,
// Markdown already: only a `|` is escaped, to keep its table cell).
import { cellColumnDocs, sampleColumnDocs, serverColumnDocs, summaryColumnDocs } from './column-docs.js';
import { cellColumns, sampleColumns } from './csv.js';
import { markdownCode } from './markdown-text.js';
import { serverCellColumns } from './server-csv.js';
import { summaryColumns } from './summary-csv.js';

/** A parameter column as the reference names it: one per parameter of the run's scenarios. */
const paramPlaceholder = '<name>';

export interface CsvFileColumns {
  readonly file: string;
  readonly about: string;
  readonly columns: readonly string[];
  readonly docs: Readonly<Record<string, string>>;
}

/** The files of a run, each with its columns as its writer lists them. */
export function csvFiles(): CsvFileColumns[] {
  const params = [paramPlaceholder];
  return [
    {
      file: 'results/<run-id>.csv',
      about: 'One row per cell per round, appended the moment the cell finishes.',
      columns: cellColumns(params),
      docs: cellColumnDocs,
    },
    {
      file: 'results/<run-id>.summary.csv',
      about:
        'One row per cell, its rounds folded (docs/methodology.md): what the answer, the table and the report show. Written at the end of a run, or when a signal stops it.',
      columns: summaryColumns(params),
      docs: { ...cellColumnDocs, ...summaryColumnDocs },
    },
    {
      file: 'results/<run-id>.samples.csv',
      about: 'One row per timed batch, keyed to its cell and round: what `compare` tests.',
      columns: sampleColumns(params),
      docs: { ...cellColumnDocs, ...sampleColumnDocs },
    },
    {
      file: 'results/<run-id>.server.csv',
      about: 'Server mode (`bench --server`): one row per cell, offered load and round.',
      columns: serverCellColumns(params),
      docs: { ...cellColumnDocs, ...serverColumnDocs },
    },
  ];
}

export function csvReference(): string {
  return [
    '# CSV reference',
    '',
    "Written from the writers' column lists and their descriptions (`harness/results/column-docs.ts`, `npm run docs:reference`); the suite fails when a written column is not described here or a described one is not written.",
    '',
    'Times are milliseconds, rates tasks (or requests) per second. Figure columns are empty, never zero, where the status is not `ok` or the variant has no such figure.',
    '',
    ...csvFiles().flatMap(({ file, about, columns, docs }) => [
      `## ${file}`,
      '',
      about,
      '',
      '| column | meaning |',
      '| --- | --- |',
      ...columns.map((column) => `| ${markdownCode(column)} | ${(docs[column] ?? '').replaceAll('|', '\\|')} |`),
      '',
    ]),
  ].join('\n');
}
