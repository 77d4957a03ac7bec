// `bench --server` end to end through the binary: a tiny sweep of a fake kernel that spins a known
// time, so that its capacity and the loads offered stay small.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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

  it('refuses --loads without --server, and a load that is not a positive number', async () => {
    const without = await runBench(['--loads', '1']);
    expect(without.exitCode).toBe(2);
    expect(without.stderr.trim()).toBe('threadbench bench: Expected --server with --loads or --ping-rps, got no --server');
    const zero = await runBench(['--server', '--loads', '0.5,0']);
    expect(zero.exitCode).toBe(2);
    expect(zero.stderr.trim()).toBe('threadbench bench: Expected --loads to be positive numbers, got "0"');
  });
});

/** Server and load processes of this test run: their arguments name paths under its TMPDIR. */
function serverProcesses(): string[] {
  return execFileSync('ps', ['-ww', '-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((args) => /run\/http\/(server|load)-child\.js/.test(args) && (args.includes(tmpdir()) || args.includes('127.0.0.1')));
}

describe('bench --server interrupted with Ctrl-C', () => {
  it('exits 130, keeps the rows written, and leaves no server or load process (nor its port) behind', async () => {
    const out = join(tmpdir(), 'server-interrupted.csv');
    const bench = runBench([
      '--server',
      ...['--scenarios', fixturesDir, '--scenario', 'spin', '--param', 'task_ms=5', '--variant', 'sync,pooled', '--threads', '2'],
      ...['--loads', '0.5,1.5', '--rounds', '2', '--time', '3000', '--warmup', '200', '--out', out],
    ]);
    // Interrupt in the middle of a load, once a row is written and the next cell's processes run.
    while (!existsSync(out) || readCsv(out).length < 1) await sleep(100);
    while (serverProcesses().length < 2) await sleep(50);
    bench.kill('SIGINT');
    const run = await bench;
    expect(run.exitCode, run.all).toBe(130);
    expect(readCsv(out).length).toBeGreaterThanOrEqual(1);
    expect(serverProcesses()).toEqual([]);
  });
});
