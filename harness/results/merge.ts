// Joins result pieces (shards) into one result set: one schema, each cell and round once.
import { existsSync } from 'node:fs';
import { UsageError } from '../plan/errors.js';
import { samplesPathFor } from './csv-file.js';
import { type CsvTable, describeSchemaDifference, readCsvTable } from './csv-read.js';

export interface MergedResults {
  readonly cells: CsvTable;
  readonly samples: CsvTable;
}

export function mergeResultFiles(paths: readonly string[]): MergedResults {
  if (paths.length < 2) throw new UsageError(`Expected two or more result CSVs to merge, got ${paths.length}`);
  const pieces = paths.map((path) => {
    if (!existsSync(path)) throw new UsageError(`Expected the result CSV "${path}" to exist, found no such file`);
    const samplesPath = samplesPathFor(path);
    if (!existsSync(samplesPath)) throw new UsageError(`Expected the samples file "${samplesPath}" beside "${path}", found none`);
    return { path, cells: readCsvTable(path), samples: readCsvTable(samplesPath) };
  });
  const [first] = pieces;
  if (!first) throw new UsageError('Expected result CSVs to merge, got none');
  const owner = new Map<string, string>();
  for (const piece of pieces) {
    for (const table of ['cells', 'samples'] as const) {
      if (piece[table].columns.join() !== first[table].columns.join()) {
        throw new UsageError(
          `Expected every piece to share one schema, got ${describeSchemaDifference(first[table].columns, piece[table].columns)} in ${piece.path}`,
        );
      }
    }
    for (const row of piece.cells.rows) {
      const key = `${row.cell} round ${row.round}`;
      const earlier = owner.get(key);
      if (earlier) throw new UsageError(`Expected each cell in one piece only, got ${key} in both ${earlier} and ${piece.path}`);
      owner.set(key, piece.path);
    }
  }
  return {
    cells: { columns: first.cells.columns, rows: pieces.flatMap((p) => p.cells.rows) },
    samples: { columns: first.samples.columns, rows: pieces.flatMap((p) => p.samples.rows) },
  };
}
