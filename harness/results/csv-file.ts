// Appends CSV rows to a file the moment they exist: Ctrl-C or a crash later in the sweep
// loses nothing already measured.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../plan/errors.js';
import { formatCsv } from './csv.js';

export class CsvFile {
  private constructor(
    readonly path: string,
    private readonly columns: readonly string[],
  ) {}

  /** Creates (or truncates) the file with its header; an unwritable path is a usage error. */
  static create(path: string, columns: readonly string[], flag: string): CsvFile {
    try {
      createDirectories(dirname(path));
      writeFileSync(path, formatCsv([], columns, true));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`Expected ${flag} to be a writable file path, got "${path}" (${reason})`);
    }
    return new CsvFile(path, columns);
  }

  append(rows: readonly Record<string, string | number>[]): void {
    if (rows.length > 0) appendFileSync(this.path, formatCsv(rows, this.columns, false));
  }

  copyTo(path: string): void {
    copyFileSync(this.path, path);
  }
}

/** The samples file beside a cells file: `run.csv` → `run.samples.csv`. */
export function samplesPathFor(cellsPath: string): string {
  return cellsPath.replace(/(\.csv)?$/i, '.samples.csv');
}

/** The summary file beside a cells file: `run.csv` → `run.summary.csv`, one row per cell. */
export function summaryPathFor(cellsPath: string): string {
  return cellsPath.replace(/(\.csv)?$/i, '.summary.csv');
}

/**
 * mkdir -p one level at a time: Node 20's recursive mkdir retries forever where a parent exists
 * but refuses children (/proc), which would hang the CLI instead of saying the path is unwritable.
 */
function createDirectories(dir: string): void {
  if (existsSync(dir)) return;
  const parent = dirname(dir);
  if (parent !== dir) createDirectories(parent);
  mkdirSync(dir);
}
