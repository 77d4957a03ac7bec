// The comparison as Markdown, for a pull-request comment or $GITHUB_STEP_SUMMARY.

import { markdownCode, markdownText } from '../../results/markdown-text.js';
import type { Comparison, Verdict } from '../verdict.js';
import {
  byVerdict,
  countVerdicts,
  falsePositiveFooter,
  formatChange,
  formatCi,
  formatEfficiency,
  formatEld,
  formatMde,
  formatP,
  formatValue,
  machinesLine,
  sensitivityLine,
} from './format.js';

const marks: Record<Verdict, string> = {
  regression: '🔴 ↓',
  failed: '⚠️',
  improvement: '🟢 ↑',
  inconclusive: '❔',
  missing: '➖',
  new: '🆕',
  unchanged: '',
};

export function formatComparisonMarkdown(comparison: Comparison): string {
  const sorted = byVerdict(comparison.cells);
  const rows = sorted.map((cell) =>
    [
      marks[cell.verdict],
      markdownCode(cell.id),
      formatValue(cell.baseMean, comparison),
      formatValue(cell.headMean, comparison),
      formatChange(cell),
      formatCi(cell),
      formatP(cell),
      formatMde(cell),
      `**${cell.verdict}**`,
      formatEfficiency(cell),
      formatEld(cell),
      markdownText(cell.note),
    ].join(' | '),
  );
  return [
    `## threadbench: ${countVerdicts(comparison)}`,
    '',
    markdownText(`${machinesLine(comparison)}. ${sensitivityLine(comparison)}`.trim()),
    '',
    '| | cell | base | head | change | 95% CI | p (Holm) | could see | verdict | efficiency | event-loop p99 (ms) | note |',
    '|---|---|--:|--:|--:|---|--:|--:|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
    '',
    `<sub>${falsePositiveFooter(comparison)} Stars: *** p < 0.001, ** p < 0.01, * p < 0.05. ↑ after an event-loop figure: the main thread got clearly less responsive.</sub>`,
    '',
  ].join('\n');
}
