// The folders are the architecture: imports flow one way, api ← plan ← measure ← run ← results ←
// compare / report / doctor ← cli, and the code that runs inside a worker imports nothing from
// the main side. A file that breaks the order fails here, naming the import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const harnessDir = dirname(fileURLToPath(import.meta.url));
/** Rank of each stage: a file may import from its own stage or from a lower rank, never higher. */
const rank: Record<string, number> = { api: 0, plan: 1, measure: 2, run: 3, results: 4, compare: 5, report: 5, doctor: 5, cli: 6 };
const workerDir = 'run/worker/';

function productFiles(dir = harnessDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [relative(harnessDir, path)] : [];
  });
}

/** Relative imports of a file, as paths under harness/ (or outside it, starting with ../). */
function importsOf(file: string): string[] {
  const source = readFileSync(join(harnessDir, file), 'utf8');
  const specs = [...source.matchAll(/(?:from\s+|import\s*\(?\s*|new URL\(\s*)'(\.{1,2}\/[^']*)'/g)].map((match) => match[1] ?? '');
  return specs.map((spec) => normalize(join(dirname(file), spec)));
}

const stageOf = (path: string) => path.split('/')[0] ?? '';
const files = productFiles();

describe('the harness folders', () => {
  it('hold every product file in a stage folder', () => {
    expect(files.filter((file) => rank[stageOf(file)] === undefined)).toEqual([]);
  });

  it.each(files)('%s imports only from its own stage or one below it', (file) => {
    const upward = importsOf(file).filter(
      (target) => !target.startsWith('..') && (rank[stageOf(target)] ?? 0) > (rank[stageOf(file)] ?? 0),
    );
    expect(upward).toEqual([]);
  });

  it.each(files.filter((file) => file.startsWith(workerDir)))('%s, run inside workers, imports only worker-side code', (file) => {
    expect(importsOf(file).filter((target) => !target.startsWith(workerDir))).toEqual([]);
  });
});
