// `npm run doctor` where it cannot diagnose: a cell that fails under Doctor, bad input, and Ctrl-C
// while Doctor runs. None of it reads the host's speed (doctor.test.ts, which does, runs alone).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runDoctorCli } from '../../../test/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'threadbench-doctor-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a cell Doctor cannot diagnose', async () => {
  const run = await runDoctorCli([
    '--scenario',
    'fails-under-doctor',
    '--scenarios',
    join(fixturesDir, 'fails-under-doctor.js'),
    '--variant',
    'sync',
    '--duration',
    '500',
    '--out',
    join(dir, 'fails'),
  ]);

  it('exits 1 (a result says no, not bad input) with one line naming the cell and why', () => {
    expect(run.exitCode, run.all).toBe(1);
    const lines = run.stderr.split('\n').filter((line) => line.startsWith('threadbench doctor: could not diagnose'));
    expect(lines).toEqual([
      expect.stringMatching(
        /^threadbench doctor: could not diagnose fails-under-doctor\/size=1\/sync\/1: .*this kernel refuses to run under Doctor$/,
      ),
    ]);
  });
});

describe('npm run doctor with bad input', () => {
  it.each([
    [['--variant', 'sync'], /^threadbench doctor: Expected --scenario NAME .*got none$/],
    [['--scenario', 'pbkdf2', '--threads', '1,2'], /^threadbench doctor: Expected --threads to be one count .*got "1,2"$/],
    [['--scenario', 'nope'], /^threadbench doctor: Expected --scenario to name one of .*pbkdf2.*, got "nope"$/],
  ])('%j exits 2 with one line saying what is valid', async (args, message) => {
    const run = await runDoctorCli(args);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('npm run doctor interrupted with Ctrl-C while Doctor runs', async () => {
  const out = join(dir, 'interrupted');
  const run = runDoctorCli(['--scenario', 'pbkdf2', '--variant', 'sync', '--duration', '60000', '--out', out]);
  // Interrupt once Doctor's load process is running (or give up when the CLI ends first).
  const loadRunning = (): boolean => doctorProcesses().some((args) => args.includes('doctor/load.js'));
  const deadline = Date.now() + 60_000;
  let exited = false;
  void run.finally(() => (exited = true));
  while (!loadRunning() && !exited && Date.now() < deadline) await sleep(200);
  const interruptedDuringLoad = loadRunning();
  run.kill('SIGINT');
  const ended = await run;
  const [csvName] = readdirSync(out).filter((name) => name.endsWith('.csv'));
  const rows = readCsv(join(out, csvName ?? 'missing.csv'));

  it('exits 130 and keeps the measured cell as a row without a diagnosis', () => {
    expect(interruptedDuringLoad, ended.all).toBe(true);
    expect(ended.exitCode, ended.all).toBe(130);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ variant: 'sync', status: 'ok', doctor_status: 'canceled' });
  });

  it("leaves no Doctor process behind: the load and Doctor's child are killed with their group", () => {
    expect(doctorProcesses()).toEqual([]);
  });
});

/** Command lines of this test run's Doctor processes: their arguments name paths under its TMPDIR. */
function doctorProcesses(): string[] {
  return execFileSync('ps', ['-ww', '-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((args) => args.includes('dist/harness/doctor/') && args.includes(tmpdir()));
}
