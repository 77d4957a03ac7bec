// The end of a run, answer first: one line per scenario and params with the report's verdict (the
// fastest cell, what the main thread pays, what it beats beyond noise, the cells too unsure to rank
// against it), then how many answers are unsure and what would settle them. The full table stays
// behind --table and in the summary CSV.
import { farBehindFactor, isBeatenBy } from '../results/ranking.js';
import { formatSpeedup } from './html.js';
import { groupCells, type ReportCell } from './report-data.js';
import { type GroupVerdict, isResponsive, judgeGroup } from './verdicts.js';

export function formatAnswer(cells: readonly ReportCell[]): string {
  const judged = groupCells(cells).map((group) => {
    const verdict = judgeGroup(group);
    return { group, verdict, unsure: unsureCells(group, verdict.best) };
  });
  const lines = judged.map(answerLine);
  const width = Math.max(0, ...lines.map(([key]) => key.length));
  const measured = cells.filter((cell) => cell.figures !== undefined);
  const oneRoundEach = measured.length > 0 && measured.every((cell) => cell.rounds === 1);
  const unsureAnswers = judged.filter(({ unsure }) => unsure.length > 0).length;
  const rounds = measured.reduce((sum, cell) => sum + cell.rounds, 0);
  const slowed = measured.reduce((sum, cell) => sum + (cell.figures?.slowedRounds.length ?? 0), 0);
  const byPlacement = judged.flatMap(({ unsure }) => unsure).filter((cell) => cell.figures?.decidedByPlacement).length;
  return [
    'The answer (speedups vs sync with 95% intervals; "beats" means beyond noise):',
    ...lines.map(([key, text]) => `  ${key.padEnd(width)}  ${text}`),
    ...(oneRoundEach
      ? [
          `One round each: no intervals, so every rank above is tentative, and "beats" means ${farBehindFactor}x slower. A run with rounds (the default --budget) gives intervals.`,
        ]
      : unsureAnswers > 0
        ? [
            `${unsureAnswers} of ${judged.length} answers are unsure: a cell that may be the fastest has an interval wider than ±10% (named after "unsure").`,
            `  The host slowed ${slowed} of ${rounds} measurements (set aside as slowed). More time settles them: --budget 10m, or the same budget on fewer scenarios (--scenario).`,
            ...(byPlacement > 0
              ? [
                  `  ${byPlacement} of the unsure cells hand tasks short enough to other threads that where the scheduler placed those threads decides their speedup (the summary's placement column): more time does not settle them; more work per hand-off does (docs/methodology.md, "Thread placement").`,
                ]
              : []),
          ]
        : []),
  ].join('\n');
}

function answerLine({
  group,
  verdict,
  unsure,
}: {
  group: readonly ReportCell[];
  verdict: GroupVerdict;
  unsure: readonly ReportCell[];
}): [string, string] {
  const key = `${verdict.scenario} ${verdict.params.replaceAll(', ', ' ')}`;
  const best = verdict.best;
  if (!best?.figures) return [key, 'nothing measured'];
  const f = best.figures;
  const pays = `event-loop p99 ${f.eldP99Ms.toFixed(1)} ms${isResponsive(f) ? '' : ', the main thread blocked'}`;
  const beaten = group.filter((cell) => isBeatenBy(cell, best)).map(labelOf);
  const responsive = verdict.bestResponsive
    ? `; fastest that keeps the loop free: ${labelOf(verdict.bestResponsive)} ${formatSpeedup(verdict.bestResponsive)}`
    : '';
  return [
    key,
    `${labelOf(best)}${best.variant === 'sync' ? '' : ` ${formatSpeedup(best)}`} (${pays})` +
      `${responsive}; beats ${beaten.length > 0 ? beaten.join(', ') : 'nothing beyond noise'}` +
      `${unsure.length > 0 && best.rounds > 1 ? `; unsure: ${unsure.map(labelOf).join(', ')}` : ''}`,
  ];
}

/** Cells that might still be the fastest and cannot say so: unstable, and not behind it beyond noise. */
function unsureCells(group: readonly ReportCell[], best: ReportCell | undefined): ReportCell[] {
  if (!best) return [];
  return group.filter((cell) => cell.figures?.unstable && !isBeatenBy(cell, best));
}

function labelOf(cell: ReportCell): string {
  return cell.variant === 'sync' ? 'sync' : `${cell.variant} × ${cell.threads}`;
}
