// What one `threadbench bench` will do, resolved once from its flags: the run's identity, its
// scenarios, its Nodes, its thread counts and its rounds, every default applied here from
// bench-defaults.ts, so that the steps after it read a plan and no flag twice.
import { totalmem } from 'node:os';
import type { SampleBudget } from '../plan/budget.js';
import { axesOf, type Cell } from '../plan/cell.js';
import { expandMatrix } from '../plan/matrix.js';
import { type NodeTarget, nodeCacheDir, resolveNodeTargets } from '../plan/node-target.js';
import { builtInScenarioDir, findScenarioFiles, type LoadedScenario, loadScenarios } from '../plan/scenario-loader.js';
import { selectShard } from '../plan/shard.js';
import { describeRun, type RunMetadata } from '../results/machine.js';
import { type BenchArgs, parseBenchArgs } from './bench-args.js';
import { defaultBudgetMs, defaultHeapLimitMb, defaultThreads, defaultTimeoutMs, quickThreads, sampleBudgetFor } from './bench-defaults.js';
import { type RunToResume, runToResume, withoutResume } from './resume.js';

export interface BenchPlan {
  /** The flags the run goes by: a resumed run's own, not the resuming command's. */
  readonly args: BenchArgs;
  /** The flags as the plan file records them, without --resume. */
  readonly argv: readonly string[];
  readonly resume?: RunToResume;
  /** When this command started. */
  readonly startedAt: Date;
  /** When the run first started: a resumed run keeps its own. */
  readonly runStartedAt: string;
  readonly meta: RunMetadata;
  readonly scenarioFiles: readonly string[];
  readonly loaded: readonly LoadedScenario[];
  /** `--node`, resolved (and installed where needed); absent: the harness's own Node. */
  readonly nodes?: readonly NodeTarget[];
  readonly threads: readonly number[];
  /** The sweep's time (the default unless --rounds or --quick); absent: fixed rounds. */
  readonly budgetMs?: number;
  /** Rounds of the whole matrix: one under a budget, which plans the rest. */
  readonly rounds: number;
  /** Follow-up rounds after fixed ones, of the cells still unstable. */
  readonly extraRounds: number;
  readonly sampling: SampleBudget;
  readonly timeoutMs: number;
  readonly heapLimitMb: number;
}

/** The flags, read once; a --resume reads the interrupted run's own. Resolves no Node for --list. */
export async function planBench(argv: readonly string[], startedAt: Date): Promise<BenchPlan> {
  const given = parseBenchArgs(argv);
  // A resume runs on the interrupted run's own flags: its plan is derived again from them.
  const resume = given.resume === undefined ? undefined : runToResume(given.resume, argv);
  const args = resume ? parseBenchArgs(resume.plan.argv) : given;
  const scenarioFiles = findScenarioFiles(args.scenarioSource ?? builtInScenarioDir);
  const loaded = await loadScenarios(scenarioFiles);
  const meta = { ...describeRun(startedAt), ...(resume ? { runId: resume.plan.runId } : {}) };
  const nodes =
    args.nodes === undefined || args.list
      ? undefined
      : await resolveNodeTargets(args.nodes, { cacheDir: nodeCacheDir(), log: (line) => process.stderr.write(`${line}\n`) });
  const threads = args.threads ?? (args.quick ? quickThreads : defaultThreads(meta.availableCores));
  // Budgeted unless rounds are fixed: the default run plans its rounds within its budget.
  const budgetMs = args.rounds === undefined && !args.quick ? (args.budgetMs ?? defaultBudgetMs) : args.budgetMs;
  const rounds = budgetMs !== undefined ? 1 : (args.rounds ?? 1);
  return {
    args,
    argv: resume?.plan.argv ?? withoutResume(argv),
    ...(resume ? { resume } : {}),
    startedAt,
    runStartedAt: resume?.plan.startedAt ?? startedAt.toISOString(),
    meta,
    scenarioFiles,
    loaded,
    ...(nodes ? { nodes } : {}),
    threads,
    ...(budgetMs === undefined ? {} : { budgetMs }),
    rounds,
    extraRounds: args.extraRounds ?? (rounds < 2 ? 0 : rounds),
    sampling: sampleBudgetFor(args, threads),
    timeoutMs: args.timeoutMs ?? defaultTimeoutMs,
    heapLimitMb: args.heapLimitMb ?? defaultHeapLimitMb(totalmem()),
  };
}

export interface PlannedCells {
  /** This shard's cells (all of them without --shard), in the order a round runs them. */
  readonly cells: readonly Cell[];
  /** The `param_*` columns, from the whole matrix, so that every shard writes the same schema and merges. */
  readonly paramNames: readonly string[];
}

/** The plan's matrix, cut to its shard. */
export function cellsOf(plan: BenchPlan): PlannedCells {
  const { args, meta, threads } = plan;
  const matrix = expandMatrix(plan.loaded, {
    threads,
    params: args.params,
    quick: args.quick,
    ...(args.scenarios ? { scenarios: args.scenarios } : {}),
    ...(args.variants ? { variants: args.variants } : {}),
    ...(args.pools ? { pools: args.pools } : {}),
    ...(args.handoffs ? { handoffs: args.handoffs } : {}),
    ...(plan.nodes ? { nodes: plan.nodes } : {}),
    // The whole sweep shows where each pool's own default size sits, and spawn-per-task at every
    // count; by default spawning runs at the core count alone, its best case. Counts asked for are kept to.
    ...(args.threads === undefined && args.full ? { poolDefaultsFor: meta.availableCores } : {}),
    ...(args.threads === undefined && !args.full ? { spawnThreads: [Math.min(meta.availableCores, Math.max(...threads))] } : {}),
  });
  return {
    cells: args.shard ? selectShard(matrix, args.shard) : matrix,
    paramNames: [...new Set(matrix.flatMap((cell) => Object.keys(axesOf(cell))))],
  };
}
