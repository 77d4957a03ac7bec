// One digest per batch over every task's output, in task order: variants that compute the same
// results agree, and a variant that skips or changes work cannot.
import { createHash } from 'node:crypto';

/** A batch's outputs that cannot be digested (a kernel returned nothing). */
export class EmptyOutputError extends Error {
  override readonly name = 'EmptyOutputError';
}

export function digestOutputs(outputs: readonly unknown[]): string {
  const hash = createHash('sha256');
  outputs.forEach((output, index) => {
    if (output === undefined || output === null) {
      throw new EmptyOutputError(`task ${index} returned ${output}: a kernel must return its result so that variants can be checked`);
    }
    // Buffers come back from workers as plain Uint8Arrays: digest the bytes, not the class.
    const bytes = output instanceof Uint8Array ? output : Buffer.from(typeof output === 'string' ? output : JSON.stringify(output));
    hash.update(`${index}:${output instanceof Uint8Array ? 'bytes' : typeof output}:${bytes.length}:`);
    hash.update(bytes);
  });
  return hash.digest('hex');
}
