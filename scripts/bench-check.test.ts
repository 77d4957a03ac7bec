// `npm run bench:check` must not judge a stale results/check.csv when its bench run fails.
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { checkoutCopy } from '../harness/testing.js';

describe('npm run bench:check when its bench fails before writing', async () => {
  const repo = await checkoutCopy('threadbench-check-');
  // A stale check from an earlier run, equal to the baseline: comparing it would pass.
  for (const suffix of ['.csv', '.samples.csv']) copyFileSync(join(repo, `results/baseline${suffix}`), join(repo, `results/check${suffix}`));
  // A scenario that throws on import: the bench stops with bad input before any cell runs.
  writeFileSync(join(repo, 'scenarios', 'breaks-on-import.ts'), "if (process.env) throw new Error('this scenario breaks on import');\nexport default {};\n");
  const run = await execa('npm', ['run', 'bench:check'], { cwd: repo, reject: false, all: true });

  it('stops with the bench, exit 2, and compares nothing', () => {
    expect(run.exitCode, run.all).toBe(2);
    expect(run.all).toMatch(/breaks-on-import\.js to import without error, got Error: this scenario breaks on import/);
    expect(run.all).not.toMatch(/^compare: |unchanged|regression/m);
    expect(existsSync(join(repo, 'results', 'check.md'))).toBe(false);
  });
});
