// Where results go when no --out says otherwise, and how their files are stamped.
import { join, resolve } from 'node:path';

/**
 * `results/` under the working directory: the project being benchmarked (this repository under
 * `npm run bench`, the user's project under an installed `threadbench`), never the package's own.
 */
export function resultsDir(...parts: string[]): string {
  return join(resolve('results'), ...parts);
}

/** `20261130T043149Z`: sortable, and safe in a file name on every OS. */
export function fileStamp(at: Date): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}
