// The head side in the formats continuous-benchmarking services read, so a team already on one
// of them can feed it: Bencher Metric Format and github-action-benchmark's customBiggerIsBetter.
import type { Comparison } from '../verdict.js';

/** Bencher Metric Format: { benchmark: { measure: { value } } }. */
export function formatBencherMetricFormat(comparison: Comparison): string {
  const measure = comparison.metric === 'throughput' ? 'throughput' : 'speedup';
  const entries = comparison.cells
    .filter((cell) => cell.headMean !== undefined)
    .map((cell) => [cell.id, { [measure]: { value: cell.headMean } }] as const);
  return `${JSON.stringify(Object.fromEntries(entries), null, 2)}\n`;
}

/** github-action-benchmark, tool `customBiggerIsBetter`: [{ name, unit, value, extra }]. */
export function formatGithubActionBenchmark(comparison: Comparison): string {
  const unit = comparison.metric === 'throughput' ? 'tasks/s' : 'x vs sync';
  const entries = comparison.cells
    .filter((cell) => cell.headMean !== undefined)
    .map((cell) => ({
      name: cell.id,
      unit,
      value: cell.headMean,
      extra: `verdict: ${cell.verdict}${cell.change !== undefined ? `, change ${(cell.change * 100).toFixed(1)}% vs base` : ''}`,
    }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

export function formatComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}
