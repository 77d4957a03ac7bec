// `bench --server` end to end through the binary: a tiny sweep of a fake kernel that spins a known
// time, so that its capacity and the loads offered stay small. Its rows are what the host served:
// this file runs alone (vitest.config.ts); bad input and Ctrl-C are in server-mode-faults.test.ts.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runBench } from '../../test/helpers.js';

describe('bench --server', () => {
  it('writes a row per cell, load and round with the server columns, and a table with each variant’s responsive capacity', async () => {
    const out = join(process.env.TMPDIR ?? '/tmp', 'server-mode.csv');
    const bench = await runBench([
      '--server',
      ...['--scenarios', fixturesDir, '--scenario', 'spin', '--param', 'task_ms=5', '--variant', 'sync,pooled', '--threads', '2'],
      ...['--loads', '0.5,1.5', '--rounds', '1', '--time', '600', '--warmup', '200', '--out', out],
    ]);
    expect(bench.exitCode, bench.all).toBe(0);
    const rows = readCsv(out);
    expect(rows.map((row) => `${row.variant}/${row.threads}@${row.load}:${row.status}`)).toEqual([
      'sync/1@0.5:ok',
      'sync/1@1.5:ok',
      'pooled/2@0.5:ok',
      'pooled/2@1.5:ok',
    ]);
    for (const row of rows) {
      // Six significant digits in the file: equal to that.
      expect(Math.abs(Number(row.offered_rps) / (Number(row.load) * Number(row.capacity_rps)) - 1)).toBeLessThan(1e-5);
      for (const column of [
        'work_rps',
        'work_p50_ms',
        'work_p99_ms',
        'ping_p50_ms',
        'ping_p99_ms',
        'ping_max_ms',
        'http_errors',
        'eld_p99_ms',
        'elu',
        'load_cpu_ms',
      ]) {
        expect(row[column], `${row.cell} ${column}`).toMatch(/^\d/);
      }
    }
    expect(bench.stdout).toMatch(/^spin task_ms=5: responsive capacity /m);
  });
});
