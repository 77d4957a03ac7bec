// Interleaved A/B: each ref checked out in a git worktree, installed and built, then the same
// cells run alternating sides for N rounds, so the host's drift hits base and head alike.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { InterruptedError } from '../cli/run-cli.js';
import { UsageError } from '../usage-error.js';

export interface AbOptions {
  readonly baseRef: string;
  /** Absent: head is this checkout as it is, uncommitted changes included. */
  readonly headRef?: string;
  readonly rounds: number;
  /** Arguments for every `bench` run, e.g. `--quick`; one round per run. */
  readonly benchArgs: readonly string[];
  /** Where the per-round CSVs go: base-<round>.csv, head-<round>.csv (+ samples). */
  readonly outDir: string;
  /** This checkout: its git repository provides the refs, its build is head when no head ref. */
  readonly projectRoot: string;
  readonly log: (line: string) => void;
}

export interface AbResult {
  readonly basePaths: readonly string[];
  readonly headPaths: readonly string[];
}

export async function runAb(options: AbOptions): Promise<AbResult> {
  const work = mkdtempSync(join(tmpdir(), 'threadbench-ab-'));
  const trees: string[] = [];
  const prepare = async (ref: string, side: string): Promise<string> => {
    const commit = await resolveCommit(options.projectRoot, ref, side);
    const dir = join(work, side);
    options.log(`${side}: checking out ${ref} (${commit.slice(0, 12)}), npm ci, build`);
    await execa('git', ['worktree', 'add', '--detach', dir, commit], { cwd: options.projectRoot });
    trees.push(dir);
    await installIn(dir, options.projectRoot, options.log);
    await execa('npx', ['tsc', '-p', '.'], { cwd: dir });
    return dir;
  };
  try {
    const sides = { base: await prepare(options.baseRef, 'base'), head: options.headRef ? await prepare(options.headRef, 'head') : options.projectRoot };
    mkdirSync(options.outDir, { recursive: true });
    const paths = { base: [] as string[], head: [] as string[] };
    for (let round = 1; round <= options.rounds; round++) {
      // ABBA: base first in odd rounds, head first in even ones, so a steady drift of the host
      // over the run favours neither side.
      const order = round % 2 === 1 ? (['base', 'head'] as const) : (['head', 'base'] as const);
      for (const side of order) {
        const out = join(options.outDir, `${side}-${round}.csv`);
        options.log(`round ${round}/${options.rounds}: ${side}`);
        await runBenchRound(sides[side], [...options.benchArgs, '--out', out], side);
        paths[side].push(out);
      }
    }
    return { basePaths: paths.base, headPaths: paths.head };
  } finally {
    for (const tree of trees) await execa('git', ['worktree', 'remove', '--force', tree], { cwd: options.projectRoot, reject: false });
    rmSync(work, { recursive: true, force: true });
  }
}

async function resolveCommit(projectRoot: string, ref: string, side: string): Promise<string> {
  const result = await execa('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: projectRoot, reject: false });
  if (result.exitCode !== 0) throw new UsageError(`Expected --${side}-ref to name a commit of this repository, got "${ref}"`);
  return result.stdout.trim();
}

/**
 * `npm ci` in a checked-out ref, unless its lock file is this checkout's byte for byte: then the
 * installed tree would be the same, and this checkout's node_modules is linked instead.
 */
async function installIn(dir: string, projectRoot: string, log: (line: string) => void): Promise<void> {
  const lockFile = (root: string) => (existsSync(join(root, 'package-lock.json')) ? readFileSync(join(root, 'package-lock.json'), 'utf8') : undefined);
  const lock = lockFile(dir);
  if (lock !== undefined && lock === lockFile(projectRoot) && existsSync(join(projectRoot, 'node_modules'))) {
    log(`${dir}: same package-lock.json as this checkout: linking its node_modules instead of npm ci`);
    symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return;
  }
  await execa('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir });
}

/**
 * One bench round in a checkout. Exit 1 means some cell did not measure: its row says so and the
 * comparison judges it. Anything else but 0 (the tool failed, a crash, a kill) ends the A/B: a
 * partial CSV would make its absent cells look merely missing.
 */
export async function runBenchRound(tree: string, args: readonly string[], side: string): Promise<void> {
  const result = await execa('node', [join(tree, 'dist/scripts/bench.js'), ...args], { cwd: tree, reject: false, stdout: 'ignore', stderr: 'pipe' });
  if (result.exitCode === 0 || result.exitCode === 1) return;
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.exitCode}`;
  const reason = result.stderr.split('\n').filter(Boolean).at(-1) ?? '';
  if (result.exitCode === 130 || result.signal === 'SIGINT') throw new InterruptedError(`the ${side} bench round ${how}`);
  if (result.exitCode === 2) throw new UsageError(`Expected the ${side} checkout's bench to accept ${args.join(' ')}, got: ${reason}`);
  throw new Error(`the ${side} checkout's bench ${how}${reason ? `: ${reason}` : ''} (bench ${args.join(' ')})`);
}
