// Interleaved A/B: each ref checked out in a git worktree, installed and built; then each side's
// own bench serves cells on request, and every cell is measured on both sides back to back, round
// after round, so that a moment of the host (a core taken away for seconds) hits both alike.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { interruptionOf, UsageError } from '../plan/errors.js';
import { type BenchServer, startBenchServer } from './bench-server.js';

export interface AbOptions {
  readonly baseRef: string;
  /** Absent: head is this checkout as it is, uncommitted changes included. */
  readonly headRef?: string;
  readonly rounds: number;
  /** Arguments for each side's `bench --serve`, e.g. `--quick`: its matrix. */
  readonly benchArgs: readonly string[];
  /** Where each side's CSV goes, every round in it: base.csv, head.csv (+ samples). */
  readonly outDir: string;
  /** This checkout: its git repository provides the refs, its build is head when no head ref. */
  readonly projectRoot: string;
  readonly log: (line: string) => void;
  /** Aborted by a stop signal (its name the reason): passed on to both benches, which keep their rows. */
  readonly signal?: AbortSignal;
}

export interface AbResult {
  readonly basePaths: readonly string[];
  readonly headPaths: readonly string[];
}

export async function runAb(options: AbOptions): Promise<AbResult> {
  const work = mkdtempSync(join(tmpdir(), 'threadbench-ab-'));
  const trees: string[] = [];
  const servers: BenchServer[] = [];
  const passOn = (): void => {
    for (const server of servers) server.stop(options.signal?.reason ?? 'SIGINT');
  };
  options.signal?.addEventListener('abort', passOn, { once: true });
  /** The interruption a stop signal asked for, if one did. */
  const interruption = (): Error | undefined => {
    if (!options.signal?.aborted) return undefined;
    const reason: unknown = options.signal.reason;
    return interruptionOf({ signal: typeof reason === 'string' ? reason : 'SIGINT' }, 'the A/B') ?? new Error('the A/B was stopped');
  };
  // A stop before the benches started (during a checkout or its install) ends the A/B at the next step.
  const stopIfAsked = (): void => {
    const stopped = interruption();
    if (stopped) throw stopped;
  };
  const prepare = async (ref: string, side: string): Promise<string> => {
    const commit = await resolveCommit(options.projectRoot, ref, side);
    const dir = join(work, side);
    options.log(`${side}: checking out ${ref} (${commit.slice(0, 12)}), npm ci, build`);
    await execa('git', ['worktree', 'add', '--detach', dir, commit], { cwd: options.projectRoot });
    trees.push(dir);
    await installIn(dir, options.projectRoot, options.log);
    await execa('npx', ['tsc', '-p', '.'], { cwd: dir });
    stopIfAsked();
    return dir;
  };
  try {
    const checkouts = {
      base: await prepare(options.baseRef, 'base'),
      head: options.headRef ? await prepare(options.headRef, 'head') : options.projectRoot,
    };
    mkdirSync(options.outDir, { recursive: true });
    const paths = { base: join(options.outDir, 'base.csv'), head: join(options.outDir, 'head.csv') };
    const base = await startBenchServer(checkouts.base, [...options.benchArgs, '--out', paths.base], 'base');
    servers.push(base);
    const head = await startBenchServer(checkouts.head, [...options.benchArgs, '--out', paths.head], 'head');
    servers.push(head);
    stopIfAsked();
    // Head's cells in head's order, then any only base has (their verdict: missing).
    const cells = [...new Set([...head.cells, ...base.cells])];
    const started = Date.now();
    for (let round = 1; round <= options.rounds; round++) {
      options.log(
        `round ${round}/${options.rounds}: ${cells.length} cells, base and head back to back${etaAfter(started, round, options.rounds)}`,
      );
      for (const [index, cell] of cells.entries()) {
        // ABBA at the cell level: which side goes first alternates from cell to cell and from
        // round to round, so that neither side is always the one measured on a cooler or warmer host.
        const order = (round + index) % 2 === 1 ? [base, head] : [head, base];
        for (const side of order) if (side.cells.includes(cell)) await side.run(round, cell);
      }
    }
    await base.close();
    await head.close();
    return { basePaths: [paths.base], headPaths: [paths.head] };
  } catch (error) {
    // A step that the same signal broke (npm ci, a bench killed by it) failed because it was stopped.
    throw interruption() ?? error;
  } finally {
    options.signal?.removeEventListener('abort', passOn);
    for (const server of servers) server.kill();
    for (const tree of trees) await execa('git', ['worktree', 'remove', '--force', tree], { cwd: options.projectRoot, reject: false });
    rmSync(work, { recursive: true, force: true });
  }
}

function etaAfter(started: number, round: number, rounds: number): string {
  if (round === 1) return '';
  const perRound = (Date.now() - started) / (round - 1);
  return `, about ${Math.ceil((perRound * (rounds - round + 1)) / 60_000)} min left`;
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
  const lockFile = (root: string) =>
    existsSync(join(root, 'package-lock.json')) ? readFileSync(join(root, 'package-lock.json'), 'utf8') : undefined;
  const lock = lockFile(dir);
  if (lock !== undefined && lock === lockFile(projectRoot) && existsSync(join(projectRoot, 'node_modules'))) {
    log(`${dir}: same package-lock.json as this checkout: linking its node_modules instead of npm ci`);
    symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
    return;
  }
  await execa('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir });
}
