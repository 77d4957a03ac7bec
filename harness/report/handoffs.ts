// The report's hand-off comparison, where a run measured worker cells under more than one hand-off
// (docs/guide/handoff.md, "Data hand-off"): per scenario, each runner's throughput and main-thread event-loop
// delay against payload size, one line per hand-off, and the crossovers: the smallest payload at
// which transfer beats clone, and at which shared beats both, with 95% intervals apart.
import type { TopLevelSpec } from 'vega-lite';
import { runnerLabel } from '../plan/cell.js';
import { markdownText } from '../results/markdown-text.js';
import { renderSvg } from './charts.js';
import { escapeHtml } from './html.js';
import type { ReportCell } from './report-data.js';

const modes = ['clone', 'transfer', 'shared'] as const;
type Mode = (typeof modes)[number];
/** Okabe–Ito, as the other charts; sync in black, as everywhere in the report. */
const modeColours: Record<Mode | 'sync', string> = { clone: '#D55E00', transfer: '#0072B2', shared: '#009E73', sync: '#000000' };

/** One runner at one thread count: `pooled ×2`, `pooled:tinypool ×1`, `spawn-per-task ×2`. */
export interface Series {
  readonly scenario: string;
  readonly runner: string;
  readonly cells: readonly ReportCell[];
}

export interface HandoffCrossover {
  readonly scenario: string;
  readonly runner: string;
  /** The smallest size at which one hand-off's interval lies above the others'; undefined: at none measured. */
  readonly transferBeatsClone?: number;
  readonly sharedBeatsBoth?: number;
  readonly sizes: readonly number[];
  /** False where some cell has no interval (a single round): no crossover can be told. */
  readonly judged: boolean;
}

export interface HandoffComparison {
  readonly html: string;
  readonly markdown: string;
  readonly crossovers: readonly HandoffCrossover[];
}

/** Undefined unless some worker cells ran under more than one hand-off. */
export async function compareHandoffs(cells: readonly ReportCell[]): Promise<HandoffComparison | undefined> {
  const worker = cells.filter((cell) => isMode(cell.handoff));
  if (new Set(worker.map((cell) => cell.handoff)).size < 2) return undefined;
  const series = seriesOf(worker);
  const crossovers = series.map(crossoverOf);
  const scenarios = [...new Set(series.map((s) => s.scenario))];
  const charts = await Promise.all(scenarios.map((scenario) => handoffChart(scenario, series, cells)));
  const intro =
    'The same worker cells under each hand-off, in the same rounds: clone copies a task\u2019s data both ways, transfer moves its buffers (the sender loses them), shared leaves them in a SharedArrayBuffer laid out once per cell. A crossover is the smallest payload at which one hand-off\u2019s 95% interval lies wholly above the other\u2019s; "none" means at no payload measured. Event-loop p99 is the main thread\u2019s: what the hand-off itself blocks.';
  return {
    crossovers,
    html: `<h2>Data hand-off</h2>
<p class="meta">${escapeHtml(intro)}</p>
${scenarios
  .map(
    (scenario, index) => `<section class="handoffs" data-scenario="${escapeHtml(scenario)}">
<h3>${escapeHtml(scenario)}</h3>
<div class="charts"><figure aria-label="${escapeHtml(`${scenario}: throughput and event-loop delay against payload, one line per hand-off`)}">${charts[index] ?? ''}</figure></div>
<div class="table-wrap"><table class="handoff-crossovers">
<thead><tr><th>runner</th><th>transfer beats clone from</th><th>shared beats both from</th><th>sizes measured</th></tr></thead>
<tbody>${crossovers
      .filter((c) => c.scenario === scenario)
      .map(
        (c) =>
          `<tr><td>${escapeHtml(c.runner)}</td><td class="num">${crossoverText(c, c.transferBeatsClone)}</td><td class="num">${crossoverText(c, c.sharedBeatsBoth)}</td><td>${escapeHtml(c.sizes.join(', '))}</td></tr>`,
      )
      .join('\n')}</tbody></table></div>
<div class="table-wrap"><table class="handoff-cells">
<thead><tr><th>runner</th><th>size</th>${modes.map((m) => `<th>${m} tasks/s</th><th>${m} eld p99 ms</th>`).join('')}</tr></thead>
<tbody>${series
      .filter((s) => s.scenario === scenario)
      .flatMap((s) =>
        sizesOf(s).map(
          (size) =>
            `<tr><td>${escapeHtml(s.runner)}</td><td class="num">${size}</td>${modes.map((m) => figureCells(s, m, size)).join('')}</tr>`,
        ),
      )
      .join('\n')}</tbody></table></div>
</section>`,
  )
  .join('\n')}`,
    markdown: [
      '## Data hand-off',
      '',
      intro,
      '',
      '| scenario | runner | transfer beats clone from | shared beats both from | sizes measured |',
      '|---|---|--:|--:|---|',
      ...crossovers.map(
        (c) =>
          `| ${markdownText(c.scenario)} | ${markdownText(c.runner)} | ${crossoverText(c, c.transferBeatsClone)} | ${crossoverText(c, c.sharedBeatsBoth)} | ${markdownText(c.sizes.join(', '))} |`,
      ),
      '',
    ].join('\n'),
  };
}

/** The crossovers of one runner at one thread count, over the payload sizes it ran at. */
export function crossoverOf(series: Series): HandoffCrossover {
  const sizes = sizesOf(series);
  const at = (mode: Mode, size: number) => series.cells.find((cell) => cell.handoff === mode && cell.size === size)?.figures;
  const above = (size: number, mode: Mode, ...others: Mode[]) => {
    const figures = at(mode, size);
    const rivals = others.map((other) => at(other, size));
    return figures !== undefined && rivals.every((rival) => rival !== undefined && figures.throughputCiLow > rival.throughputCiHigh);
  };
  const transferBeatsClone = sizes.find((size) => above(size, 'transfer', 'clone'));
  const sharedBeatsBoth = sizes.find((size) => above(size, 'shared', 'clone', 'transfer'));
  return {
    scenario: series.scenario,
    runner: series.runner,
    sizes,
    judged: series.cells.every((cell) => cell.figures === undefined || Number.isFinite(cell.figures.throughputCiHigh)),
    ...(transferBeatsClone === undefined ? {} : { transferBeatsClone }),
    ...(sharedBeatsBoth === undefined ? {} : { sharedBeatsBoth }),
  };
}

/** The worker cells by scenario, runner (variant and pool, without the hand-off) and thread count. */
function seriesOf(cells: readonly ReportCell[]): Series[] {
  const groups = new Map<string, Series>();
  for (const cell of cells) {
    const runner = `${runnerLabel({ variant: cell.first.variant, pool: cell.pool || undefined })} ×${cell.threads}`;
    const key = `${cell.scenario}\u0000${runner}`;
    const known = groups.get(key);
    groups.set(key, { scenario: cell.scenario, runner, cells: [...(known?.cells ?? []), cell] });
  }
  return [...groups.values()];
}

function sizesOf(series: Series): number[] {
  return [...new Set(series.cells.map((cell) => cell.size))].filter(Number.isFinite).sort((a, b) => a - b);
}

function isMode(handoff: string): handoff is Mode {
  return (modes as readonly string[]).includes(handoff);
}

function crossoverText(crossover: HandoffCrossover, size: number | undefined): string {
  if (size !== undefined) return String(size);
  return crossover.judged ? 'none' : 'no interval (one round)';
}

function figureCells(series: Series, mode: Mode, size: number): string {
  const cell = series.cells.find((c) => c.handoff === mode && c.size === size);
  const f = cell?.figures;
  if (!cell) return '<td></td><td></td>';
  if (!f) return `<td class="status">${escapeHtml(cell.status)}</td><td></td>`;
  const interval = Number.isFinite(f.throughputCiHigh) ? ` (${f.throughputCiLow.toPrecision(3)}–${f.throughputCiHigh.toPrecision(3)})` : '';
  return `<td class="num">${escapeHtml(`${f.throughput.toPrecision(4)}${interval}`)}</td><td class="num">${f.eldP99Ms.toFixed(1)}</td>`;
}

/**
 * Throughput and event-loop p99 against payload size (both axes logarithmic), one line per
 * hand-off and the scenario's sync cell for scale, one column per runner.
 */
async function handoffChart(scenario: string, series: readonly Series[], cells: readonly ReportCell[]): Promise<string> {
  const own = series.filter((s) => s.scenario === scenario);
  const sync = cells.filter((cell) => cell.scenario === scenario && cell.first.variant === 'sync' && cell.figures);
  const values = own.flatMap((s) => [
    ...s.cells.flatMap((cell) =>
      cell.figures
        ? [{ runner: s.runner, line: cell.handoff, size: cell.size, throughput: cell.figures.throughput, eld: cell.figures.eldP99Ms }]
        : [],
    ),
    ...sync.flatMap((cell) =>
      cell.figures
        ? [{ runner: s.runner, line: 'sync', size: cell.size, throughput: cell.figures.throughput, eld: cell.figures.eldP99Ms }]
        : [],
    ),
  ]);
  const colour = {
    field: 'line',
    type: 'nominal',
    title: 'hand-off',
    scale: { domain: Object.keys(modeColours), range: Object.values(modeColours) },
    legend: { orient: 'bottom' },
  };
  const sizeParam = own[0]?.cells[0]?.params.split('=')[0] ?? 'size';
  const x = { field: 'size', type: 'quantitative', title: sizeParam, scale: { type: 'log' } };
  const spec = {
    title: {
      text: `${scenario}: hand-off against payload`,
      subtitle: 'tasks/s, then the main thread\u2019s event-loop p99, per runner; sync for scale',
    },
    data: { values },
    vconcat: [
      // One small chart per runner, four to a row, each figure's own y: a log scale, since the sizes span 2¹⁶.
      ...[
        { field: 'throughput', title: 'tasks/s', height: 150 },
        { field: 'eld', title: 'event-loop p99 ms', height: 120 },
      ].map(({ field, title, height }) => ({
        facet: { field: 'runner', type: 'nominal', title: null },
        columns: 4,
        spec: {
          width: 200,
          height,
          mark: { type: 'line', point: { filled: true } },
          encoding: { x, y: { field, type: 'quantitative', title, scale: { type: 'log' } }, color: colour },
        },
      })),
    ],
  } as unknown as TopLevelSpec;
  return renderSvg(spec);
}
