// `npm run compare -- <base.csv> <head.csv>`: is head slower than base, beyond noise?
// Exit codes: 0 no regression, 1 a regression (or a cell head broke), 2 bad input.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { describeSchemaDifference, readResultSet } from '../harness/compare/result-set.js';
import { compareResultSets, failsCheck, type Metric } from '../harness/compare/verdict.js';
import { formatComparisonMarkdown } from '../harness/exporters/comparison/markdown.js';
import { formatBencherMetricFormat, formatComparisonJson, formatGithubActionBenchmark } from '../harness/exporters/comparison/services.js';
import { formatComparisonTable } from '../harness/exporters/comparison/table.js';
import { UsageError } from '../harness/usage-error.js';

const usage = `Usage: npm run compare -- <base.csv> <head.csv> [options]
       npm run compare -- --base a.csv --base b.csv --head c.csv --head d.csv [options]   (rounds of each side)

Compares every cell present in both result sets (samples files found beside them): relative
change with a 95% CI, Welch's t-test, Holm's correction across cells. A regression needs both
significance and a change beyond the threshold.

Options:
  --threshold PCT          smallest change that counts, in percent (default 5)
  --alpha P                family-wise error rate for Holm's correction (default 0.05)
  --metric M               throughput or speedup (default: throughput when both sides ran on the
                           same machine and Node, speedup_vs_sync otherwise)
  --markdown FILE          also write Markdown (a PR comment, or $GITHUB_STEP_SUMMARY)
  --json FILE              also write the comparison as JSON
  --bmf FILE               also write head's results in Bencher Metric Format
  --github-benchmark FILE  also write head's results for github-action-benchmark (customBiggerIsBetter)

Exit codes: 0 no regression, 1 a regression or a cell that head broke, 2 bad input.`;

const options = {
  base: { type: 'string', multiple: true },
  head: { type: 'string', multiple: true },
  threshold: { type: 'string' },
  alpha: { type: 'string' },
  metric: { type: 'string' },
  markdown: { type: 'string' },
  json: { type: 'string' },
  bmf: { type: 'string' },
  'github-benchmark': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message.split('\n')[0] : String(error)} Valid options: ${Object.keys(options).map((o) => `--${o}`).join(', ')}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const [basePaths, headPaths] = sides(positionals, values.base, values.head);
  const base = readResultSet(basePaths, 'base');
  const head = readResultSet(headPaths, 'head');
  if (base.schema.join() !== head.schema.join()) {
    throw new UsageError(`Expected base and head to share one schema, got ${describeSchemaDifference(base.schema, head.schema)} in head`);
  }
  if (![...head.cells.keys()].some((id) => base.cells.has(id))) {
    throw new UsageError(`Expected base and head to have cells in common, got none (base ${basePaths.join(', ')}; head ${headPaths.join(', ')})`);
  }
  const sameMachine = base.machine === head.machine;
  const metric = values.metric === undefined ? (sameMachine ? 'throughput' : 'speedup') : toMetric(values.metric);
  if (!sameMachine && values.metric === undefined) {
    process.stderr.write(`compare: base and head ran on different machines or Node versions; judging speedup_vs_sync, not throughput\n`);
  }
  const comparison = compareResultSets(base, head, {
    threshold: percent('--threshold', values.threshold ?? '5') / 100,
    alpha: probability('--alpha', values.alpha ?? '0.05'),
    metric,
  });
  const colour = process.stdout.isTTY === true && !process.env['NO_COLOR'];
  process.stdout.write(`${formatComparisonTable(comparison, colour)}\n`);
  const outputs: [string | undefined, () => string][] = [
    [values.markdown, () => formatComparisonMarkdown(comparison)],
    [values.json, () => formatComparisonJson(comparison)],
    [values.bmf, () => formatBencherMetricFormat(comparison)],
    [values['github-benchmark'], () => formatGithubActionBenchmark(comparison)],
  ];
  for (const [path, format] of outputs) if (path !== undefined) writeFileSync(path, format());
  return failsCheck(comparison) ? 1 : 0;
}

function sides(positionals: readonly string[], base: readonly string[] | undefined, head: readonly string[] | undefined): [string[], string[]] {
  if (base || head) {
    if (positionals.length > 0 || !base || !head) throw new UsageError('Expected either <base.csv> <head.csv> or --base … --head …, got a mix');
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
  if (!Number.isFinite(value) || value <= 0 || value >= 100) throw new UsageError(`Expected ${flag} to be a percentage between 0 and 100, got "${text}"`);
  return value;
}

function probability(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0 || value >= 1) throw new UsageError(`Expected ${flag} to be a probability between 0 and 1, got "${text}"`);
  return value;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`compare: ${error.message}\n`);
  process.exitCode = 2;
}
