// `threadbench merge a.csv b.csv … --out all.csv`: joins shard pieces (and their samples files).
import { writeFileSync } from 'node:fs';
import { UsageError } from '../../plan/errors.js';
import { formatCsv } from '../../results/csv.js';
import { samplesPathFor } from '../../results/csv-file.js';
import { mergeResultFiles } from '../../results/merge.js';
import type { Command } from '../command.js';
import { formatOptions, type OptionTable } from '../option-table.js';
import { parseOptions } from '../parse-options.js';
import { exitCodes } from '../run-cli.js';

/** Every flag of `threadbench merge`. */
const mergeOptions = {
  out: { type: 'string', value: 'FILE', help: 'the merged CSV (required); its samples file goes beside it' },
} as const satisfies OptionTable;

const usage = `Usage: threadbench merge <piece.csv> <piece.csv> … --out FILE
       npm run merge -- …   (in this repository)

Joins the CSVs of a sharded run (bench --shard i/n), and the samples files beside them, into one.
Every piece must have the same columns, and no cell may be in two pieces.

${formatOptions(mergeOptions)}

Exit codes: 0 merged, 2 bad input (a missing piece, another schema, a cell in two pieces),
3 the tool failed (an unwritable --out).`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, mergeOptions, true);
  if (values.out === undefined) throw new UsageError('Expected --out FILE for the merged CSV, got none');
  const merged = mergeResultFiles(positionals);
  writeFileSync(values.out, formatCsv(merged.cells.rows, merged.cells.columns, true));
  writeFileSync(samplesPathFor(values.out), formatCsv(merged.samples.rows, merged.samples.columns, true));
  process.stderr.write(`merge: ${merged.cells.rows.length} cells from ${positionals.length} pieces: ${values.out}\n`);
  return exitCodes.ok;
}

export const mergeCommand: Command = {
  name: 'merge',
  usage,
  options: mergeOptions,
  run: main,
};
