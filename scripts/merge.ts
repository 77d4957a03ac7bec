// `npm run merge -- a.csv b.csv … --out all.csv`: joins shard pieces (and their samples files).
// Exit codes: 0 merged, 2 bad input (a missing piece, another schema, a cell in two pieces),
// 3 the tool failed (an unwritable --out).
import { writeFileSync } from 'node:fs';
import { parseOptions } from '../harness/cli/parse-options.js';
import { exitCodes, runCli } from '../harness/cli/run-cli.js';
import { samplesPathFor } from '../harness/csv-file.js';
import { formatCsv } from '../harness/exporters/csv.js';
import { mergeResultFiles } from '../harness/merge.js';
import { UsageError } from '../harness/usage-error.js';

runCli('merge', async () => {
  const { values, positionals } = parseOptions(process.argv.slice(2), { out: { type: 'string' } }, true);
  if (values.out === undefined) throw new UsageError('Expected --out FILE for the merged CSV, got none');
  const merged = mergeResultFiles(positionals);
  writeFileSync(values.out, formatCsv(merged.cells.rows, merged.cells.columns, true));
  writeFileSync(samplesPathFor(values.out), formatCsv(merged.samples.rows, merged.samples.columns, true));
  process.stderr.write(`merge: ${merged.cells.rows.length} cells from ${positionals.length} pieces: ${values.out}\n`);
  return exitCodes.ok;
});
