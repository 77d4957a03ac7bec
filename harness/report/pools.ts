// The report's pool comparison, where a run measured `pooled` on more than one pool: per scenario
// and params, each pool at each thread count against the reference pool at the same count (piscina
// where it ran), with intervals; the hand-off cost per task; the cold start; and which size is the
// library's own default.
import type { TopLevelSpec } from 'vega-lite';
import { defaultPool } from '../api/pool.js';
import { markdownText } from '../results/markdown-text.js';
import { colourFor, renderSvg } from './charts.js';
import { escapeHtml } from './html.js';
import type { ReportCell } from './report-data.js';

export interface PoolComparison {
  readonly html: string;
  readonly markdown: string;
}

interface PoolRow {
  readonly cell: ReportCell;
  /** Throughput ÷ the reference pool's at the same threads, with the interval ends' ratio. */
  readonly ratio?: number;
  /** faster / slower: the intervals do not overlap; else tied. */
  readonly standing: 'reference' | 'faster' | 'slower' | 'tied' | '';
}

/** Undefined unless the cells hold more than one pool. */
export async function comparePools(cells: readonly ReportCell[]): Promise<PoolComparison | undefined> {
  // Only pooled rows carry a pool.
  const pooled = cells.filter((cell) => cell.pool !== '');
  const pools = [...new Set(pooled.map((cell) => cell.pool))];
  if (pools.length < 2) return undefined;
  const reference = pools.includes(defaultPool) ? defaultPool : (pools[0] ?? '');
  const groups = new Map<string, ReportCell[]>();
  for (const cell of pooled) {
    // Each hand-off is its own comparison: a group holds one cell per pool and thread count.
    const handoff = cell.handoff === '' || cell.handoff === 'clone' ? '' : ` · ${cell.handoff}`;
    const key = `${cell.scenario} · ${cell.params || 'no params'}${handoff}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const sections = await Promise.all(
    [...groups].map(async ([title, group]) => {
      const rows = poolRows(group, reference);
      return { title, rows, chart: await poolChart(title, group) };
    }),
  );
  const intro = `Every pool ran the same kernel through its own API, with the same number of workers and the same tasks in flight, in the same rounds, one after another, so that the host's drift hit them alike. Ratios are against ${reference} at the same thread count; "faster" and "slower" mean the 95% intervals do not overlap. µs per task = 1 000 000 ÷ tasks/s (on noop, the hand-off itself). Cold start: from creating the pool to the first result, and to the last of a first burst of one task per thread, before any warm-up. ★ marks the library's own default size on this machine.`;
  return {
    html: `<h2>Pools side by side</h2>
<p class="meta">${escapeHtml(intro)}</p>
${sections
  .map(
    ({ title, rows, chart }) => `<section class="pools" data-scenario-params="${escapeHtml(title)}">
<h3>${escapeHtml(title)}</h3>
<div class="charts"><figure aria-label="${escapeHtml(`${title}: throughput of each pool against threads`)}">${chart}</figure></div>
<div class="table-wrap"><table class="pool-cells">
<thead><tr><th>pool</th><th>version</th><th>threads</th><th>tasks/s</th><th>95% interval</th><th>vs ${escapeHtml(reference)}</th><th>µs per task</th><th>event-loop p99 ms</th><th>cold first ms</th><th>cold burst ms</th></tr></thead>
<tbody>${rows.map(htmlRow).join('\n')}</tbody></table></div>
</section>`,
  )
  .join('\n')}`,
    markdown: [
      '## Pools side by side',
      '',
      intro,
      '',
      ...sections.flatMap(({ title, rows }) => [
        `### ${markdownText(title)}`,
        '',
        `| pool | threads | tasks/s | 95% interval | vs ${reference} | µs per task | cold first ms | cold burst ms |`,
        '|---|--:|--:|--:|---|--:|--:|--:|',
        ...rows.map(markdownRow),
        '',
      ]),
    ].join('\n'),
  };
}

function poolRows(group: readonly ReportCell[], reference: string): PoolRow[] {
  const sorted = [...group].sort((a, b) => a.threads - b.threads || a.pool.localeCompare(b.pool));
  return sorted.map((cell) => {
    if (cell.pool === reference) return { cell, standing: 'reference' };
    const base = group.find((other) => other.pool === reference && other.threads === cell.threads)?.figures;
    const f = cell.figures;
    if (!base || !f) return { cell, standing: '' };
    const standing = f.throughputCiLow > base.throughputCiHigh ? 'faster' : f.throughputCiHigh < base.throughputCiLow ? 'slower' : 'tied';
    return { cell, ratio: f.throughput / base.throughput, standing };
  });
}

function poolName(cell: ReportCell): string {
  return `${cell.pool}${cell.poolDefaultSize ? ' ★' : ''}`;
}

function versus(row: PoolRow): string {
  if (row.standing === 'reference') return 'reference';
  return row.ratio === undefined ? '' : `${row.ratio.toFixed(2)}× (${row.standing})`;
}

function figureCells(row: PoolRow): string[] {
  const f = row.cell.figures;
  if (!f) return [row.cell.status, '', '', '', '', ''];
  const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '');
  return [
    f.throughput.toPrecision(4),
    Number.isFinite(f.throughputCiHigh) ? `${f.throughputCiLow.toPrecision(4)}–${f.throughputCiHigh.toPrecision(4)}` : 'one round',
    versus(row),
    (1e6 / f.throughput).toPrecision(3),
    ms(f.coldFirstMs),
    ms(f.coldBurstMs),
  ];
}

function htmlRow(row: PoolRow): string {
  const [throughput, interval, vs, perTask, coldFirst, coldBurst] = figureCells(row);
  const version = row.cell.first.poolVersion;
  const eld = row.cell.figures ? row.cell.figures.eldP99Ms.toFixed(1) : '';
  return `<tr><td>${escapeHtml(poolName(row.cell))}</td><td>${escapeHtml(version)}</td><td class="num">${row.cell.threads}</td>${[
    throughput,
    interval,
    vs,
    perTask,
    eld,
    coldFirst,
    coldBurst,
  ]
    .map((value) => `<td class="num">${escapeHtml(value ?? '')}</td>`)
    .join('')}</tr>`;
}

function markdownRow(row: PoolRow): string {
  return `| ${markdownText(poolName(row.cell))} | ${row.cell.threads} | ${figureCells(row).join(' | ')} |`;
}

/** Throughput against threads, one line per pool, the default sizes as larger points. */
async function poolChart(title: string, group: readonly ReportCell[]): Promise<string> {
  const values = group.flatMap((cell) =>
    cell.figures
      ? [{ variant: cell.pool, threads: cell.threads, throughput: cell.figures.throughput, size: cell.poolDefaultSize ? 160 : 50 }]
      : [],
  );
  const threads = [...new Set(values.map((v) => v.threads))].sort((a, b) => a - b);
  const spec: TopLevelSpec = {
    width: 420,
    height: 240,
    title: { text: `${title}: each pool`, subtitle: 'larger points: the library\u2019s default size' },
    data: { values },
    mark: { type: 'line', point: { filled: true }, strokeWidth: 2 },
    encoding: {
      x: { field: 'threads', type: 'quantitative', title: 'threads', axis: { values: threads, format: 'd' } },
      y: { field: 'throughput', type: 'quantitative', title: 'tasks/s' },
      color: colourFor(
        values.map((v) => v.variant),
        'pool',
      ),
      size: { field: 'size', type: 'quantitative', legend: null, scale: null },
    },
  } as TopLevelSpec;
  return renderSvg(spec);
}
