// The comparison as a terminal table; colour only when asked (a terminal without NO_COLOR).
import { styleText } from 'node:util';
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

const colours: Partial<Record<Verdict, Parameters<typeof styleText>[0]>> = { regression: 'red', failed: 'yellow', improvement: 'green' };

export function formatComparisonTable(comparison: Comparison, colour: boolean): string {
  const headers = ['cell', 'base', 'head', 'change', '95% CI', 'p (Holm)', 'could see', 'verdict', 'efficiency', 'eld p99 ms', 'note'];
  const sorted = byVerdict(comparison.cells);
  const rows = sorted.map((cell) => [
    cell.id,
    formatValue(cell.baseMean, comparison),
    formatValue(cell.headMean, comparison),
    formatChange(cell),
    formatCi(cell),
    formatP(cell),
    formatMde(cell),
    cell.verdict,
    formatEfficiency(cell),
    formatEld(cell),
    cell.note,
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: readonly string[]) =>
    cells
      .map((text, i) => text.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const body = rows.map((row, i) => {
    const style = colours[sorted[i]?.verdict ?? 'unchanged'];
    return colour && style ? styleText(style, line(row)) : line(row);
  });
  return [
    line(headers),
    ...body,
    '',
    `${countVerdicts(comparison)}. ${machinesLine(comparison)}.`,
    sensitivityLine(comparison),
    falsePositiveFooter(comparison),
  ]
    .filter((text) => text !== '')
    .join('\n');
}
