// How an error thrown inside a cell's process becomes a row's status and one-line error.
import type { FailureStatus } from './measurement.js';
import { WorkerExitError } from './runner.js';

/** Outputs that differ where they must not: between batches of a cell, or between runs of a job. */
export class MismatchError extends Error {
  override readonly name = 'MismatchError';
}

/**
 * An error with where it happened in front of its message, the original as its `cause`. Nested,
 * the places join: "pooled, measured batch 2, task 5: RangeError: …".
 */
export class FailureAt extends Error {
  override readonly name = 'FailureAt';

  constructor(where: string, cause: unknown) {
    super(cause instanceof FailureAt ? `${where}, ${cause.message}` : `${where}: ${describeError(cause)}`, { cause });
  }
}

export function statusOf(error: unknown): FailureStatus {
  const original = unwrap(error);
  if (original instanceof WorkerExitError) return 'crashed';
  if (original instanceof MismatchError) return 'mismatch';
  return 'failed';
}

export function oneLine(error: unknown): string {
  const text = error instanceof FailureAt ? error.message : describeError(error);
  return text.replace(/\s+/g, ' ').trim();
}

/** The error a FailureAt chain wraps. */
function unwrap(error: unknown): unknown {
  return error instanceof FailureAt ? unwrap(error.cause) : error;
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  // A library that rejects with a plain object must not read as "[object Object]".
  if (typeof error === 'object' && error !== null) {
    const { message } = error as { readonly message?: unknown };
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}
