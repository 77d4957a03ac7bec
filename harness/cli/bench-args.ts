// Parses and checks `threadbench bench` arguments at the edge: anything wrong is a UsageError
// (one line, expected versus received), before any cell runs.
import { type Handoff, handoffs } from '../api/handoff.js';
import { type Pool, pools } from '../api/pool.js';
import { type Variant, variants } from '../api/variant.js';
import { leastBatchTasks, roundSampling } from '../plan/budget.js';
import { UsageError } from '../plan/errors.js';
import { parseShard, type Shard } from '../plan/shard.js';
import { farBehindFactor } from '../results/ranking.js';
import {
  budgetPlan,
  defaultBudgetMs,
  defaultTimeoutMs,
  followUpTimeShare,
  maxDefaultHeapLimitMb,
  minHeapLimitMb,
  quickLeastBatchTasks,
  quickSampling,
  quickThreads,
  serverDefaults,
} from './bench-defaults.js';
import {
  checkHandoffsRun,
  checkPoolsRun,
  duration,
  list,
  nonEmpty,
  parseParams,
  positiveInteger,
  positiveNumber,
  toHandoff,
  toPool,
  toVariant,
  wholeNumber,
} from './flags.js';
import { parseOptions } from './parse-options.js';
import { formatDuration } from './progress.js';

export interface BenchArgs {
  readonly list: boolean;
  readonly quick: boolean;
  /** The whole sweep: every thread count for spawn-per-task, and each pool's own default size. */
  readonly full: boolean;
  /** Print every cell's folded row at the end, after the answer. */
  readonly table: boolean;
  /** The sweep's time: its rounds planned within it (the default unless --rounds or --quick). */
  readonly budgetMs?: number;
  /** Run cells on request (JSON lines on stdin) instead of sweeping: compare's interleaved A/B. */
  readonly serve: boolean;
  /** Server mode: every cell behind an HTTP server, under open-loop loads. */
  readonly server: boolean;
  /** Server mode's offered loads, in units of the sync cell's capacity. */
  readonly loads?: readonly number[];
  readonly pingRps?: number;
  readonly scenarios?: readonly string[];
  readonly variants?: readonly Variant[];
  /** The pools `pooled` runs on; piscina alone when absent. */
  readonly pools?: readonly Pool[];
  /** How worker variants move a task's data; clone alone when absent. */
  readonly handoffs?: readonly Handoff[];
  readonly threads?: readonly number[];
  /** `--param name=v1,v2`, values still as text: the matrix parses them by the scenario's types. */
  readonly params: Readonly<Record<string, readonly string[]>>;
  readonly tasks?: number;
  readonly timeMs?: number;
  readonly warmupMs?: number;
  readonly minSamples?: number;
  readonly rounds?: number;
  readonly extraRounds?: number;
  readonly shard?: Shard;
  readonly timeoutMs?: number;
  readonly heapLimitMb?: number;
  readonly out?: string;
  /** `--resume RUN`: a run id or its CSV. */
  readonly resume?: string;
  /** `--node`: majors, exact versions or paths, as given; resolved (and installed) before the run. */
  readonly nodes?: readonly string[];
  readonly scenarioSource?: string;
}

const options = {
  scenario: { type: 'string' },
  variant: { type: 'string' },
  pool: { type: 'string' },
  handoff: { type: 'string' },
  threads: { type: 'string' },
  param: { type: 'string', multiple: true },
  quick: { type: 'boolean' },
  full: { type: 'boolean' },
  table: { type: 'boolean' },
  budget: { type: 'string' },
  tasks: { type: 'string' },
  time: { type: 'string' },
  warmup: { type: 'string' },
  samples: { type: 'string' },
  rounds: { type: 'string' },
  'extra-rounds': { type: 'string' },
  shard: { type: 'string' },
  timeout: { type: 'string' },
  'heap-limit': { type: 'string' },
  resume: { type: 'string' },
  out: { type: 'string' },
  scenarios: { type: 'string' },
  list: { type: 'boolean' },
  serve: { type: 'boolean' },
  server: { type: 'boolean' },
  loads: { type: 'string' },
  'ping-rps': { type: 'string' },
  node: { type: 'string' },
} as const;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseOptions(argv, options);
  const args: { -readonly [K in keyof BenchArgs]: BenchArgs[K] } = {
    list: values.list ?? false,
    quick: values.quick ?? false,
    full: values.full ?? false,
    table: values.table ?? false,
    serve: values.serve ?? false,
    server: values.server ?? false,
    params: parseParams(values.param ?? []),
  };
  if (values.scenario !== undefined) args.scenarios = list('--scenario', values.scenario);
  if (values.variant !== undefined) args.variants = list('--variant', values.variant).map(toVariant);
  if (values.pool !== undefined) args.pools = [...new Set(list('--pool', values.pool).map((pool) => toPool(pool)))];
  checkPoolsRun(args.pools, args.variants);
  if (values.handoff !== undefined) args.handoffs = [...new Set(list('--handoff', values.handoff).map(toHandoff))];
  checkHandoffsRun(args.handoffs, args.variants);
  if (values.threads !== undefined) args.threads = list('--threads', values.threads).map((t) => positiveInteger('--threads', t));
  if (values.tasks !== undefined) args.tasks = positiveInteger('--tasks', values.tasks);
  if (values.time !== undefined) args.timeMs = positiveInteger('--time', values.time);
  if (values.warmup !== undefined) args.warmupMs = wholeNumber('--warmup', values.warmup);
  if (values.samples !== undefined) args.minSamples = positiveInteger('--samples', values.samples);
  if (values.rounds !== undefined) args.rounds = positiveInteger('--rounds', values.rounds);
  if (values['extra-rounds'] !== undefined) args.extraRounds = wholeNumber('--extra-rounds', values['extra-rounds']);
  if (values.budget !== undefined) args.budgetMs = duration('--budget', values.budget);
  checkRoundsOrBudget(args);
  if (values.shard !== undefined) args.shard = parseShard(values.shard);
  if (values.loads !== undefined) args.loads = list('--loads', values.loads).map((load) => positiveNumber('--loads', load));
  if (values['ping-rps'] !== undefined) args.pingRps = positiveNumber('--ping-rps', values['ping-rps']);
  if (args.server && args.serve) throw new UsageError('Expected --server or --serve, got both');
  refuseIgnoredFlags(args, values);
  // A server's jobs are built once and answered many times: a transfer would need a copy per request inside its timing.
  if (args.server && args.handoffs?.some((handoff) => handoff !== 'clone')) {
    throw new UsageError(`Expected --handoff clone in server mode, got "${args.handoffs.join(',')}"`);
  }
  if (!args.server && (args.loads !== undefined || args.pingRps !== undefined)) {
    throw new UsageError('Expected --server with --loads or --ping-rps, got no --server');
  }
  if (values.timeout !== undefined) args.timeoutMs = positiveInteger('--timeout', values.timeout);
  if (values['heap-limit'] !== undefined) args.heapLimitMb = atLeast('--heap-limit', values['heap-limit'], minHeapLimitMb);
  if (values.out !== undefined) args.out = nonEmpty('--out', values.out);
  if (values.resume !== undefined) args.resume = nonEmpty('--resume', values.resume);
  if (args.resume !== undefined && (args.server || args.serve || args.list)) {
    throw new UsageError('Expected --resume without --server, --serve or --list (only a sweep is resumed), got one');
  }
  if (values.scenarios !== undefined) args.scenarioSource = nonEmpty('--scenarios', values.scenarios);
  if (values.node !== undefined) args.nodes = list('--node', values.node);
  // A served cell is named by its id alone, and compare's A/B compares refs, not Nodes.
  if (args.nodes !== undefined && args.serve)
    throw new UsageError('Expected --node without --serve (compare --base-node compares Nodes), got both');
  return args;
}

/**
 * Flags a mode has no use for: taken silently, they would let a user believe they had an effect.
 * A server's rounds are whole loads with no follow-ups, and its window is --time, not batches; a
 * served cell runs once per request, in the round the request names.
 */
const ignoredBy = {
  server: ['extra-rounds', 'samples', 'table'],
  serve: ['rounds', 'extra-rounds', 'table'],
} as const satisfies Record<'server' | 'serve', readonly (keyof typeof options)[]>;

function refuseIgnoredFlags(args: BenchArgs, values: Readonly<Partial<Record<keyof typeof options, unknown>>>): void {
  for (const mode of ['server', 'serve'] as const) {
    const ignored = args[mode] ? ignoredBy[mode].find((flag) => values[flag] !== undefined) : undefined;
    if (ignored !== undefined) {
      throw new UsageError(
        `Expected no --${ignored} with --${mode}, which does not use it (${ignoredBy[mode].map((f) => `--${f}`).join(', ')})`,
      );
    }
  }
}

/** A budget plans the rounds; --rounds fixes them; a server or a served run has rounds of its own making. */
function checkRoundsOrBudget(args: BenchArgs): void {
  if (args.budgetMs === undefined) {
    if (args.extraRounds !== undefined && args.rounds === undefined && !args.quick) {
      throw new UsageError('Expected --rounds with --extra-rounds (follow-ups come after fixed rounds), got no --rounds');
    }
    return;
  }
  const other = args.rounds !== undefined ? '--rounds' : args.server ? '--server' : args.serve ? '--serve' : undefined;
  if (other) throw new UsageError(`Expected --budget or ${other}, got both (a budget plans the rounds itself)`);
}

export const usage = `Usage: threadbench bench [options]
       npm run bench -- [options]            (in this repository)

Runs every scenario as sync, libuv-async, spawn-per-task and pooled across thread counts,
one child process per cell, and writes results/<run-id>.csv (+ .samples.csv) and results/latest.csv.

Options:
  --scenario a,b        only these scenarios (see --list)
  --variant a,b         only these variants: ${variants.join(', ')}
  --pool a,b            the pools pooled runs on, side by side in every round: ${pools.join(', ')}
                        (default piscina)
  --handoff a,b         how spawn-per-task and pooled move a task's data, side by side in every
                        round: ${handoffs.join(', ')} (default clone; a scenario declares the others)
  --threads 1,2,4       thread counts (default: powers of two up to twice the available cores, and
                        the core count, spawn-per-task at the core count only; --quick: ${quickThreads.join(',')})
  --full                the whole sweep: spawn-per-task at every thread count, and pooled also at
                        each pool's own default size
  --param name=v1,v2    replace a parameter's values (repeatable)
  --quick               smallest params (or a scenario's quick list), threads 1,2, a short
                        sampling budget: a smoke test
  --tasks N             tasks per batch (default: the scenario's batchTasks where it declares one,
                        else max(${leastBatchTasks}, largest thread count); --quick: max(${quickLeastBatchTasks}, …))
  --time MS             sampling time per cell and round, at least --samples batches (default ${roundSampling.timeMs};
                        --quick: ${quickSampling.timeMs})
  --warmup MS           warm-up time per cell, at least one batch; 0: exactly one (default: the
                        scenario's warmupMs where it declares one, else ${roundSampling.warmupMs}; --quick: ${quickSampling.warmupMs})
  --samples N           at least this many measured batches per cell and round, timed and probed
                        in turn (default ${roundSampling.minSamples}; at least 2)
  --budget TIME         plan the rounds within this time (default ${formatDuration(defaultBudgetMs)}; 90s, 5m, 1h): every cell
                        once, then rounds of the cells within ${farBehindFactor}x of their group's fastest, up to
                        ${budgetPlan.minRounds} each, then of those whose interval is still wider than ±10%, up to ${budgetPlan.maxRounds}; each
                        cell in a fresh process every round, beside its group's sync cell
  --rounds R            instead of a budget, run the whole matrix R times, round-robin (--quick: 1);
                        each cell's answer folds its rounds, setting aside those the host slowed:
                        the median, with a 95% interval between rounds
  --extra-rounds N      with --rounds, then up to N more rounds of only the cells whose interval is
                        still wider than ±10% (default: as many as --rounds, within
                        ${followUpTimeShare * 100}% of the time the rounds took; --quick or --rounds 1: none)
  --table               print every cell's folded row before the answer (the summary CSV has them)
  --shard i/n           run only shard i of n (whole scenario-and-params groups), for CI job matrices
  --timeout MS          kill a cell after this long, recorded as status timeout (default ${defaultTimeoutMs})
  --heap-limit MIB      V8 heap limit of each thread of a cell, main and workers (at least ${minHeapLimitMb};
                        default: a quarter of the machine's memory, at most ${maxDefaultHeapLimitMb}); a kernel past it
                        reads "out of memory"; a cell whose resident memory passes its threads' limits
                        and 512 MiB more (or half the machine's memory) is killed as out of memory
  --out FILE            write the CSV here (samples beside it) instead of results/<run-id>.csv
  --resume RUN          continue an interrupted run (its id under results/, or its CSV): its own flags,
                        the rounds it wrote kept, the rest measured, all of it folded; refused if the
                        flags, scenarios, commit, Node or machine differ from its plan (RUN.plan.json)
  --node a,b            run every cell under each of these Nodes, side by side in every round: a
                        major (24) or an exact version (24.1.0), installed once from the npm
                        registry into ~/.cache/threadbench/node (THREADBENCH_CACHE_DIR), or the
                        path of a node binary (default: the Node running threadbench)
  --scenarios PATH      load scenarios from this directory or .js file instead of the built-ins
  --list                list scenarios, their params and the variants each supports (threadbench list)
  --serve               run cells on request instead of sweeping: one JSON line per cell on stdin
                        ({"round":1,"cell":"ID"}), one answer per line on stdout; what compare's
                        interleaved A/B drives, one server per side
  --server              server mode: every cell behind a node:http server, /work?i=N running the
                        variant and /ping beside it, under an open-loop load from a process of its
                        own (README, "Server mode"); writes results/<run-id>.server.csv
  --loads a,b           server mode: offered loads in units of the sync cell's measured capacity
                        (default ${serverDefaults.loads.join(',')})
  --ping-rps N          server mode: the rate of /ping requests (default ${serverDefaults.pingRps})
                        In server mode --time is each load's measured window (default ${serverDefaults.windowMs}),
                        --warmup the load before it (default ${serverDefaults.loadWarmupMs}), --rounds ${serverDefaults.rounds} by default.
  -h, --help            this text

Exit codes: 0 every cell measured (or n/a), 1 some cell failed, crashed, timed out or mismatched,
2 bad input, 3 the tool itself failed, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (what was measured is kept and folded).`;

/** A whole number no smaller than `least`, or one line naming both. */
function atLeast(flag: string, text: string, least: number): number {
  const value = positiveInteger(flag, text);
  if (value < least) throw new UsageError(`Expected ${flag} to be at least ${least}, got "${text}"`);
  return value;
}
