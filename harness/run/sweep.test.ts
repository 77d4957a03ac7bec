// Fake scenarios that throw, exit their worker, hang or lie: each yields its status row while
// the other cells of the sweep complete.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runBench } from '../../test/helpers.js';

describe('a sweep over misbehaving scenarios', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-test-')), 'faults.csv');
  const run = await runBench([
    '--scenarios',
    fixturesDir,
    '--scenario',
    'steady,throws,worker-exits,hangs,lies,flaky,fails-late,lies-in-types',
    // fails-late: the kernel's 3rd call falls in the one warm-up batch, its 6th in the first measured one.
    '--param',
    'fail_on=3,6',
    '--param',
    'kind=arraybuffer,map',
    '--quick',
    '--warmup',
    '0',
    '--time',
    '50',
    '--threads',
    '1',
    // Long enough for a well-behaved cell beside another test file's cells; what a hung one waits.
    '--timeout',
    '6000',
    '--out',
    out,
  ]);
  const rows = readCsv(out);
  const status = Object.fromEntries(rows.map((row) => [row.cell, row.status]));
  const error = (cell: string) => rows.find((row) => row.cell === cell)?.error ?? '';

  it('finishes the sweep, writes a row for every cell and exits 1 because some cells failed', () => {
    expect(run.exitCode, run.all).toBe(1);
    expect(rows).toHaveLength(40);
  });

  it('measures the well-behaved scenario in every variant', () => {
    for (const variant of ['sync', 'libuv-async', 'spawn-per-task', 'pooled']) {
      expect(status[`steady/size=10/${variant}/1`]).toBe('ok');
    }
  });

  it('records a kernel that throws as failed, with its error', () => {
    for (const variant of ['sync', 'libuv-async', 'spawn-per-task', 'pooled']) {
      expect(status[`throws/size=1/${variant}/1`]).toBe('failed');
      expect(error(`throws/size=1/${variant}/1`)).toContain('kernel refused the job');
    }
  });

  it('records a kernel that throws on a later call as failed, with its error, the variant and the batch, on one line', () => {
    // Warm-up batch 1 runs calls 1-4, measured batch 1 calls 5-8: tasks 2 and 1 of those batches.
    // A pool's cold start runs call 1 (one task for its one worker) first, so its calls come a task earlier.
    for (const [variant, early] of [
      ['sync', 0],
      ['libuv-async', 0],
      ['pooled', 1],
    ] as const) {
      expect(status[`fails-late/fail_on=3/${variant}/1`]).toBe('failed');
      expect(error(`fails-late/fail_on=3/${variant}/1`)).toBe(`${variant}, warm-up batch 1, task ${2 - early}: RangeError: call 3 refused`);
      expect(status[`fails-late/fail_on=6/${variant}/1`]).toBe('failed');
      expect(error(`fails-late/fail_on=6/${variant}/1`)).toBe(
        `${variant}, measured batch 1, task ${1 - early}: RangeError: call 6 refused`,
      );
    }
    // Each spawned worker is a fresh isolate whose count starts again: it never reaches the 6th call.
    expect(status['fails-late/fail_on=6/spawn-per-task/1']).toBe('ok');
  });

  it('records a worker that calls process.exit as crashed, and the main-thread variants as fine', () => {
    expect(status['worker-exits/size=1/sync/1']).toBe('ok');
    expect(status['worker-exits/size=1/libuv-async/1']).toBe('n/a');
    expect(status['worker-exits/size=1/spawn-per-task/1']).toBe('crashed');
    expect(status['worker-exits/size=1/pooled/1']).toBe('crashed');
    expect(error('worker-exits/size=1/spawn-per-task/1')).toContain('exited with code 3');
  });

  it('records a cell that never finishes as timeout', () => {
    expect(status['hangs/size=1/sync/1']).toBe('ok');
    for (const variant of ['libuv-async', 'spawn-per-task', 'pooled']) {
      expect(status[`hangs/size=1/${variant}/1`]).toBe('timeout');
    }
  });

  it('records a variant that returns something else as mismatch', () => {
    expect(status['lies/size=1/sync/1']).toBe('ok');
    for (const variant of ['libuv-async', 'spawn-per-task', 'pooled']) {
      expect(status[`lies/size=1/${variant}/1`]).toBe('mismatch');
      expect(error(`lies/size=1/${variant}/1`)).toMatch(/differs from the kernel on the main thread/);
    }
  });

  it('records workers that return a wrong value inside an ArrayBuffer or a Map as mismatch', () => {
    for (const kind of ['arraybuffer', 'map']) {
      expect(status[`lies-in-types/kind=${kind}/sync/1`]).toBe('ok');
      expect(status[`lies-in-types/kind=${kind}/libuv-async/1`]).toBe('ok');
      for (const variant of ['spawn-per-task', 'pooled']) {
        expect(status[`lies-in-types/kind=${kind}/${variant}/1`], `${kind} ${variant}`).toBe('mismatch');
      }
    }
  });

  it('records a kernel whose batches disagree with each other as mismatch, even in sync', () => {
    expect(status['flaky/size=1/sync/1']).toBe('mismatch');
    expect(error('flaky/size=1/sync/1')).toMatch(
      /^MismatchError: sync, measured batch 1 digested \w+, warm-up batch 1 \w+: outputs differ between batches$/,
    );
  });

  it('leaves the figures of a failed cell empty instead of writing zeros', () => {
    const failed = rows.filter((row) => row.status !== 'ok');
    expect(failed.every((row) => row.throughput_mean === '' && row.eld_max_ms === '')).toBe(true);
  });
});

describe('follow-up rounds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-test-'));
  const runJittery = async (name: string, extraRounds: number) => {
    const out = join(dir, `${name}.csv`);
    process.env.JITTERY_COUNTER = join(dir, `${name}.count`);
    const run = await runBench([
      '--scenarios',
      fixturesDir,
      '--scenario',
      'jittery,steady',
      '--variant',
      'sync',
      '--quick',
      '--warmup',
      '0',
      '--time',
      '20',
      '--rounds',
      '2',
      '--extra-rounds',
      String(extraRounds),
      '--out',
      out,
    ]);
    delete process.env.JITTERY_COUNTER;
    return { run, rows: readCsv(out), summary: readCsv(out.replace(/\.csv$/, '.summary.csv')) };
  };

  it('measures a cell whose rounds keep disagreeing again, up to --extra-rounds more rounds, and folds them all', async () => {
    const { run, rows, summary } = await runJittery('follow', 3);
    expect(run.exitCode, run.all).toBe(0);
    const jittery = rows.filter((row) => row.scenario === 'jittery');
    expect(jittery.map((row) => row.round)).toEqual(['1', '2', '3', '4', '5']);
    expect(rows.every((row) => Number(row.round) <= 5)).toBe(true);
    expect(summary.find((row) => row.scenario === 'jittery')).toMatchObject({ rounds: '5', unstable: 'true' });
    expect(run.stderr).toContain(`measured ${rows.length} of ${rows.length} cells`);
  });

  it('runs only the planned rounds with --extra-rounds 0', async () => {
    const { run, rows } = await runJittery('planned', 0);
    expect(run.exitCode, run.all).toBe(0);
    expect(rows.map((row) => `${row.scenario} ${row.round}`)).toEqual(['jittery 1', 'steady 1', 'jittery 2', 'steady 2']);
  });
});

describe('spawn-per-task with no sync cell to check against', async () => {
  // The cell process computes the kernel on its main thread after measuring (no reference process).
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-test-')), 'spawn.csv');
  const run = await runBench([
    ...['--scenarios', fixturesDir, '--scenario', 'steady,lies', '--variant', 'spawn-per-task'],
    ...['--quick', '--warmup', '0', '--time', '50', '--threads', '1', '--out', out],
  ]);
  const rows = readCsv(out);

  it('passes the honest kernel and calls the one that lies in workers a mismatch', () => {
    expect(run.exitCode, run.all).toBe(1);
    const byCell = new Map(rows.map((row) => [row.cell, row]));
    expect(byCell.size).toBe(2);
    expect(byCell.get('steady/size=10/spawn-per-task/1')?.status).toBe('ok');
    expect(byCell.get('lies/size=1/spawn-per-task/1')?.status).toBe('mismatch');
    expect(byCell.get('lies/size=1/spawn-per-task/1')?.error).toMatch(/differs from the kernel on the main thread/);
  });
});
