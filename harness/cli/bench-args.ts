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
import { formatOptions, type OptionTable } from './option-table.js';
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

/** Every flag of `threadbench bench`: what the parser reads, and what --help and docs/reference/cli.md say. */
export const benchOptions = {
  scenario: { type: 'string', value: 'a,b', help: 'only these scenarios (see --list)' },
  variant: { type: 'string', value: 'a,b', help: `only these variants: ${variants.join(', ')}` },
  pool: {
    type: 'string',
    value: 'a,b',
    help: `the pools pooled runs on, side by side in every round: ${pools.join(', ')}`,
    defaultText: 'piscina',
  },
  handoff: {
    type: 'string',
    value: 'a,b',
    help: `how spawn-per-task and pooled move a task's data, side by side in every round: ${handoffs.join(', ')}; a scenario declares the modes it supports, and gets n/a rows for the others`,
    defaultText: 'clone',
  },
  threads: {
    type: 'string',
    value: '1,2,4',
    help: 'thread counts of the parallel variants',
    defaultText: `powers of two up to twice the available cores, and the core count; spawn-per-task at the core count only; --quick: ${quickThreads.join(',')}`,
  },
  full: { type: 'boolean', help: "the whole sweep: spawn-per-task at every thread count, and pooled also at each pool's own default size" },
  param: { type: 'string', multiple: true, value: 'name=v1,v2', help: "replace a parameter's values (repeatable)" },
  quick: {
    type: 'boolean',
    help: "a smoke test: the smallest params (or a scenario's quick list), threads 1,2, one round of a short sampling",
  },
  budget: {
    type: 'string',
    value: 'TIME',
    help: `plan the rounds within this time (90s, 5m, 1h): every cell once, then rounds of the cells within ${farBehindFactor}x of their group's fastest, up to ${budgetPlan.minRounds} each, then of those still unstable, up to ${budgetPlan.maxRounds}; each cell in a fresh process every round, beside its group's sync cell`,
    defaultText: formatDuration(defaultBudgetMs),
  },
  rounds: {
    type: 'string',
    value: 'R',
    help: "instead of a budget, run the whole matrix R times, round-robin; each cell's answer folds its rounds, setting aside those the host slowed: the median, with a 95% interval between rounds",
    defaultText: `a budget; --quick: 1; --server: ${serverDefaults.rounds}`,
  },
  'extra-rounds': {
    type: 'string',
    value: 'N',
    help: 'with --rounds, then up to N more rounds of only the cells still unstable',
    defaultText: `as many as --rounds, within ${followUpTimeShare * 100}% of the time the rounds took; none with --quick or --rounds 1`,
  },
  table: { type: 'boolean', help: "print every cell's folded row before the answer (the summary CSV has them)" },
  tasks: {
    type: 'string',
    value: 'N',
    help: 'tasks per batch',
    defaultText: `the scenario's batchTasks where it declares one, else max(${leastBatchTasks}, the largest thread count); --quick: max(${quickLeastBatchTasks}, …)`,
  },
  time: {
    type: 'string',
    value: 'MS',
    help: "sampling time per cell and round, at least --samples batches; in server mode, each load's measured window",
    defaultText: `${roundSampling.timeMs}; --quick: ${quickSampling.timeMs}; --server: ${serverDefaults.windowMs}`,
  },
  warmup: {
    type: 'string',
    value: 'MS',
    help: 'warm-up time per cell, at least one batch (0: exactly one); in server mode, the load before each measured window',
    defaultText: `the scenario's warmupMs where it declares one, else ${roundSampling.warmupMs}; --quick: ${quickSampling.warmupMs}; --server: ${serverDefaults.loadWarmupMs}`,
  },
  samples: {
    type: 'string',
    value: 'N',
    help: 'at least this many measured batches per cell and round, timed and probed in turn (at least 2)',
    defaultText: `${roundSampling.minSamples}; --quick: ${quickSampling.minSamples}`,
  },
  shard: { type: 'string', value: 'i/n', help: 'run only shard i of n (whole scenario-and-params groups), for CI job matrices' },
  timeout: {
    type: 'string',
    value: 'MS',
    help: 'kill a cell after this long, recorded as status timeout',
    defaultText: String(defaultTimeoutMs),
  },
  'heap-limit': {
    type: 'string',
    value: 'MIB',
    help: `V8 heap limit of each thread of a cell, main and workers (at least ${minHeapLimitMb}); a kernel past it reads "out of memory", and a cell whose resident memory passes its threads' limits and 512 MiB more (or half the machine's memory) is killed as out of memory`,
    defaultText: `a quarter of the machine's memory, at most ${maxDefaultHeapLimitMb}`,
  },
  out: {
    type: 'string',
    value: 'FILE',
    help: 'write the cells CSV here and the other files beside it (run.csv: run.samples.csv, run.summary.csv, run.plan.json), and no results/latest.* copies',
    defaultText: 'results/<run-id>.csv',
  },
  resume: {
    type: 'string',
    value: 'RUN',
    help: 'continue an interrupted run (its id under results/, or its CSV) with its own flags: the rounds it wrote are kept, the rest measured, all of it folded; refused if the flags, scenarios, commit, Node or machine differ from its plan (RUN.plan.json)',
  },
  node: {
    type: 'string',
    value: 'a,b',
    help: 'run every cell under each of these Nodes, side by side in every round: a major (24) or an exact version (24.1.0), installed once from the npm registry into ~/.cache/threadbench/node (THREADBENCH_CACHE_DIR), or the path of a node binary',
    defaultText: 'the Node running threadbench',
  },
  scenarios: {
    type: 'string',
    value: 'PATH',
    help: 'load scenarios from this directory or file (.js, .mjs; .ts and .mts where Node strips types) instead of the built-ins',
  },
  list: { type: 'boolean', help: 'list the scenarios, their params and the variants each supports (threadbench list)' },
  serve: {
    type: 'boolean',
    help: 'run cells on request instead of sweeping: one JSON line per cell on stdin ({"round":1,"cell":"ID"}), one answer per line on stdout; what compare\'s interleaved A/B drives, one server per side',
  },
  server: {
    type: 'boolean',
    help: 'server mode: every cell behind a node:http server, /work?i=N running the variant and /ping beside it, under an open-loop load from a process of its own; writes results/<run-id>.server.csv (docs/guide/server-mode.md)',
  },
  loads: {
    type: 'string',
    value: 'a,b',
    help: "server mode: the offered loads, in units of the sync cell's measured capacity",
    defaultText: serverDefaults.loads.join(','),
  },
  'ping-rps': { type: 'string', value: 'N', help: 'server mode: the rate of /ping requests', defaultText: String(serverDefaults.pingRps) },
} as const satisfies OptionTable;

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const { values } = parseOptions(argv, benchOptions);
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
} as const satisfies Record<'server' | 'serve', readonly (keyof typeof benchOptions)[]>;

function refuseIgnoredFlags(args: BenchArgs, values: Readonly<Partial<Record<keyof typeof benchOptions, unknown>>>): void {
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
one child process per cell, and writes results/<run-id>.csv (+ .samples.csv, .summary.csv) and
the results/latest.* copies; then prints the answer.

${formatOptions(benchOptions)}

Exit codes: 0 every cell measured (or n/a), 1 some cell failed, crashed, timed out or mismatched,
2 bad input, 3 the tool itself failed, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (what was measured is kept and folded).`;

/** A whole number no smaller than `least`, or one line naming both. */
function atLeast(flag: string, text: string, least: number): number {
  const value = positiveInteger(flag, text);
  if (value < least) throw new UsageError(`Expected ${flag} to be at least ${least}, got "${text}"`);
  return value;
}
