// The version of each pool library this process loads, for the row that measured it.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from '../../api/pool.js';

const versions = new Map<Pool, string>();

/** `5.3.2` for piscina here; empty for the hand-rolled pool, which is no library. */
export function poolVersion(pool: Pool): string {
  if (pool === 'hand-rolled') return '';
  let version = versions.get(pool);
  if (version === undefined) {
    version = packageVersion(pool);
    versions.set(pool, version);
  }
  return version;
}

/** Reads the package.json above the module a package name resolves to (some export no package.json). */
function packageVersion(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    } catch {
      // No package.json at this level: keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`found no package.json for ${name} above its entry point`);
    dir = parent;
  }
}
