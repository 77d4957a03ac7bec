// @clinic/doctor is an optional peer dependency: only `threadbench doctor` uses it, and it brings
// a large tree of its own, so a user who only benchmarks does not install it.
import { createRequire } from 'node:module';
import { UsageError } from '../plan/errors.js';
import { ownManifest } from '../plan/manifest.js';

/**
 * Throws a one-line UsageError with the install command (the version this package declares as its
 * peer) when @clinic/doctor cannot be found.
 */
export function requireClinicDoctor(): void {
  try {
    createRequire(import.meta.url).resolve('@clinic/doctor');
  } catch {
    throw new UsageError(
      `Expected @clinic/doctor to be installed for threadbench doctor, found none: npm install --save-dev @clinic/doctor@${ownManifest().peerDependencies?.['@clinic/doctor'] ?? 'latest'}`,
    );
  }
}
