// End to end: `npm run bench -- --quick` writes a row for every expected cell, and samples beside it.
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv, runBench } from '../../../test/helpers.js';
import { syncCellIdOf } from '../../plan/cell.js';

describe('npm run bench -- --quick', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-quick-')), 'quick.csv');
  const run = await runBench(['--quick', '--out', out]);
  const rows = readCsv(out);
  const samples = readCsv(out.replace(/\.csv$/, '.samples.csv'));
  const expectedCells = [
    'checksum/payload_kib=1',
    // checksum's quick list: its smallest payload and a large one, so that CI sees the hand-off's cost per byte.
    'checksum/payload_kib=4096',
    'file-hash/file_kib=4',
    'gzip/payload_kib=16',
    'hash-bytes/payload_kib=4096',
    'noop',
    'pbkdf2/iterations=1000',
    'prime-sieve/limit=20000',
    'static-file/file_kib=64',
  ].flatMap((group) => [
    `${group}/sync/1`,
    `${group}/libuv-async/1`,
    `${group}/libuv-async/2`,
    // Spawning at the core count alone (at most the largest thread count): its best case.
    `${group}/spawn-per-task/${Math.min(2, availableParallelism())}`,
    `${group}/pooled/1`,
    `${group}/pooled/2`,
  ]);

  // The sync cell of the row's scenario and params: what its digest and speedup are checked against.
  const syncOf = (row: Record<string, string>) => rows.find((r) => r.cell === syncCellIdOf(row.cell ?? ''));

  it('exits 0 and writes one row per cell: smallest params, threads 1 and 2, sync once', () => {
    expect(run.exitCode, run.all).toBe(0);
    expect(rows.map((row) => row.cell).sort()).toEqual(expectedCells.sort());
  });

  // A cell is ok only where its digest is the kernel's on the main thread: this is where every shipped
  // scenario's variants are checked on the default pool and hand-off (scenarios.test.ts does the rest).
  it('measures every cell except the threadpool form of pure JavaScript, which is n/a', () => {
    const notOk = rows.filter((row) => row.status !== 'ok').map((row) => `${row.cell} ${row.status}`);
    expect(notOk).toEqual([
      'checksum/payload_kib=1/libuv-async/1 n/a',
      'checksum/payload_kib=1/libuv-async/2 n/a',
      'checksum/payload_kib=4096/libuv-async/1 n/a',
      'checksum/payload_kib=4096/libuv-async/2 n/a',
      'noop/libuv-async/1 n/a',
      'noop/libuv-async/2 n/a',
      'prime-sieve/limit=20000/libuv-async/1 n/a',
      'prime-sieve/limit=20000/libuv-async/2 n/a',
    ]);
  });

  it('gives every variant of a scenario the same digest, at the batch size it ran', () => {
    for (const row of rows.filter((r) => r.status === 'ok')) {
      const sync = syncOf(row);
      if (row.tasks === sync?.tasks) expect(row.digest, row.cell).toBe(sync?.digest);
      else expect(row.variant, row.cell).toBe('spawn-per-task');
    }
  });

  it("runs noop's batches at its declared size, and spawn-per-task's at the default", () => {
    const noop = rows.filter((r) => r.scenario === 'noop' && r.status === 'ok');
    expect(noop.filter((r) => r.variant !== 'spawn-per-task').every((r) => r.tasks === '256')).toBe(true);
    expect(noop.filter((r) => r.variant === 'spawn-per-task').every((r) => r.tasks === '4')).toBe(true);
  });

  it('derives speedup and efficiency against sync measured in the same run', () => {
    for (const row of rows.filter((r) => r.status === 'ok')) {
      const sync = syncOf(row);
      const speedup = Number(row.throughput_median) / Number(sync?.throughput_median);
      expect(Number(row.speedup_vs_sync), row.cell).toBeCloseTo(speedup, 3);
      expect(Number(row.efficiency)).toBeCloseTo(speedup / Math.min(Number(row.threads), availableParallelism()), 3);
    }
  });

  it('shows sync blocking the loop for at least one task in every scenario', () => {
    for (const row of rows.filter((r) => r.variant === 'sync')) {
      expect(Number(row.eld_max_ms), row.cell).toBeGreaterThanOrEqual(Number(row.latency_p50_ms));
    }
  });

  it('records the machine on every row', () => {
    for (const row of rows) {
      expect(row).toMatchObject({ node_version: process.version, available_cores: String(availableParallelism()) });
      expect(row.run_id).toBe(rows[0]?.run_id);
    }
  });

  it("says where the main thread's own CPU time comes from, and records it only where this Node can read it", () => {
    const readable = typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage === 'function';
    expect(run.stderr.split('\n')[0]).toMatch(
      readable
        ? /, main-thread CPU from process\.threadCpuUsage\(\)$/
        : /, main-thread CPU not measured \(this Node has no process\.threadCpuUsage\(\)\)$/,
    );
    for (const row of rows.filter((r) => r.status === 'ok')) {
      if (!readable) expect(row.main_cpu_ms_per_task, row.cell).toBe('');
      // One thread's CPU time is part of the whole process's.
      else {
        expect(row.main_cpu_ms_per_task, row.cell).not.toBe('');
        expect(Number(row.main_cpu_ms_per_task), row.cell).toBeLessThanOrEqual(Number(row.cpu_ms_per_task) * 1.001);
      }
    }
  });

  it('judges a hand-off by the vCPUs its threads ran on: pooled and libuv-async rows read them, between the slowest and the fastest', () => {
    const probed = rows.filter((row) => row.status === 'ok' && row.vcpu_slowest_mbps !== '');
    // Probed wherever taskset and two alike vCPUs are: the suite's machines.
    expect(probed.length).toBeGreaterThan(0);
    for (const row of probed) {
      const handsOff = row.variant === 'pooled' || row.variant === 'libuv-async';
      if (!handsOff) {
        expect(row.vcpu_cell_mbps, row.cell).toBe('');
        continue;
      }
      const [cell, slowest, fastest] = [row.vcpu_cell_mbps, row.vcpu_slowest_mbps, row.vcpu_fastest_mbps].map(Number);
      expect(cell, row.cell).toBeGreaterThanOrEqual((slowest ?? 0) * 0.999);
      expect(cell, row.cell).toBeLessThanOrEqual((fastest ?? 0) * 1.001);
    }
  });

  it('writes every timed batch to the samples file, keyed to its cell', () => {
    for (const row of rows.filter((r) => r.status === 'ok')) {
      const own = samples.filter((sample) => sample.cell === row.cell);
      expect(own.length, row.cell).toBe(Number(row.samples));
      // Of at least 2 measured batches, the first is timed (the second ran the probe).
      expect(own.length).toBeGreaterThanOrEqual(1);
    }
  });
});
