// Interleaved A/B: each ref checked out in a git worktree and made ready (checkout.ts); then each
// side's bench serves cells on request, and every cell is measured on both sides back to back, round
// after round, so that a moment of the host (a core taken away for seconds) hits both alike.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { interruptionOf, UsageError } from '../plan/errors.js';
import { ownManifest } from '../plan/manifest.js';
import { type AbProject, describeProject, prepareCheckout, userScenarioDir } from './checkout.js';
import { benchEntry, type SideBench, startSideBench } from './side-bench.js';

export interface AbOptions {
  readonly baseRef: string;
  /** Absent: head is this checkout as it is, uncommitted changes included. */
  readonly headRef?: string;
  readonly rounds: number;
  /** Arguments for each side's `bench --serve`, e.g. `--quick`: its matrix. Absent: the project's default (abBenchArgs). */
  readonly benchArgs?: readonly string[];
  /** A shell command that makes a checked-out ref ready; absent: its lock file's install, then its build (checkout.ts). */
  readonly setup?: string;
  /** Where each side's CSV goes, every round in it: base.csv, head.csv (+ samples). */
  readonly outDir: string;
  /** This checkout (the working directory): its git repository provides the refs; it is head when no head ref. */
  readonly projectRoot: string;
  /** How this threadbench runs its bench (its binary, `bench`): both sides' bench in a user's project. */
  readonly installedBench: readonly string[];
  readonly log: (line: string) => void;
  /** Aborted by a stop signal (its name the reason): passed on to both benches, which keep their rows. */
  readonly signal?: AbortSignal;
}

export interface AbResult {
  readonly basePaths: readonly string[];
  readonly headPaths: readonly string[];
}

export async function runAb(options: AbOptions): Promise<AbResult> {
  const project = await describeProject(options.projectRoot);
  const benchArgs = abBenchArgs(project, options.benchArgs, options.projectRoot);
  // Threadbench's own refs each run their own harness; a user's refs both run the one installed here.
  const entry = (tree: string) => (project.kind === 'threadbench' ? benchEntry(tree) : options.installedBench);
  if (project.kind === 'user') {
    options.log(
      `measuring your scenarios (bench ${benchArgs.join(' ')}) at both refs with threadbench ${ownManifest().version ?? ''} from ${options.installedBench[0]}`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'threadbench-ab-'));
  const trees: string[] = [];
  const servers: SideBench[] = [];
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
    const tree = join(work, side);
    options.log(`${side}: checking out ${ref} (${commit.slice(0, 12)})`);
    await execa('git', ['worktree', 'add', '--detach', tree, commit], { cwd: options.projectRoot });
    trees.push(tree);
    // In a monorepo the project is a directory of the work tree, at each ref as here.
    const dir = join(tree, project.prefix);
    await prepareCheckout(dir, options.projectRoot, project.kind, options.setup, side, options.log);
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
    const base = await startSideBench(checkouts.base, [...benchArgs, '--out', paths.base], 'base', entry(checkouts.base));
    servers.push(base);
    const head = await startSideBench(checkouts.head, [...benchArgs, '--out', paths.head], 'head', entry(checkouts.head));
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
 * What each side's bench measures. In threadbench's own repository, `--quick` of its scenarios. In a
 * user's project, the user's scenarios: both sides run the same threadbench, so its built-in
 * scenarios would compare a thing with itself, and a `--bench` that names none is refused.
 */
export function abBenchArgs(project: AbProject, given: readonly string[] | undefined, head: string): readonly string[] {
  if (project.kind === 'threadbench') return given ?? ['--quick'];
  if (given === undefined) {
    if (!existsSync(join(head, userScenarioDir))) {
      throw new UsageError(
        `Expected your scenarios in ./${userScenarioDir} (threadbench init writes one there) or --bench "--scenarios DIR …", found no ./${userScenarioDir}`,
      );
    }
    return ['--quick', '--scenarios', userScenarioDir];
  }
  if (!given.some((arg) => arg === '--scenarios' || arg.startsWith('--scenarios='))) {
    throw new UsageError(
      `Expected --bench to name your scenarios (--scenarios DIR): in your project both sides run the same threadbench, so its own scenarios would compare nothing, got --bench "${given.join(' ')}"`,
    );
  }
  return given;
}
