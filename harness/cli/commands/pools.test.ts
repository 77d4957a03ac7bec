// Pools side by side through the CLI: one run of every pool, what its rows hold (pool, version,
// cold start, digests), the report's pool section, `compare --base-pool/--head-pool` on it, and
// the one-line refusals of bad input.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, projectRoot, readCsv, runBench, runCompare, runReport } from '../../../test/helpers.js';

const pools = ['piscina', 'tinypool', 'workerpool', 'poolifier', 'hand-rolled'];
const installed = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };

describe('bench --pool with every pool', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-pools-'));
  const out = join(dir, 'pools.csv');
  // A 2 ms spin: long enough that every pool's rounds are comparable, short enough to be quick.
  const run = await runBench([
    '--scenarios',
    join(fixturesDir, 'spin.js'),
    '--param',
    'task_ms=2',
    '--variant',
    'sync,pooled',
    '--pool',
    pools.join(','),
    '--threads',
    '1,2',
    '--rounds',
    '2',
    '--extra-rounds',
    '0',
    '--warmup',
    '0',
    '--time',
    '40',
    '--out',
    out,
  ]);
  const rows = readCsv(out);
  const pooled = rows.filter((row) => row.variant === 'pooled');

  it('measures every pool at every thread count, in every round, with the kernel digest', () => {
    expect(run.exitCode, run.all).toBe(0);
    expect(pooled).toHaveLength(pools.length * 2 * 2);
    expect(pooled.every((row) => row.status === 'ok')).toBe(true);
    const sync = rows.find((row) => row.variant === 'sync');
    expect(new Set(pooled.map((row) => row.digest))).toEqual(new Set([sync?.digest]));
    expect(new Set(pooled.map((row) => row.pool))).toEqual(new Set(pools));
  });

  it('names each cell by its pool, piscina keeping the plain pooled name, and records each library version', () => {
    const ids = new Set(pooled.map((row) => row.cell));
    expect(ids).toContain('spin/task_ms=2/pooled/2');
    expect(ids).toContain('spin/task_ms=2/pooled:hand-rolled/2');
    for (const row of pooled) {
      const pool = row.pool ?? '';
      expect(row.pool_version, pool).toBe(pool === 'hand-rolled' ? '' : installed.dependencies[pool]);
    }
  });

  it('times each pool cold start before warm-up: the first result no later than the last of the burst', () => {
    for (const row of pooled) {
      const [first, burst] = [Number(row.cold_first_ms), Number(row.cold_burst_ms)];
      // A worker thread's start and a 2 ms cold kernel: more than the kernel, never instant.
      expect(first, row.cell).toBeGreaterThan(2);
      expect(burst, row.cell).toBeGreaterThanOrEqual(first);
    }
    expect(rows.filter((row) => row.variant === 'sync').every((row) => row.cold_first_ms === '')).toBe(true);
  });

  it('reports the pools side by side, each against piscina', async () => {
    const report = await runReport([out, '--out', join(dir, 'report.html')]);
    expect(report.exitCode, report.all).toBe(0);
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(markdown).toContain('## Pools side by side');
    for (const pool of pools) expect(markdown).toMatch(new RegExp(`^\\| ${pool} \\| 2 \\|`, 'm'));
    expect(markdown).toMatch(/^\| piscina \| 1 \| .* \| reference \|/m);
  });

  it('compares two pools of the run cell by cell, paired by round', async () => {
    const compared = await runCompare([out, '--base-pool', 'piscina', '--head-pool', 'hand-rolled']);
    expect([0, 1], compared.all).toContain(compared.exitCode);
    expect(compared.stdout).toMatch(/^spin\/task_ms=2\/pooled\/1 /m);
    expect(compared.stdout).toMatch(/^spin\/task_ms=2\/pooled\/2 /m);
    expect(compared.stdout).not.toMatch(/\/sync\/1 /);
    expect(compared.stdout).toContain('paired');
  });

  it('refuses a pool the run did not measure, naming those it did', async () => {
    const other = await runCompare([
      join(projectRoot, 'test/fixtures/runs/quick-run.csv'),
      '--base-pool',
      'piscina',
      '--head-pool',
      'tinypool',
    ]);
    expect(other.exitCode).toBe(2);
    expect(other.stderr.trim().split('\n')).toHaveLength(1);
    expect(other.stderr).toMatch(/to hold pooled cells of tinypool, got pooled$/m);
  });
});

describe('a pool whose kernel throws, or whose worker dies under a task', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-pool-failures-'));
  const runFixture = async (fixture: string) => {
    const out = join(dir, `${fixture}.csv`);
    // A pool that never answers for a lost task is cut off by the cell timeout.
    const run = await runBench([
      '--scenarios',
      join(fixturesDir, `${fixture}.js`),
      '--variant',
      'pooled',
      '--pool',
      pools.join(','),
      '--threads',
      '2',
      '--quick',
      // Well above the 2 s a pool gets to shut down, so that workerpool's hung terminate() is not a
      // timeout, even with another test file's cells on the same cores.
      '--timeout',
      '20000',
      '--out',
      out,
    ]);
    return { run, byPool: new Map(readCsv(out).map((row) => [row.pool, row])) };
  };
  const [throws, exits] = await Promise.all([runFixture('throws'), runFixture('worker-exits')]);

  it("makes every pool's row failed, with the kernel's own error", () => {
    expect(throws.run.exitCode, throws.run.all).toBe(1);
    for (const pool of pools) {
      expect(throws.byPool.get(pool)?.status, pool).toBe('failed');
      expect(throws.byPool.get(pool)?.error, pool).toContain('kernel refused the job');
    }
  });

  it('makes each row say what became of the task whose worker died, as each library behaves', () => {
    expect(exits.run.exitCode, exits.run.all).toBe(1);
    // piscina, workerpool and the hand-rolled pool fail the task at once.
    for (const pool of ['piscina', 'workerpool', 'hand-rolled']) expect(exits.byPool.get(pool)?.status, pool).toBe('crashed');
    // tinypool 2 drops the task and lets the process end with the await unsettled (Node's exit code 13).
    expect(exits.byPool.get('tinypool')).toMatchObject({ status: 'crashed', error: expect.stringContaining('code 13') });
    // poolifier 5 replaces the worker and never settles the task: only the cell timeout ends it.
    expect(exits.byPool.get('poolifier')?.status).toBe('timeout');
  });
});

describe('bad pool input', () => {
  it.each([
    [['--pool', 'nope'], /Expected --pool to be one of piscina, tinypool, workerpool, poolifier, hand-rolled, got "nope"/],
    [['--variant', 'sync', '--pool', 'tinypool'], /Expected --variant to include pooled when --pool is given, got "sync"/],
  ])('bench %j is one line and exit 2', async (args, message) => {
    const result = await runBench([...args, '--quick']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('compare of two pools with an A/B as well is refused before anything runs', async () => {
    const result = await runCompare(['x.csv', '--base-pool', 'piscina', '--head-pool', 'tinypool', '--base-ref', 'HEAD']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/Expected one result CSV with --base-pool and --head-pool, and no --base, --head or --base-ref/);
  });

  it('compare with one of --base-pool and --head-pool is one line and exit 2', async () => {
    const result = await runCompare(['x.csv', '--base-pool', 'piscina']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/Expected --base-pool and --head-pool together, got one/);
  });
});
