// package.json, where threadbench needs a field of one: its own (version, the Doctor peer) or a
// checked-out ref's (its binary). Parsed with a schema, never cast.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const manifestSchema = z.object({
  version: z.string().optional(),
  bin: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
  peerDependencies: z.record(z.string(), z.string()).optional(),
});
export type PackageManifest = z.infer<typeof manifestSchema>;

export function readManifest(path: string): PackageManifest {
  return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** threadbench's own package.json: the nearest above this file, whether it runs from dist or not. */
export function ownManifest(): PackageManifest {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) return readManifest(path);
    if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  }
}
