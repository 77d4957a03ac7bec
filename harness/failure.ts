// How an error thrown inside a cell's process becomes a row's status and one-line error.
import type { FailureStatus } from './cell.js';
import { MismatchError } from './measure.js';
import { WorkerExitError } from './runners/runner.js';

export function statusOf(error: unknown): FailureStatus {
  if (error instanceof WorkerExitError) return 'crashed';
  if (error instanceof MismatchError) return 'mismatch';
  return 'failed';
}

export function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
