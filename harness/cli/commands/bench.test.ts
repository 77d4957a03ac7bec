// The CLI's contract with its user: bad input gets one line naming what is valid, exit code 2,
// and no cell runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runBench, threadbenchBin } from '../../../test/helpers.js';
import { stripsTypes } from '../../plan/scenario-loader.js';

describe('npm run bench with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-cli-'));
  const out = join(dir, 'never.csv');
  const cases: [string, string[], RegExp][] = [
    [
      'an unknown scenario',
      ['--scenario', 'nope'],
      /Expected --scenario to name one of checksum, file-hash, gzip, hash-bytes, noop, pbkdf2, prime-sieve, static-file, got "nope"/,
    ],
    [
      'an unknown variant',
      ['--variant', 'threads'],
      /Expected --variant to be one of sync, libuv-async, spawn-per-task, pooled, got "threads"/,
    ],
    ['an unknown hand-off', ['--handoff', 'clone,copy'], /Expected --handoff to be one of clone, transfer, shared, got "copy"/],
    [
      'a hand-off without a worker variant',
      ['--variant', 'sync', '--handoff', 'transfer'],
      /Expected --variant to include spawn-per-task or pooled when --handoff is given, got "sync"/,
    ],
    ['a transfer in server mode', ['--server', '--handoff', 'transfer'], /Expected --handoff clone in server mode, got "transfer"/],
    ['a thread count of 0', ['--threads', '1,0'], /Expected --threads to be positive integers, got "0"/],
    ['a negative thread count', ['--threads=-2'], /Expected --threads to be positive integers, got "-2"/],
    ['a thread count that is not a number', ['--threads', 'two'], /Expected --threads to be positive integers, got "two"/],
    [
      'a param the scenario does not have',
      ['--scenario', 'gzip', '--param', 'iterations=5'],
      /Expected --param to name a parameter of the selected scenarios \(gzip: payload_kib\), got "iterations"/,
    ],
    ['a malformed param', ['--param', 'iterations'], /Expected --param as name=v1,v2/],
    [
      'an unwritable --out',
      ['--out', '/proc/threadbench/out.csv'],
      /Expected --out to be a writable file path, got "\/proc\/threadbench\/out.csv"/,
    ],
    ['an unknown option', ['--fast'], /Unknown option '--fast'.*Valid options: --scenario/],
    [
      'a file that is no scenario module',
      ['--scenarios', 'README.md'],
      /^threadbench bench: Expected --scenarios to name a scenario module \(.js or .mjs(, .ts or .mts)?\), got "README.md"$/,
    ],
    ...(stripsTypes()
      ? []
      : [
          [
            'a TypeScript scenario on a Node that does not strip types',
            ['--scenarios', 'scenarios/pbkdf2.ts'],
            /^threadbench bench: Expected --scenarios to name JavaScript \(.js or .mjs\), got "scenarios\/pbkdf2.ts": this Node \(v[\d.]+\) does not strip TypeScript types: compile it with tsc, or run Node 22.18 or later$/,
          ] satisfies [string, string[], RegExp],
        ]),
  ];

  it.each(cases)('rejects %s with one line and exit code 2, before any cell runs', async (_name, args, message) => {
    const run = await runBench([...args, ...(args.includes('--out') ? [] : ['--out', out])]);
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('npm run bench --list and --help', () => {
  it('lists every scenario with its params, its hand-offs, and n/a with the reason where there is no threadpool form', async () => {
    const run = await runBench(['--list']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('--param iterations=1000,50000');
    expect(run.stdout).toMatch(
      /prime-sieve:[\s\S]*variants: sync, spawn-per-task, pooled\n {2}handoffs: clone\n {2}libuv-async: n\/a \(pure JavaScript/,
    );
    expect(run.stdout).toMatch(/checksum:[\s\S]*handoffs: clone, transfer, shared\n/);
  });

  it('prints usage with every flag', async () => {
    const run = await runBench(['--help']);
    expect(run.exitCode).toBe(0);
    for (const flag of [
      '--scenario',
      '--variant',
      '--pool',
      '--handoff',
      '--threads',
      '--param',
      '--quick',
      '--out',
      '--scenarios',
      '--list',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });
});

describe('npm run bench --scenarios <dir> with a user scenario outside the repository', () => {
  it('runs a plain .mjs scenario in every variant and checks its digest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-user-'));
    writeFileSync(
      join(dir, 'double.mjs'),
      `export default {
        name: 'double',
        description: 'a user scenario: doubles a number',
        params: { n: [3] },
        input: ({ n }, index) => n + index,
        run: (x) => 'double:' + 2 * x,
        runAsync: async (x) => 'double:' + 2 * x,
      };\n`,
    );
    const out = join(dir, 'user.csv');
    const run = await runBench(['--scenarios', dir, '--quick', '--threads', '1', '--out', out]);
    expect(run.exitCode, run.all).toBe(0);
    expect(readCsv(out).map((row) => `${row.cell} ${row.status}`)).toEqual([
      'double/n=3/sync/1 ok',
      'double/n=3/libuv-async/1 ok',
      'double/n=3/spawn-per-task/1 ok',
      'double/n=3/pooled/1 ok',
    ]);
  });

  it('rejects a warm-up that is not a number of milliseconds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-user-'));
    writeFileSync(
      join(dir, 'cold.mjs'),
      `export default { name: 'cold', description: 'bad warm-up', warmupMs: -5, params: { n: [1] }, input: () => 1, run: (x) => x, noThreadpoolForm: 'none' };\n`,
    );
    const run = await runBench(['--scenarios', dir]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^threadbench bench: Expected .*cold\.mjs to default-export a scenario whose warmupMs, where given, is a number of milliseconds, 0 or more, got -5$/,
    );
  });

  it('rejects a batch size that is not a whole number of tasks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-user-'));
    writeFileSync(
      join(dir, 'batchy.mjs'),
      `export default { name: 'batchy', description: 'bad batch', batchTasks: 2.5, params: { n: [1] }, input: () => 1, run: (x) => x, noThreadpoolForm: 'none' };\n`,
    );
    const run = await runBench(['--scenarios', dir]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /whose batchTasks, where given, is a whole number of tasks, 1 or more, or a function of the params, got 2\.5$/,
    );
  });

  it('rejects a kernel written as an async function, saying where the async form goes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-user-'));
    writeFileSync(
      join(dir, 'eager.mjs'),
      `export default { name: 'eager', description: 'async kernel', params: { n: [1] }, input: () => 1, run: async (x) => x, noThreadpoolForm: 'none' };\n`,
    );
    const run = await runBench(['--scenarios', dir]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^threadbench bench: Expected .*eager\.mjs to default-export a scenario whose run is synchronous \(put the async form in runAsync\), got an async function$/,
    );
  });

  it('rejects a module that is not a scenario, naming what is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-user-'));
    writeFileSync(
      join(dir, 'broken.mjs'),
      `export default { name: 'broken', description: 'no kernel', params: { n: [1] }, input: () => 1 };\n`,
    );
    const run = await runBench(['--scenarios', dir]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^threadbench bench: Expected .*broken\.mjs to default-export a scenario whose run is a function, got nothing$/,
    );
  });
});

describe('npm run bench stopped by a signal', () => {
  // Ctrl-C from a terminal, SIGTERM from CI cancelling the job or from `timeout`, SIGHUP from a closed terminal.
  const stops: [NodeJS.Signals, number, RegExp][] = [
    ['SIGINT', 130, /^interrupted after \d+ of 6 cells/m],
    ['SIGTERM', 143, /^stopped by SIGTERM after \d+ of 6 cells/m],
    ['SIGHUP', 129, /^stopped by SIGHUP after \d+ of 6 cells/m],
  ];
  it.each(stops)('on %s: stops, folds and writes what it measured, says so in one line, exits %i', async (name, code, line) => {
    const out = join(mkdtempSync(join(tmpdir(), 'threadbench-stop-')), 'stopped.csv');
    const bench = runBench(['--scenarios', fixturesDir, '--scenario', 'steady', '--quick', '--out', out]);
    // Wait until at least two cells have been written, then stop mid-sweep (6: spawn-per-task at 2 threads alone).
    while (!existsSync(out) || readCsv(out).length < 2) await sleep(50);
    bench.kill(name);
    const run = await bench;
    const rows = readCsv(out);
    expect(run.exitCode, run.all).toBe(code);
    expect(run.stderr).toMatch(line);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThan(6);
    expect(rows.every((row) => row.status === 'ok')).toBe(true);
    // Folded: the summary holds every cell measured, and the answer is printed.
    expect(readCsv(out.replace(/\.csv$/, '.summary.csv')).length).toBe(new Set(rows.map((row) => row.cell)).size);
    expect(run.stdout).toMatch(/steady/);
  });
});

describe('npm run bench --resume', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-resume-'));
  const out = join(dir, 'run.csv');
  // 3 cells × 2 rounds, no follow-ups: the plan is exactly these six cell rounds.
  const flags = ['--scenarios', fixturesDir, '--scenario', 'steady', '--param', 'size=10', '--variant', 'sync,pooled'].concat([
    '--threads',
    '1,2',
    '--rounds',
    '2',
    '--extra-rounds',
    '0',
    '--time',
    '100',
    '--out',
    out,
  ]);
  const roundsOf = (rows: readonly Record<string, string | undefined>[]) => rows.map((r) => `${r.cell}#${r.round}`);

  it('continues a run stopped by SIGTERM: what was written is kept, the rest of its plan runs, and all of it is folded', async () => {
    const bench = runBench(flags);
    while (!existsSync(out) || readCsv(out).length < 2) await sleep(50);
    bench.kill('SIGTERM');
    expect((await bench).exitCode).toBe(143);
    const before = readFileSync(out, 'utf8');
    const written = roundsOf(readCsv(out));

    const resumed = await runBench(['--resume', out]);
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`^resuming \\S+: ${written.length} cell rounds already written are kept`, 'm'));
    const plan = JSON.parse(readFileSync(join(dir, 'run.plan.json'), 'utf8')) as { runId: string; cells: string[] };
    const rows = readCsv(out);
    // Every cell of the plan in every round, once; the rows written before untouched, first; one run.
    expect([...roundsOf(rows)].sort()).toEqual(plan.cells.flatMap((cell) => [`${cell}#1`, `${cell}#2`]).sort());
    expect(readFileSync(out, 'utf8').startsWith(before)).toBe(true);
    expect(roundsOf(rows).slice(0, written.length)).toEqual(written);
    expect(new Set(rows.map((row) => row.run_id))).toEqual(new Set([plan.runId]));
    expect([...new Set(roundsOf(readCsv(out.replace(/\.csv$/, '.samples.csv'))))].sort()).toEqual([...roundsOf(rows)].sort());
    const summary = readCsv(out.replace(/\.csv$/, '.summary.csv'));
    expect(summary.map((row) => [row.cell, row.rounds])).toEqual(plan.cells.map((cell) => [cell, '2']));
  });

  it('refuses, in one line naming the difference, other flags or a plan made under another commit', async () => {
    const otherFlags = await runBench(['--resume', out, '--quick']);
    expect(otherFlags.exitCode).toBe(2);
    expect(otherFlags.stderr.trim()).toMatch(
      /^threadbench bench: Expected --resume alone or with the flags of run \S+ \(--scenarios .*\), got another set of flags \(--quick\)$/,
    );
    const planPath = join(dir, 'run.plan.json');
    writeFileSync(planPath, readFileSync(planPath, 'utf8').replace(/"gitCommit": "[^"]*"/, '"gitCommit": "0123456789ab"'));
    const otherCommit = await runBench(['--resume', out]);
    expect(otherCommit.exitCode).toBe(2);
    expect(otherCommit.stderr.trim()).toMatch(
      /^threadbench bench: Expected to resume run \S+ as it was planned, got another commit \(0123456789ab then, .* now\)$/,
    );
    writeFileSync(planPath, '{ "runId": ');
    const corrupt = await runBench(['--resume', out]);
    expect(corrupt.exitCode).toBe(2);
    expect(corrupt.stderr.trim()).toMatch(
      /^threadbench bench: Expected .*run\.plan\.json to be a run's plan, got a file that is not JSON$/,
    );
    const unknown = await runBench(['--resume', 'no-such-run']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim()).toMatch(
      /^threadbench bench: Expected --resume to name a run id under results\/ or a run's CSV, got "no-such-run"/,
    );
  });
});

describe('npm run bench with a kernel whose memory runs away', () => {
  it('ends each cell as out of memory within its limits, naming the thread or the heap, and goes on', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'threadbench-oom-')), 'oom.csv');
    // 128 MiB a thread, and a cell limit far above what reaching it takes: not a timeout.
    const cells = ['--scenario', 'runaway-memory', '--param', 'memory=heap,buffers', '--variant', 'sync,pooled', '--threads', '1'];
    const limits = ['--heap-limit', '128', '--timeout', '60000'];
    const run = await runBench(['--scenarios', fixturesDir, ...cells, ...limits, '--quick', '--out', out]);
    expect(run.exitCode, run.all).toBe(1);
    const rows = readCsv(out);
    expect(rows).toHaveLength(4);
    const onHeap = new Map(rows.filter((row) => row.param_memory === 'heap').map((row) => [row.variant, row]));
    expect(onHeap.get('sync')).toMatchObject({
      status: 'crashed',
      error: expect.stringMatching(
        /^cell process ran out of memory on its main thread \(heap limit 128 MiB a thread, --heap-limit\): FATAL ERROR: .*heap/,
      ),
    });
    expect(onHeap.get('pooled')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^out of memory in a worker thread \(heap limit 128 MiB a thread, --heap-limit\): .*memory limit/),
    });
    // Buffers live outside the heap: the parent reads the cell's resident memory and ends it past
    // its threads' heap limits and 512 MiB more (2 × 128 + 512 for sync, and for pooled at 1 thread).
    for (const row of rows.filter((r) => r.param_memory === 'buffers')) {
      expect(row, row.cell).toMatchObject({
        status: 'crashed',
        error: expect.stringMatching(/^cell process ran out of memory outside the heap: \d+ MiB resident, past its limit of 768 MiB/),
      });
    }
  });

  it('refuses a heap limit too small to start Node, in one line', async () => {
    const run = await runBench(['--heap-limit', '16', '--quick']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toBe('threadbench bench: Expected --heap-limit to be at least 128, got "16"');
  });
});

describe('npm run bench when the tool itself fails mid-run', () => {
  it('exits 3, not 1, with one line naming the file, when its output becomes unwritable', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'threadbench-internal-')), 'gone.csv');
    const bench = runBench(['--scenarios', fixturesDir, '--scenario', 'steady', '--quick', '--out', out]);
    while (!existsSync(out) || readCsv(out).length < 1) await sleep(50);
    // The next row's append now meets a directory where the CSV was.
    rmSync(out);
    mkdirSync(out);
    const run = await bench;
    expect(run.exitCode, run.all).toBe(3);
    expect(run.stderr).toMatch(/^threadbench bench: could not write .*gone\.csv: EISDIR.*; every row written before it is kept$/m);
  });

  it('on a full disk: exits 3 with one line naming the file, every row before it whole', async () => {
    // A real full disk: a 1 MiB tmpfs (a quick cell writes 0.4-1.5 MB of samples) in a mount namespace of the run's own (unshare), copied out when it ends.
    const kept = mkdtempSync(join(tmpdir(), 'threadbench-full-'));
    const disk = mkdtempSync(join(tmpdir(), 'threadbench-tmpfs-'));
    const bench = `node ${threadbenchBin} bench --scenarios ${fixturesDir} --scenario steady --quick --out ${disk}/run.csv`;
    const run = await execa(
      'unshare',
      ['-rm', 'sh', '-c', `mount -t tmpfs -o size=1m tmpfs ${disk} && { ${bench}; code=$?; cp ${disk}/* ${kept}/; exit $code; }`],
      { reject: false, all: true, env: { NO_COLOR: '1' } },
    );
    expect(run.exitCode, run.all).toBe(3);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('threadbench bench:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^threadbench bench: could not write .*run(\.samples)?\.csv: ENOSPC: no space left on device.*; every row written before it is kept$/,
    );
    expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
    // The parser refuses a half line (a row short of columns): both files parse, and every round
    // in the cells file has its samples, none without.
    const rows = readCsv(join(kept, 'run.csv'));
    const samples = readCsv(join(kept, 'run.samples.csv'));
    expect(rows.length).toBeGreaterThan(0);
    const roundsOf = (list: readonly Record<string, string | undefined>[]) => [...new Set(list.map((r) => `${r.cell}#${r.round}`))].sort();
    expect(roundsOf(samples)).toEqual(roundsOf(rows));
    // Once there is room (the files moved to a disk that has it), the run resumes and completes.
    const resumed = await runBench(['--resume', join(kept, 'run.csv')]);
    expect(resumed.exitCode, resumed.all).toBe(0);
    expect(readCsv(join(kept, 'run.csv')).slice(0, rows.length)).toEqual(rows);
    expect(readCsv(join(kept, 'run.summary.csv'))).toHaveLength(6);
  });
});
