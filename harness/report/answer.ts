// The end of a run, answer first: one line per scenario and params with the report's verdict (the
// fastest cell, what the main thread pays, what it beats beyond noise), then the cells too unsure to
// rank and what would settle them. The full table stays behind --table and in the summary CSV.
import { farBehindFactor, isBeatenBy } from '../results/ranking.js';
import { formatSpeedup } from './html.js';
import { groupCells, type ReportCell } from './report-data.js';
import { isResponsive, judgeGroup } from './verdicts.js';

export function formatAnswer(cells: readonly ReportCell[]): string {
  const groups = groupCells(cells);
  const lines = groups.map(answerLine);
  const width = Math.max(0, ...lines.map(([key]) => key.length));
  const measured = cells.filter((cell) => cell.figures !== undefined);
  const oneRoundEach = measured.length > 0 && measured.every((cell) => cell.rounds === 1);
  const unsure = groups.flatMap(unsureCells);
  return [
    'The answer (speedups vs sync with 95% intervals; "beats" means beyond noise):',
    ...lines.map(([key, text]) => `  ${key.padEnd(width)}  ${text}`),
    ...(oneRoundEach
      ? [
          `One round each: no intervals, so every rank above is tentative, and "beats" means ${farBehindFactor}x slower. A run with rounds (the default --budget) gives intervals.`,
        ]
      : unsure.length > 0
        ? [
            `Too unsure to rank against the fastest (an interval wider than ±10%, or one round): ${unsure.join(', ')}.`,
            '  More time settles them: --budget 10m, or the same budget on fewer scenarios (--scenario).',
          ]
        : []),
  ].join('\n');
}

function answerLine(group: readonly ReportCell[]): [string, string] {
  const verdict = judgeGroup(group);
  const key = `${verdict.scenario} ${verdict.params.replaceAll(', ', ' ')}`;
  const best = verdict.best;
  if (!best?.figures) return [key, 'nothing measured'];
  const f = best.figures;
  const pays = `event-loop p99 ${f.eldP99Ms.toFixed(1)} ms${isResponsive(f) ? '' : ', the main thread blocked'}`;
  const beaten = group.filter((cell) => cell !== best && isBeatenBy(cell, best)).map(labelOf);
  const responsive = verdict.bestResponsive
    ? `; fastest that keeps the loop free: ${labelOf(verdict.bestResponsive)} ${formatSpeedup(verdict.bestResponsive)}`
    : '';
  return [
    key,
    `${labelOf(best)}${best.variant === 'sync' ? '' : ` ${formatSpeedup(best)}`} (${pays})` +
      `${responsive}; beats ${beaten.length > 0 ? beaten.join(', ') : 'nothing beyond noise'}`,
  ];
}

/** Cells that might still be the fastest and cannot say so: unstable, and not beaten. */
function unsureCells(group: readonly ReportCell[]): string[] {
  const best = judgeGroup(group).best;
  if (!best) return [];
  return group.filter((cell) => cell.figures?.unstable && (cell === best || !isBeatenBy(cell, best))).map((cell) => cell.cell);
}

function labelOf(cell: ReportCell): string {
  return cell.variant === 'sync' ? 'sync' : `${cell.variant} × ${cell.threads}`;
}
