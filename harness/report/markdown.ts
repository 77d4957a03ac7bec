// The report's Markdown summary, for a pull request or a README: the verdict, the crossovers,
// and every cell that did not measure.

import { markdownCode, markdownText } from '../results/markdown-text.js';
import type { ReportPage } from './html.js';
import { formatSpeedup, formatTies } from './html.js';
import { responsiveBoundMs } from './verdicts.js';

export function formatReportMarkdown(page: ReportPage): string {
  const { run } = page;
  const verdicts = page.sections.map(({ verdict: v }) => {
    const best = v.best;
    const responsive =
      v.responsive === undefined
        ? ''
        : v.responsive
          ? 'yes'
          : `**no**${v.bestResponsive ? ` (fastest responsive: ${markdownText(v.bestResponsive.variant)} × ${v.bestResponsive.threads}, ${formatSpeedup(v.bestResponsive)})` : ''}`;
    const ties = formatTies(v);
    return `| ${markdownText(v.scenario)} | ${markdownText(v.params)} | ${best ? markdownText(best.variant) : 'nothing measured'}${ties ? ` (${markdownText(ties)})` : ''} | ${best?.threads ?? ''} | ${best ? formatSpeedup(best) : ''} | ${best?.figures?.eldP99Ms.toFixed(1) ?? ''} | ${responsive} |`;
  });
  const unmeasured = page.sections
    .flatMap((s) => s.unmeasured)
    .map((c) => `- ${markdownCode(c.cell)}: ${c.status}${c.error ? `: ${markdownText(c.error)}` : ''}`);
  const unstable = page.sections
    .flatMap((s) => s.unstable)
    .map(
      (c) =>
        `- ${markdownCode(c.cell)}: ${c.figures?.roundsUsed ?? 0} of ${c.rounds} rounds used${c.figures?.slowedRounds.length ? ` (set aside as slowed: ${c.figures.slowedRounds.join(', ')})` : ''}`,
    );
  return [
    '# threadbench: which variant, how many threads',
    '',
    `${markdownText(run.cpuModel)}, ${run.cores} cores available, Node ${markdownText(run.nodeVersion)}, commit ${markdownText(run.gitCommit || 'unknown')}, ${markdownText(run.date)}.`,
    '',
    '| scenario | params | best variant | threads | speedup vs sync | event-loop p99 (ms) | main thread responsive |',
    '|---|---|---|--:|--:|--:|---|',
    ...verdicts,
    '',
    `Responsive: event-loop p99 under ${responsiveBoundMs} ms and not blocked_main (Doctor's rules on the same probe).`,
    '',
    ...page.crossovers.map(
      (c) => `- **${markdownText(c.scenario)}**: ${markdownText(c.workerBeatsSync)}; ${markdownText(c.spawnCatchesPool)}.`,
    ),
    ...(page.pools ? ['', page.pools.markdown] : []),
    ...(page.handoffs ? ['', page.handoffs.markdown] : []),
    ...(page.nodes ? ['', page.nodes.markdown] : []),
    ...(page.doctor ? ['', page.doctor.markdown] : []),
    ...(unmeasured.length > 0 ? ['', '## Cells not measured', '', ...unmeasured] : []),
    ...(unstable.length > 0
      ? [
          '',
          '## Cells whose rounds disagree',
          '',
          'Their throughput or speedup 95% interval is wider than ±10%: another run may well differ.',
          '',
          ...unstable,
        ]
      : []),
    '',
  ].join('\n');
}
