// The report page: one self-contained HTML file (inline SVG and CSS, no network), readable at
// 1280 px and on a phone. Pure: data and rendered charts in, text out.
import type { Chart } from './charts.js';
import type { ReportCell, RunInfo } from './report-data.js';
import { type Crossovers, type GroupVerdict, responsiveBoundMs } from './verdicts.js';

export interface ReportSection {
  readonly verdict: GroupVerdict;
  readonly charts: readonly Chart[];
  /** Cells that did not measure, shown with their status and reason, never plotted. */
  readonly unmeasured: readonly ReportCell[];
  /** Cells measured in several rounds whose rounds disagree beyond ±10% (`unstable`). */
  readonly unstable: readonly ReportCell[];
}

export interface ReportPage {
  readonly run: RunInfo;
  readonly sections: readonly ReportSection[];
  readonly crossovers: readonly Crossovers[];
  /** Pools side by side, where the run measured more than one. */
  readonly pools?: { readonly html: string; readonly markdown: string };
  /** Hand-offs side by side against payload, where the run measured more than one. */
  readonly handoffs?: { readonly html: string; readonly markdown: string };
  /** Node versions side by side, where the run measured under several (bench --node). */
  readonly nodes?: { readonly html: string; readonly markdown: string };
  /** A comparison with a base run, already rendered, where two CSVs were given. */
  readonly comparisonHtml?: string;
  /** The Doctor run's table (`--doctor`), already rendered for each format. */
  readonly doctor?: { readonly html: string; readonly markdown: string };
}

const css = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; padding: 1rem; max-width: 1400px; color: #111; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
.meta { color: #444; font-size: .9rem; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; } th, td { padding: .3rem .6rem; border-bottom: 1px solid #e4e4e4; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 1rem; }
figure { margin: 0; } figure svg { max-width: 100%; height: auto; }
.yes { color: #006d4f; } .no { color: #b00020; font-weight: 600; }
.status { font-family: ui-monospace, monospace; }
`;

export function formatReportHtml(page: ReportPage): string {
  const { run } = page;
  return htmlPage(
    'threadbench report',
    `<h1>threadbench: which variant, how many threads</h1>
${runLine(run)}
<h2>Verdict</h2>
${verdictTable(page.sections.map((s) => s.verdict))}
<p class="meta">Best = highest throughput among the cells measured (rounds folded: the median of the rounds not slowed by the host, 95% intervals from the variation between rounds); "within the intervals of" names cells it is not separated from. Responsive = main-thread event-loop p99 under ${responsiveBoundMs} ms and not blocked_main (Doctor's rules on the same probe). Thread counts above ${run.cores} oversubscribe this machine.</p>
${crossoverList(page.crossovers)}
${page.pools?.html ?? ''}${page.handoffs?.html ?? ''}${page.nodes?.html ?? ''}
${page.comparisonHtml ?? ''}
${page.doctor?.html ?? ''}
${page.sections.map(section).join('\n')}
`,
  );
}

/** A self-contained page around `body`: the report's head and style, no network. */
export function htmlPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}</body>
</html>
`;
}

/** The machine a run ran on, one line under the page's title. */
export function runLine(run: RunInfo): string {
  return `<p class="meta">${escapeHtml(run.cpuModel)}, ${run.cores} cores available · Node ${escapeHtml(run.nodeVersion)} (V8 ${escapeHtml(run.v8Version)}) · ${escapeHtml(run.os)} · commit ${escapeHtml(run.gitCommit || 'unknown')} · ${escapeHtml(run.date)} · run ${escapeHtml(run.runIds.join(', '))}</p>`;
}

function verdictTable(verdicts: readonly GroupVerdict[]): string {
  const rows = verdicts.map((v) => {
    const best = v.best;
    const fastResponsive = v.bestResponsive
      ? `${escapeHtml(v.bestResponsive.variant)} × ${v.bestResponsive.threads} (${formatSpeedup(v.bestResponsive)})`
      : '';
    const ties = formatTies(v);
    return (
      `<tr><td>${escapeHtml(v.scenario)}</td><td>${escapeHtml(v.params)}</td><td>${best ? `${escapeHtml(best.variant)}${ties ? `<br><small>${escapeHtml(ties)}</small>` : ''}` : 'nothing measured'}</td>` +
      `<td class="num">${best?.threads ?? ''}</td><td class="num">${best ? formatSpeedup(best) : ''}</td>` +
      `<td class="num">${best?.figures ? best.figures.eldP99Ms.toFixed(1) : ''}</td>` +
      `<td>${v.responsive === undefined ? '' : v.responsive ? '<span class="yes">yes</span>' : `<span class="no">no</span>${fastResponsive ? `: fastest responsive is ${fastResponsive}` : ''}`}</td></tr>`
    );
  });
  return `<div class="table-wrap"><table id="verdict">
<thead><tr><th>scenario</th><th>params</th><th>best variant</th><th>threads</th><th>speedup vs sync</th><th>event-loop p99 (ms)</th><th>main thread responsive</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
}

function crossoverList(crossovers: readonly Crossovers[]): string {
  if (crossovers.length === 0) return '';
  const items = crossovers.map(
    (c) => `<li><strong>${escapeHtml(c.scenario)}</strong>: ${escapeHtml(c.workerBeatsSync)}; ${escapeHtml(c.spawnCatchesPool)}.</li>`,
  );
  return `<h2>Crossovers across task sizes</h2><ul>${items.join('')}</ul>`;
}

function section({ verdict, charts, unmeasured, unstable }: ReportSection): string {
  const figures = charts.map((chart) => `<figure aria-label="${escapeHtml(chart.title)}">${chart.svg}</figure>`).join('\n');
  const notes =
    unmeasured.length === 0
      ? ''
      : `<h3>Cells not measured</h3><div class="table-wrap"><table class="unmeasured">
<thead><tr><th>variant</th><th>threads</th><th>status</th><th>error or reason</th></tr></thead>
<tbody>${unmeasured.map((c) => `<tr><td>${escapeHtml(c.variant)}</td><td class="num">${c.threads}</td><td class="status">${escapeHtml(c.status)}</td><td>${escapeHtml(c.error)}</td></tr>`).join('')}</tbody></table></div>`;
  const disagree =
    unstable.length === 0
      ? ''
      : `<h3>Cells whose rounds disagree</h3><p class="meta">Their throughput or speedup 95% interval is wider than ±10% (or one round was left): another run may well differ.</p><div class="table-wrap"><table class="unstable">
<thead><tr><th>variant</th><th>threads</th><th>tasks/s</th><th>95% interval</th><th>rounds used</th><th>set aside as slowed</th></tr></thead>
<tbody>${unstable.map((c) => `<tr><td>${escapeHtml(c.variant)}</td><td class="num">${c.threads}</td>${formatUnstable(c)}</tr>`).join('')}</tbody></table></div>`;
  return `<section class="group" data-scenario="${escapeHtml(verdict.scenario)}" data-params="${escapeHtml(verdict.params)}">
<h2>${escapeHtml(verdict.scenario)} · ${escapeHtml(verdict.params)}</h2>
<div class="charts">${figures}</div>
${notes}
${disagree}
</section>`;
}

function formatUnstable(cell: ReportCell): string {
  const f = cell.figures;
  if (!f) return '<td></td><td></td><td></td><td></td>';
  const interval = Number.isFinite(f.throughputCiHigh)
    ? `${f.throughputCiLow.toPrecision(4)}-${f.throughputCiHigh.toPrecision(4)}`
    : 'none';
  return `<td class="num">${f.throughput.toPrecision(4)}</td><td class="num">${interval}</td><td class="num">${f.roundsUsed} of ${cell.rounds}</td><td>${f.slowedRounds.join(', ')}</td>`;
}

/** The speedup and, where the rounds give one, its 95% interval. */
export function formatSpeedup(cell: ReportCell): string {
  const f = cell.figures;
  if (f?.speedup === undefined) return '';
  const interval =
    f.speedupCiLow !== undefined && f.speedupCiHigh !== undefined && Number.isFinite(f.speedupCiHigh) && cell.variant !== 'sync'
      ? ` [${f.speedupCiLow.toFixed(2)}-${f.speedupCiHigh.toFixed(2)}]`
      : '';
  return `${f.speedup.toFixed(2)}x${interval}`;
}

/** Where the best is not separated from others: which, so that a reader does not over-read the ranking. */
export function formatTies(verdict: GroupVerdict): string {
  if (verdict.best?.figures && !Number.isFinite(verdict.best.figures.throughputCiHigh)) return 'one round: no interval to separate it by';
  const ties = verdict.tiedWith.map((cell) => `${cell.variant} × ${cell.threads}`).join(', ');
  return ties ? `within the intervals of ${ties}` : '';
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
