// What one `threadbench compare` will do, resolved once from its flags: which two sides it
// compares (two sets of result files, two pools or two Nodes of one run, or an interleaved A/B of
// two git refs, whose setup and matrix it names), how it judges, and what it writes besides its
// table. Every default comes from gateDefaults (compare/verdict.ts); the help text is written from
// the same table.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pool } from '../api/pool.js';
import type { AbOptions } from '../compare/ab-run.js';
import { gateDefaults, type Metric } from '../compare/verdict.js';
import { UsageError } from '../plan/errors.js';
import { readCsvTable } from '../results/csv-read.js';
import { fileStamp, resultsDir } from '../results/paths.js';
import { positiveInteger, toPool } from './flags.js';
import { formatOptions, type OptionTable } from './option-table.js';
import { type ParsedOptions, parseOptions } from './parse-options.js';

/** Every flag of `threadbench compare`: what the parser reads, and what --help and docs/reference/cli.md say. */
export const compareOptions = {
  base: {
    type: 'string',
    multiple: true,
    value: 'FILE',
    help: 'a base result CSV (repeatable: the rounds of one side), in place of the first positional',
  },
  head: { type: 'string', multiple: true, value: 'FILE', help: 'a head result CSV (repeatable), in place of the second positional' },
  'base-pool': { type: 'string', value: 'POOL', help: 'the pool to compare against, in a run of several pools (bench --pool a,b)' },
  'head-pool': { type: 'string', value: 'POOL', help: 'the pool to judge' },
  'base-node': {
    type: 'string',
    value: 'VERSION',
    help: 'the Node to compare against, in a run of several (bench --node a,b): a major, or exact',
  },
  'head-node': { type: 'string', value: 'VERSION', help: 'the Node to judge' },
  'base-ref': { type: 'string', value: 'REF', help: 'A/B: the ref to compare against (a branch, tag or commit)' },
  baseline: {
    type: 'string',
    value: 'FILE',
    help: 'A/B against the commit FILE was measured at (its git_commit column): what npm run bench:check does with results/baseline.csv',
  },
  'head-ref': { type: 'string', value: 'REF', help: 'A/B: the ref to judge', defaultText: 'this checkout as it stands' },
  rounds: {
    type: 'string',
    value: 'N',
    help: 'A/B: rounds, each a base and a head run in ABBA order',
    defaultText: String(gateDefaults.abRounds),
  },
  bench: {
    type: 'string',
    value: '"ARGS"',
    help: 'A/B: the arguments of every bench run',
    defaultText: '"--quick"; in your project "--quick --scenarios threadbench"',
  },
  setup: {
    type: 'string',
    value: '"COMMAND"',
    help: 'A/B: the shell command that readies a checked-out ref',
    defaultText: 'npm ci, pnpm, yarn or bun by its lock file, then its build script if it has one',
  },
  'out-dir': { type: 'string', value: 'DIR', help: 'A/B: where the per-round CSVs go', defaultText: 'results/ab-<time>' },
  threshold: {
    type: 'string',
    value: 'PCT',
    help: 'the smallest change that counts, in percent',
    defaultText: String(gateDefaults.threshold * 100),
  },
  alpha: { type: 'string', value: 'P', help: "the family-wise error rate of Holm's correction", defaultText: String(gateDefaults.alpha) },
  metric: {
    type: 'string',
    value: 'M',
    help: 'throughput or speedup',
    defaultText: 'throughput when both sides ran on the same machine and Node, speedup_vs_sync otherwise',
  },
  markdown: { type: 'string', value: 'FILE', help: 'also write Markdown (a PR comment, or $GITHUB_STEP_SUMMARY)' },
  json: { type: 'string', value: 'FILE', help: 'also write the comparison as JSON' },
  bmf: { type: 'string', value: 'FILE', help: "also write head's results in Bencher Metric Format" },
  'github-benchmark': {
    type: 'string',
    value: 'FILE',
    help: "also write head's results for github-action-benchmark (customBiggerIsBetter)",
  },
} as const satisfies OptionTable;

export const usage = `Usage: threadbench compare <base.csv> <head.csv> [options]
       threadbench compare --base a.csv --base b.csv --head c.csv --head d.csv [options]   (rounds of each side)
       threadbench compare --base-ref <git ref> [--head-ref <ref>] [--rounds N] [options]  (interleaved A/B)
       threadbench compare <run.csv> --base-pool piscina --head-pool tinypool [options]   (two pools of one run)
       threadbench compare <run.csv> --base-node 22 --head-node 24 [options]              (two Nodes of one run)
       npm run compare -- …                                                    (in this repository)

Compares every cell present in both result sets (samples files found beside them): relative
change with a 95% CI; a 20%-trimmed paired t-test on the rounds' log ratios where base and head
were measured back to back (an A/B, two pools or two Nodes of one run), Welch's t-test where they
were not; Holm's correction across cells. A regression needs both significance and a change
beyond the threshold.

A/B: each ref is checked out in a git worktree and set up (its lock file's install, then its
build, or --setup); then the same cells run alternating base and head (ABBA) for N rounds.
Without --head-ref, head is this checkout as it stands. In threadbench's own repository each
side runs its own build of threadbench on --quick. In your project both sides run the
threadbench installed here on your scenarios: ./threadbench (what threadbench init writes) or
--bench "--scenarios DIR …".

Two pools of one run (bench --pool a,b): each pool's pooled cells against the other's at the
same thread count, round by round (the rounds measured them moments apart), same statistics.
Two Nodes of one run (bench --node a,b) likewise: every cell under one Node against the same cell
under the other, each speedup against its own Node's sync cell.

${formatOptions(compareOptions)}

Exit codes: 0 no regression, 1 a regression or a cell that head broke, 2 bad input,
3 the tool failed (a git, npm or bench step that broke, an unwritable output).`;

/** The A/B's own choices; where its CSVs go is already absolute (each round runs in its own checkout). */
export type AbPlan = Pick<AbOptions, 'baseRef' | 'headRef' | 'rounds' | 'benchArgs' | 'setup' | 'outDir'>;

/** What is compared with what. */
export type CompareSides =
  | { readonly kind: 'files'; readonly basePaths: readonly string[]; readonly headPaths: readonly string[] }
  | { readonly kind: 'pools'; readonly paths: readonly string[]; readonly pools: readonly [Pool, Pool] }
  | { readonly kind: 'nodes'; readonly paths: readonly string[]; readonly nodes: readonly [string, string] }
  | { readonly kind: 'ab'; readonly ab: AbPlan };

export interface ComparePlan {
  readonly sides: CompareSides;
  readonly threshold: number;
  readonly alpha: number;
  /** Absent: throughput where both sides ran on one machine and Node, speedup_vs_sync otherwise (known once they are read). */
  readonly metric?: Metric;
  /** Where each output besides the table goes, if asked for. */
  readonly outputs: {
    readonly markdown?: string;
    readonly json?: string;
    readonly bmf?: string;
    readonly githubBenchmark?: string;
  };
}

/** The flags, checked and resolved once: a bad combination is refused before anything runs (an A/B takes minutes). */
export function parseCompareArgs(argv: readonly string[]): ComparePlan {
  const { values, positionals } = parseOptions(argv, compareOptions, true, ['bench']);
  return {
    sides: sidesOf(values, positionals),
    threshold: values.threshold === undefined ? gateDefaults.threshold : percent('--threshold', values.threshold) / 100,
    alpha: values.alpha === undefined ? gateDefaults.alpha : probability('--alpha', values.alpha),
    ...(values.metric === undefined ? {} : { metric: toMetric(values.metric) }),
    outputs: {
      ...(values.markdown === undefined ? {} : { markdown: values.markdown }),
      ...(values.json === undefined ? {} : { json: values.json }),
      ...(values.bmf === undefined ? {} : { bmf: values.bmf }),
      ...(values['github-benchmark'] === undefined ? {} : { githubBenchmark: values['github-benchmark'] }),
    },
  };
}

type CompareValues = ParsedOptions<typeof compareOptions>['values'];

function sidesOf(values: CompareValues, positionals: readonly string[]): CompareSides {
  if (values['base-ref'] !== undefined && values.baseline !== undefined)
    throw new UsageError('Expected --base-ref or --baseline, got both');
  const baseRef = values.baseline !== undefined ? baselineCommit(values.baseline) : values['base-ref'];
  const pools = poolsToCompare(values['base-pool'], values['head-pool']);
  if (pools && (baseRef !== undefined || values.base || values.head || positionals.length !== 1)) {
    throw new UsageError('Expected one result CSV with --base-pool and --head-pool, and no --base, --head or --base-ref');
  }
  const nodes = nodesToCompare(values['base-node'], values['head-node']);
  if (nodes && pools) throw new UsageError('Expected --base-pool/--head-pool or --base-node/--head-node, got both');
  if (nodes && (baseRef !== undefined || values.base || values.head || positionals.length !== 1)) {
    throw new UsageError('Expected one result CSV with --base-node and --head-node, and no --base, --head or --base-ref');
  }
  const abOnly = (['head-ref', 'rounds', 'bench', 'setup', 'out-dir'] as const).filter((name) => values[name] !== undefined);
  if (baseRef === undefined && abOnly.length > 0) {
    throw new UsageError(`Expected --${abOnly[0]} only with --base-ref or --baseline (an A/B), got it comparing result files`);
  }
  if (pools) return { kind: 'pools', paths: [...positionals], pools };
  if (nodes) return { kind: 'nodes', paths: [...positionals], nodes };
  if (baseRef === undefined) {
    const [basePaths, headPaths] = sides(positionals, values.base, values.head);
    return { kind: 'files', basePaths, headPaths };
  }
  if (positionals.length > 0 || values.base || values.head)
    throw new UsageError('Expected either result CSVs or --base-ref/--baseline, got both');
  return {
    kind: 'ab',
    ab: {
      baseRef,
      ...(values['head-ref'] !== undefined ? { headRef: values['head-ref'] } : {}),
      rounds: values.rounds === undefined ? gateDefaults.abRounds : positiveInteger('--rounds', values.rounds),
      ...(values.bench !== undefined ? { benchArgs: values.bench.split(/\s+/).filter(Boolean) } : {}),
      ...(values.setup !== undefined ? { setup: nonEmptySetup(values.setup) } : {}),
      // Absolute: every bench round runs with its own checkout as the working directory.
      outDir: values['out-dir'] !== undefined ? resolve(values['out-dir']) : resultsDir(`ab-${fileStamp(new Date())}`),
    },
  };
}

/**
 * The commit a baseline CSV was measured at. Its numbers are another moment of a shared host, so
 * they are not compared with this run's; its code is measured again, interleaved with this checkout's.
 */
function baselineCommit(path: string): string {
  if (!existsSync(path)) throw new UsageError(`Expected the baseline CSV "${path}" to exist, found no such file`);
  const commit = readCsvTable(path).rows[0]?.git_commit ?? '';
  if (commit === '') throw new UsageError(`Expected "${path}" to name the commit it was measured at (git_commit), got none`);
  if (commit.endsWith('-dirty'))
    process.stderr.write(
      `compare: ${path} was measured with uncommitted changes on top of ${commit.slice(0, -'-dirty'.length)}: comparing with that commit\n`,
    );
  return commit.replace(/-dirty$/, '');
}

function nonEmptySetup(command: string): string {
  if (command.trim() === '') throw new UsageError('Expected --setup to be a shell command (e.g. "npm ci && npm run build"), got ""');
  return command;
}

function poolsToCompare(base: string | undefined, head: string | undefined): [Pool, Pool] | undefined {
  if (base === undefined && head === undefined) return undefined;
  if (base === undefined || head === undefined) throw new UsageError('Expected --base-pool and --head-pool together, got one');
  const pair: [Pool, Pool] = [toPool(base, '--base-pool'), toPool(head, '--head-pool')];
  if (pair[0] === pair[1]) throw new UsageError(`Expected two different pools, got ${base} twice`);
  return pair;
}

function nodesToCompare(base: string | undefined, head: string | undefined): [string, string] | undefined {
  if (base === undefined && head === undefined) return undefined;
  if (base === undefined || head === undefined) throw new UsageError('Expected --base-node and --head-node together, got one');
  for (const [flag, spec] of [
    ['--base-node', base],
    ['--head-node', head],
  ] as const) {
    if (!/^v?\d+(\.\d+\.\d+)?$/.test(spec))
      throw new UsageError(`Expected ${flag} to be a Node major (24) or exact version (24.1.0), got "${spec}"`);
  }
  return [base.replace(/^v/, ''), head.replace(/^v/, '')];
}

function sides(
  positionals: readonly string[],
  base: readonly string[] | undefined,
  head: readonly string[] | undefined,
): [string[], string[]] {
  if (base || head) {
    if (positionals.length > 0 || !base || !head)
      throw new UsageError('Expected either <base.csv> <head.csv> or --base … --head …, got a mix');
    return [[...base], [...head]];
  }
  if (positionals.length !== 2) throw new UsageError(`Expected two result CSVs, <base.csv> <head.csv>, got ${positionals.length}`);
  return [[positionals[0] ?? ''], [positionals[1] ?? '']];
}

function toMetric(text: string): Metric {
  if (text !== 'throughput' && text !== 'speedup') throw new UsageError(`Expected --metric to be throughput or speedup, got "${text}"`);
  return text;
}

function percent(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 100)
    throw new UsageError(`Expected ${flag} to be a percentage between 0 and 100, got "${text}"`);
  return value;
}

function probability(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 1)
    throw new UsageError(`Expected ${flag} to be a probability between 0 and 1, got "${text}"`);
  return value;
}
