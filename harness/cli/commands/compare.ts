// `threadbench compare <base.csv> <head.csv>`: is head slower than base, beyond noise?
// plan (compare-args.ts) → the sides (an A/B measures them first) → the judgement → the outputs.
// Exit codes (run-cli.ts): 0 no regression, 1 a regression (or a cell head broke),
// 2 bad input, 3 the tool failed (a git, npm or bench step that broke, an unwritable output).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Pool } from '../../api/pool.js';
import { runAb } from '../../compare/ab-run.js';
import { formatBencherMetricFormat, formatComparisonJson, formatGithubActionBenchmark } from '../../compare/output/benchmark-services.js';
import { formatComparisonTable } from '../../compare/output/comparison-table.js';
import { formatComparisonMarkdown } from '../../compare/output/markdown.js';
import { commonRounds, nodeSide, nodesOf, poolSide, type ResultSet, readResultSet } from '../../compare/result-set.js';
import { compareResultSets, failsCheck } from '../../compare/verdict.js';
import { variantOfLabel } from '../../plan/cell.js';
import { UsageError } from '../../plan/errors.js';
import { describeSchemaDifference } from '../../results/csv-read.js';
import type { Command } from '../command.js';
import { type CompareSides, compareOptions, parseCompareArgs, usage } from '../compare-args.js';
import { abortOnStopSignals } from '../interrupt.js';
import { exitCodes } from '../run-cli.js';

// The A/B checks refs out of the repository it is run in (checkout.ts).
const projectRoot = process.cwd();

async function main(argv: readonly string[]): Promise<number> {
  const plan = parseCompareArgs(argv);
  const { base, head, basePaths, headPaths } = await readSides(plan.sides);
  // Both sides have every column the check reads (readResultSet makes sure); a change that adds
  // or drops other columns must still be checkable against the branch it changes.
  if (base.schema.join() !== head.schema.join()) {
    process.stderr.write(
      `compare: base and head differ in columns the check does not read: ${describeSchemaDifference(base.schema, head.schema)} in head\n`,
    );
  }
  if (![...head.cells.keys()].some((id) => base.cells.has(id))) {
    throw new UsageError(
      `Expected base and head to have cells in common, got none (base ${basePaths.join(', ')}; head ${headPaths.join(', ')})`,
    );
  }
  // Two Nodes of one run share the machine and its moments: their throughput compares.
  const sameMachine = plan.sides.kind === 'nodes' || base.machine === head.machine;
  const metric = plan.metric ?? (sameMachine ? 'throughput' : 'speedup');
  if (!sameMachine && plan.metric === undefined) {
    process.stderr.write(`compare: base and head ran on different machines or Node versions; judging speedup_vs_sync, not throughput\n`);
  }
  const comparison = compareResultSets(base, head, { threshold: plan.threshold, alpha: plan.alpha, metric });
  const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
  process.stdout.write(`${formatComparisonTable(comparison, colour)}\n`);
  const { outputs } = plan;
  const written: [string | undefined, () => string][] = [
    [outputs.markdown, () => formatComparisonMarkdown(comparison)],
    [outputs.json, () => formatComparisonJson(comparison)],
    [outputs.bmf, () => formatBencherMetricFormat(comparison)],
    [outputs.githubBenchmark, () => formatGithubActionBenchmark(comparison)],
  ];
  for (const [path, format] of written) if (path !== undefined) writeFileSync(path, format());
  return failsCheck(comparison) ? exitCodes.resultSaysNo : exitCodes.ok;
}

interface Sides {
  readonly base: ResultSet;
  readonly head: ResultSet;
  readonly basePaths: readonly string[];
  readonly headPaths: readonly string[];
}

/** The two sides as result sets: read from files, or from the rounds an A/B measures first. */
async function readSides(sides: CompareSides): Promise<Sides> {
  switch (sides.kind) {
    case 'pools': {
      const [base, head] = poolSides(sides.paths, sides.pools);
      return { base, head, basePaths: sides.paths, headPaths: [] };
    }
    case 'nodes': {
      const [base, head] = nodeSides(sides.paths, sides.nodes);
      return { base, head, basePaths: sides.paths, headPaths: [] };
    }
    case 'files':
      return { ...readPaths(sides.basePaths, sides.headPaths) };
    case 'ab': {
      const ab = await runAb({
        ...sides.ab,
        projectRoot,
        installedBench: [fileURLToPath(new URL('../main.js', import.meta.url)), 'bench'],
        log: (line) => process.stderr.write(`compare: ${line}\n`),
        signal: abortOnStopSignals(),
      });
      return readPaths(ab.basePaths, ab.headPaths);
    }
  }
}

function readPaths(basePaths: readonly string[], headPaths: readonly string[]): Sides {
  return { base: readResultSet(basePaths, 'base'), head: readResultSet(headPaths, 'head'), basePaths, headPaths };
}

/** Both pools' cells of one run, each as a side; a pool the run did not measure is bad input. */
function poolSides(paths: readonly string[], [basePool, headPool]: readonly [Pool, Pool]): [ResultSet, ResultSet] {
  const run = readResultSet(paths, 'the');
  const [base, head] = [poolSide(run, basePool), poolSide(run, headPool)];
  for (const [pool, side] of [
    [basePool, base],
    [headPool, head],
  ] as const) {
    if (side.cells.size === 0) {
      const measured = [...new Set([...run.cells.values()].filter((c) => variantOfLabel(c.variant) === 'pooled').map((c) => c.variant))];
      throw new UsageError(`Expected ${paths.join(', ')} to hold pooled cells of ${pool}, got ${measured.join(', ') || 'no pooled cells'}`);
    }
  }
  return commonRounds(base, head);
}

/** Both Nodes' cells of one run, each as a side; a Node the run did not measure under, or two it matches, is bad input. */
function nodeSides(paths: readonly string[], specs: readonly [string, string]): [ResultSet, ResultSet] {
  const run = readResultSet(paths, 'the');
  const measured = nodesOf(run);
  const [baseVersion, headVersion] = specs.map((spec, index) => {
    const flag = index === 0 ? '--base-node' : '--head-node';
    const matching = measured.filter((version) => version === spec || version.startsWith(`${spec}.`));
    if (matching.length !== 1) {
      throw new UsageError(
        `Expected ${flag} ${spec} to name one Node that ${paths.join(', ')} ran under, got ${matching.length === 0 ? 'none' : matching.join(' and ')} of ${measured.join(', ') || 'no --node run (one Node only)'}`,
      );
    }
    return matching[0] ?? '';
  }) as [string, string];
  if (baseVersion === headVersion) throw new UsageError(`Expected two different Nodes, got ${baseVersion} twice`);
  return commonRounds(nodeSide(run, baseVersion), nodeSide(run, headVersion));
}

export const compareCommand: Command = {
  name: 'compare',
  usage,
  options: compareOptions,
  run: main,
};
