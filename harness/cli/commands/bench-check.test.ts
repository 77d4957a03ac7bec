// `npm run bench:check`: an interleaved A/B against the commit results/baseline.csv was measured
// at, never a comparison with the baseline's own numbers, and it stops when a side's bench fails.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { checkoutCopy } from '../../../test/helpers.js';

describe('npm run bench:check', async () => {
  const repo = await checkoutCopy('threadbench-check-');
  const head = (await execa('git', ['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim();
  // The copy's only commit is the baseline's: point the committed baseline at it.
  const baseline = join(repo, 'results', 'baseline.csv');
  writeFileSync(
    baseline,
    readFileSync(baseline, 'utf8').replace(/,[0-9a-f]{12}(-dirty)?,v\d/g, (match) =>
      match.replace(/[0-9a-f]{12}(-dirty)?/, head.slice(0, 12)),
    ),
  );
  // This checkout gains a scenario that throws on import: its bench stops with bad input.
  writeFileSync(
    join(repo, 'scenarios', 'breaks-on-import.ts'),
    "if (process.env) throw new Error('this scenario breaks on import');\nexport default {};\n",
  );
  const run = await execa('npm', ['run', 'bench:check'], { cwd: repo, reject: false, all: true });

  it('checks out the commit the baseline was measured at, and compares this checkout with it there and then', () => {
    expect(run.all).toMatch(new RegExp(`compare: base: checking out ${head.slice(0, 12)} \\(${head.slice(0, 12)}\\)`));
  });

  it('stops with bad input when this checkout\u2019s bench cannot start, and compares nothing', () => {
    expect(run.exitCode, run.all).toBe(2);
    expect(run.all).toMatch(
      /Expected the head checkout's bench to accept .* --serve, got: threadbench bench: Expected .*breaks-on-import\.js to import without error/,
    );
    expect(run.all).not.toMatch(/unchanged|regression|could see/);
  });
});
