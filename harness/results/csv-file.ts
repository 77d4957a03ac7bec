// Appends CSV rows to a file the moment they exist: a stop signal or a crash later in the sweep
// loses nothing already measured, and a write that fails (a full disk) leaves no half line behind.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { OutputError, UsageError } from '../plan/errors.js';
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
      throw new UsageError(`Expected ${flag} to be a writable file path, got "${path}" (${reasonOf(error)})`);
    }
    return new CsvFile(path, columns);
  }

  /** An existing file to append to (a resumed run's): its header must be the columns this run writes. */
  static open(path: string, columns: readonly string[]): CsvFile {
    const header = readFileSync(path, 'utf8').split('\n', 1)[0] ?? '';
    if (header !== formatCsv([], columns, true).trimEnd()) {
      throw new UsageError(`Expected ${path} to have the columns this run writes, got others: it was written by another version`);
    }
    return new CsvFile(path, columns);
  }

  /** The file written whole once the run has ended (a summary): failing then is the tool failing, not bad input. */
  static write(path: string, columns: readonly string[], rows: readonly Record<string, string | number>[]): CsvFile {
    try {
      writeFileSync(path, formatCsv(rows, columns, true));
    } catch (error) {
      throw new OutputError(`could not write ${path}: ${reasonOf(error)}`);
    }
    return new CsvFile(path, columns);
  }

  append(rows: readonly Record<string, string | number>[]): void {
    appendTogether([[this, rows]]);
  }

  copyTo(path: string): void {
    try {
      copyFileSync(this.path, path);
    } catch (error) {
      throw new OutputError(`could not copy ${this.path} to ${path}: ${reasonOf(error)}`);
    }
  }

  /** The rows as text, or nothing: for appendTogether. */
  format(rows: readonly Record<string, string | number>[]): string {
    return rows.length > 0 ? formatCsv(rows, this.columns, false) : '';
  }
}

/**
 * Appends to several files as one write: if any append fails, every file is cut back to where it
 * was, so that a record is in all of them or in none (a resume trusts the cells file to say which
 * rounds were measured, and the samples beside it must not hold a round twice).
 */
export function appendTogether(writes: readonly (readonly [CsvFile, readonly Record<string, string | number>[]])[]): void {
  const pending = writes.map(([file, rows]) => ({ file, text: file.format(rows), size: sizeOf(file.path) }));
  for (const { file, text } of pending) {
    if (text === '') continue;
    try {
      appendFileSync(file.path, text);
    } catch (error) {
      for (const written of pending) cutBack(written.file.path, written.size);
      throw new OutputError(`could not write ${file.path}: ${reasonOf(error)}; every row written before it is kept`);
    }
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

function sizeOf(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined;
  }
}

/** A partial append undone; a file that is gone or not a file is left as it is. */
function cutBack(path: string, size: number | undefined): void {
  if (size === undefined) return;
  try {
    if (statSync(path).isFile() && statSync(path).size > size) truncateSync(path, size);
  } catch {
    // Nothing to cut back.
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
