// The regression check on real runs: a scenario against a copy of itself that does 30% more work
// under the same name, and the one-line refusals of bad input.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, runCompare, runThreadbench } from '../../../test/helpers.js';

/**
 * Three real runs of a kernel that busy-waits 10 ms a task (sync, libuv-async and pooled at one
 * thread, 8 rounds each): two of the same code, and one whose kernel spins 13 ms under the same
 * name. Recorded once (test/fixtures/runs/README.md says how) so that what is pinned here is what
 * compare concludes from real rounds, not whether this host was calm enough during the suite to
 * show a 30% slowdown: that is `npm run bench:selftest -- --part gate`, measured as evidence.
 */
const recorded = ['spin-base', 'spin-again', 'spin-slow'];

describe('npm run compare on real runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-compare-'));
  for (const name of recorded) {
    for (const suffix of ['.csv', '.samples.csv'])
      cpSync(join(projectRoot, 'test/fixtures/runs', `${name}${suffix}`), join(dir, `${name}${suffix}`));
  }
  const [base, again, slowOut] = recorded.map((name) => join(dir, `${name}.csv`)) as [string, string, string];

  it('finds no regression between two runs of the same code, and exits 0', async () => {
    const run = await runCompare([base, again]);
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stdout).toMatch(/^3 unchanged\. machine: /m);
    expect(run.stdout).toMatch(/Welch's t-test on per-round values of separate runs, on throughput/);
  });

  it('catches a kernel doing 30% more work under the same name, names the cells and exits 1', async () => {
    const markdown = join(dir, 'check.md');
    const run = await runCompare([base, slowOut, '--markdown', markdown]);
    expect(run.exitCode, run.all).toBe(1);
    for (const cell of ['spin-work/ms=10/sync/1', 'spin-work/ms=10/pooled/1', 'spin-work/ms=10/libuv-async/1']) {
      expect(run.stdout).toMatch(new RegExp(`${cell} .* regression`));
    }
    expect(readFileSync(markdown, 'utf8')).toMatch(/^## threadbench: \d+ regression/);
  });

  it('compares a base from before a column was added, saying in one line which columns differ', async () => {
    // The pull request that adds a CSV column is checked against a base branch without it.
    const older = copyWithout(base, 'older.csv', 'worker_busy_p50');
    const run = await runCompare([older, again]);
    expect(run.exitCode, run.all).toBe(0);
    expect(run.stderr).toMatch(
      /^compare: base and head differ in columns the check does not read: extra columns worker_busy_p50 in head$/m,
    );
    expect(run.stdout).toMatch(/^3 unchanged\. machine: /m);
  });

  it('writes JSON, Bencher Metric Format and github-action-benchmark files', async () => {
    const [json, bmf, gab] = ['cmp.json', 'bmf.json', 'gab.json'].map((name) => join(dir, name));
    await runCompare([base, again, '--json', json ?? '', '--bmf', bmf ?? '', '--github-benchmark', gab ?? '']);
    expect(JSON.parse(readFileSync(json ?? '', 'utf8'))).toMatchObject({ metric: 'throughput', unit: 'round' });
    expect(JSON.parse(readFileSync(bmf ?? '', 'utf8'))['spin-work/ms=10/sync/1']).toEqual({ throughput: { value: expect.any(Number) } });
    expect(JSON.parse(readFileSync(gab ?? '', 'utf8'))[0]).toMatchObject({
      name: expect.stringMatching(/^spin-work\//),
      unit: 'tasks/s',
      value: expect.any(Number),
    });
  });

  const badInput: [string, () => string[], RegExp][] = [
    ['a missing file', () => [base, join(dir, 'nope.csv')], /Expected the head result CSV ".*nope\.csv" to exist, found no such file/],
    [
      'no samples file beside it',
      () => [base, copyWithout(base, 'lonely.csv', undefined)],
      /Expected the samples file ".*lonely\.samples\.csv" beside/,
    ],
    [
      'a column the check reads missing',
      () => [base, copyWithout(base, 'narrow.csv', 'eld_p99_ms')],
      /Expected .*to be a threadbench result CSV, got one without eld_p99_ms/,
    ],
    ['no cell in common', () => [base, copyRenamed(base, 'other.csv')], /Expected base and head to have cells in common, got none/],
    [
      "another run's samples file beside it",
      () => [base, withSamplesOf(again, base, 'mixed.csv')],
      /Expected ".*mixed\.samples\.csv" to hold the batches of every measured cell of ".*mixed\.csv", got none for spin-work\/.*: is it another run's samples file\?/,
    ],
    [
      'a threshold out of range',
      () => [base, again, '--threshold', '0'],
      /Expected --threshold to be a percentage between 0 and 100, got "0"/,
    ],
    ['one file', () => [base], /Expected two result CSVs, <base\.csv> <head\.csv>, got 1/],
    [
      'an A/B flag without an A/B',
      () => [base, again, '--setup', 'npm ci'],
      /Expected --setup only with --base-ref or --baseline \(an A\/B\), got it comparing result files/,
    ],
  ];
  it.each(badInput)('rejects %s with one line and exit code 2', async (_name, args, message) => {
    const run = await runCompare(args());
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('exits 3, not 1 or 2, when the tool itself fails: an output it cannot write', async () => {
    const run = await runCompare([base, again, '--markdown', join(dir, 'no-such-dir', 'check.md')]);
    expect(run.exitCode, run.all).toBe(3);
    expect(run.stderr.split('\n')[0]).toMatch(/^threadbench compare: internal error: Error: ENOENT: .*check\.md/);
  });

  /** A copy of a result without one column (its samples file too), or without its samples file. */
  function copyWithout(source: string, name: string, column: string | undefined): string {
    const target = join(dir, name);
    const lines = readFileSync(source, 'utf8').split('\n');
    const drop = column === undefined ? -1 : (lines[0] ?? '').split(',').indexOf(column);
    writeFileSync(
      target,
      lines
        .map((line) =>
          line
            .split(',')
            .filter((_, i) => i !== drop)
            .join(','),
        )
        .join('\n'),
    );
    if (column !== undefined)
      writeFileSync(target.replace(/\.csv$/, '.samples.csv'), readFileSync(source.replace(/\.csv$/, '.samples.csv')));
    return target;
  }

  /** A copy of `cells` beside the samples file of `samplesOf`, another run: a baseline updated by half. */
  function withSamplesOf(cells: string, samplesOf: string, name: string): string {
    const target = join(dir, name);
    writeFileSync(target, readFileSync(cells));
    writeFileSync(target.replace(/\.csv$/, '.samples.csv'), readFileSync(samplesOf.replace(/\.csv$/, '.samples.csv')));
    return target;
  }

  function copyRenamed(source: string, name: string): string {
    const target = join(dir, name);
    writeFileSync(target, readFileSync(source, 'utf8').replaceAll('spin-work/', 'other-work/'));
    writeFileSync(
      target.replace(/\.csv$/, '.samples.csv'),
      readFileSync(source.replace(/\.csv$/, '.samples.csv'), 'utf8').replaceAll('spin-work/', 'other-work/'),
    );
    return target;
  }
});

describe('npm run compare -- --bench "…" as the README and the workflow write it', () => {
  it.each([['--quick --scenario pbkdf2'], ['--quick --shard 1/2']])(
    'reads --bench "%s" as the bench arguments, not as an ambiguous flag',
    async (bench) => {
      // A ref that does not exist stops the A/B before any checkout: the arguments parsed if that is the error.
      const run = await runCompare(['--base-ref', 'no-such-ref-for-this-test', '--bench', bench]);
      expect(run.exitCode, run.all).toBe(2);
      expect(run.stderr.trim()).toBe(
        'threadbench compare: Expected --base-ref to name a commit of this repository, got "no-such-ref-for-this-test"',
      );
    },
  );

  it('refuses an A/B outside a git repository, before anything runs', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'threadbench-no-git-'));
    const run = await runThreadbench('compare', ['--base-ref', 'main'], outside);
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr.trim()).toBe(
      `threadbench compare: Expected to run in a git repository (the A/B checks its refs out), got none at ${outside}`,
    );
  });

  it('still refuses a flag given where a path was expected', async () => {
    const run = await runCompare(['--markdown', '--json', 'x.json']);
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr).toMatch(/Option '--markdown' argument is ambiguous/);
  });
});
