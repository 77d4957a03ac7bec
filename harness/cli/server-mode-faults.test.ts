// `bench --server` refusing bad input, and stopped by Ctrl-C: nothing here reads the host's speed,
// so it runs beside other files (server-mode.test.ts, whose rows do, runs alone).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runBench } from '../../test/helpers.js';

describe('bench --server with bad input', () => {
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
