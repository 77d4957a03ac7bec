// Helpers for tests that drive the compiled CLI and read back what it wrote.
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa, execaNode } from 'execa';
import { type CsvRecord, readCsvTable } from '../harness/results/csv-read.js';

export const projectRoot = fileURLToPath(new URL('../', import.meta.url));
/** The compiled fake scenarios (`npm test` compiles before it runs vitest). */
export const fixturesDir = `${projectRoot}dist/test/fixtures/scenarios`;
/** The `threadbench` binary as built, what `npm run <command>` and an installed package run. */
export const threadbenchBin = `${projectRoot}dist/harness/cli/main.js`;
/** A real quick run's CSV, one row edited to `crashed` to cover a failed cell in the report. */
export const reportFixture = `${projectRoot}test/fixtures/runs/quick-run.csv`;

type Command = 'bench' | 'compare' | 'report' | 'doctor' | 'merge' | 'list' | 'init';

/** Runs `threadbench <command> …args` the way a user does (in `cwd`), without throwing on a non-zero exit. */
export function runThreadbench(command: Command | readonly string[], args: readonly string[] = [], cwd?: string) {
  const head = typeof command === 'string' ? [command] : command;
  return execaNode(threadbenchBin, [...head, ...args], {
    reject: false,
    all: true,
    nodeOptions: [],
    env: { NO_COLOR: '1' },
    ...(cwd !== undefined ? { cwd } : {}),
  });
}

export const runBench = (args: readonly string[]) => runThreadbench('bench', args);
export const runCompare = (args: readonly string[]) => runThreadbench('compare', args);
export const runMerge = (args: readonly string[]) => runThreadbench('merge', args);
export const runReport = (args: readonly string[]) => runThreadbench('report', args);
export const runDoctorCli = (args: readonly string[]) => runThreadbench('doctor', args);

/** Parses a CSV the harness wrote, with a real CSV parser, into records keyed by header. */
export function readCsv(path: string): readonly CsvRecord[] {
  return readCsvTable(path).rows;
}

/**
 * Imports the compiled twin of a harness module (`'harness/run/run-cell.js'`): code that starts cell
 * processes or workers resolves them beside itself, and measured code must be compiled JavaScript.
 */
export async function importCompiled<Module>(projectPath: string): Promise<Module> {
  return (await import(pathToFileURL(`${projectRoot}dist/${projectPath}`).href)) as Module;
}

/**
 * This checkout's files (committed or not, less what git ignores) as a fresh repository whose
 * "origin/main" is its HEAD, sharing this checkout's node_modules: for tests that run npm scripts
 * or git-based commands where they may write freely.
 */
export async function checkoutCopy(prefix: string): Promise<string> {
  const repo = join(mkdtempSync(join(tmpdir(), prefix)), 'repo');
  const listed = await execa('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: projectRoot });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(projectRoot, file), join(repo, file));
  }
  const git = (...args: string[]) =>
    execa('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd: repo });
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-qm', 'the checkout under test');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  symlinkSync(join(projectRoot, 'node_modules'), join(repo, 'node_modules'), 'dir');
  return repo;
}
