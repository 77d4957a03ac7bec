// Vega-Lite specs for one scenario and params, compiled and rendered to SVG in Node (no browser):
// throughput, speedup and efficiency, event-loop delay, latency, each against thread count.
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ReportCell } from './report-data.js';

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const variantColours = {
  sync: '#000000',
  'libuv-async': '#E69F00',
  'spawn-per-task': '#56B4E9',
  pooled: '#009E73',
  'ideal (sync × threads)': '#999999',
} as const;

/** The rest of Okabe–Ito, for pools other than piscina (`pooled:tinypool` …), in the order they appear. */
const poolColours = ['#CC79A7', '#D55E00', '#0072B2', '#F0E442'];

/** The colour encoding of a group's cells: the four variants' fixed colours, then one per other pool. */
export function colourFor(labels: readonly string[], title = 'variant'): object {
  const pools = [...new Set(labels.filter((label) => !(label in variantColours)))];
  return {
    field: 'variant',
    type: 'nominal',
    title,
    scale: {
      domain: [...Object.keys(variantColours), ...pools],
      range: [...Object.values(variantColours), ...pools.map((_, index) => poolColours[index % poolColours.length])],
    },
    legend: { orient: 'bottom', columns: 3, labelLimit: 220 },
  };
}

export interface Chart {
  readonly title: string;
  readonly svg: string;
}

export async function renderGroupCharts(group: readonly ReportCell[], cores: number): Promise<Chart[]> {
  const measured = group.filter((c) => c.figures);
  const threads = [...new Set(group.map((c) => c.threads))].sort((a, b) => a - b);
  const sync = measured.find((c) => c.variant === 'sync')?.figures;
  const rows = measured.map((c) => ({ variant: c.variant, threads: c.threads, ...c.figures }));
  const colour = colourFor(measured.map((c) => c.variant));
  const ideal = sync ? threads.map((t) => ({ variant: 'ideal (sync × threads)', threads: t, throughput: sync.throughput * t })) : [];
  const threadAxis = {
    field: 'threads',
    type: 'quantitative',
    title: 'threads',
    scale: { type: 'log', base: 2, domain: [threads[0] ?? 1, threads.at(-1) ?? 1] },
    axis: { values: threads, format: 'd' },
  };
  const width = 320;
  const height = 200;
  const lines = (y: object, data: object[], extra: object = {}): object => ({
    data: { values: data },
    mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
    encoding: { x: threadAxis, y, color: colour, ...extra },
  });
  // Two figures of one unit on a log scale: solid the typical one, dashed the tail.
  const twoMeasures = (o: { title: string; subtitle: string; yTitle: string; measures: [string, string] }): TopLevelSpec =>
    ({
      width,
      height,
      title: { text: o.title, subtitle: o.subtitle },
      transform: [{ fold: o.measures, as: ['measure', 'ms'] }],
      data: { values: rows },
      mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
      encoding: {
        x: threadAxis,
        y: { field: 'ms', type: 'quantitative', title: o.yTitle, scale: { type: 'log' } },
        color: colour,
        strokeDash: {
          field: 'measure',
          type: 'nominal',
          scale: {
            domain: o.measures,
            range: [
              [1, 0],
              [5, 3],
            ],
          },
          legend: null,
        },
        detail: { field: 'measure' },
      },
    }) as TopLevelSpec;
  const coresRule = {
    data: { values: [{ cores }] },
    mark: { type: 'rule', strokeDash: [4, 4], color: '#555' },
    encoding: { x: { field: 'cores', type: 'quantitative' } },
  };
  const specs: [string, TopLevelSpec][] = [
    [
      'Throughput vs threads',
      {
        width,
        height,
        title: { text: 'Throughput', subtitle: 'median tasks/s; grey dashes: ideal linear scaling of sync' },
        layer: [
          lines(
            { field: 'throughput', type: 'quantitative', title: 'tasks/s (median)' },
            rows.filter((r) => r.variant !== 'sync'),
          ),
          {
            ...lines({ field: 'throughput', type: 'quantitative' }, ideal),
            mark: { type: 'line', strokeDash: [6, 4], color: variantColours['ideal (sync × threads)'] },
          },
          {
            data: { values: rows.filter((r) => r.variant === 'sync') },
            mark: { type: 'point', filled: true, size: 90, shape: 'diamond' },
            encoding: { x: threadAxis, y: { field: 'throughput', type: 'quantitative' }, color: colour },
          },
        ],
      } as TopLevelSpec,
    ],
    [
      'Speedup and efficiency vs threads',
      {
        title: { text: 'Speedup and parallel efficiency', subtitle: `vs sync, same run; dashed rule: ${cores} available cores` },
        vconcat: [
          {
            width,
            height: height * 0.75,
            layer: [
              lines(
                { field: 'speedup', type: 'quantitative', title: 'speedup (×)' },
                rows.filter((r) => r.speedup !== undefined),
              ),
              coresRule,
            ],
          },
          {
            width,
            height: height * 0.6,
            layer: [
              lines(
                { field: 'efficiency', type: 'quantitative', title: 'efficiency', scale: { domain: [0, 1.2] } },
                rows.filter((r) => r.efficiency !== undefined),
              ),
              coresRule,
            ],
          },
        ],
      } as TopLevelSpec,
    ],
    [
      'Event-loop delay vs threads',
      twoMeasures({
        title: 'Main-thread event-loop delay',
        subtitle: 'ms, log scale; solid p99, dashed max',
        yTitle: 'delay (ms)',
        measures: ['eldP99Ms', 'eldMaxMs'],
      }),
    ],
    [
      'Per-task latency vs threads',
      twoMeasures({
        title: 'Per-task latency',
        subtitle: 'submit → result, ms, log scale; solid p50, dashed p99',
        yTitle: 'latency (ms)',
        measures: ['latencyP50Ms', 'latencyP99Ms'],
      }),
    ],
  ];
  return Promise.all(specs.map(async ([title, spec]) => ({ title, svg: await renderSvg(spec) })));
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile({ ...spec, config: { font: 'system-ui, sans-serif' } }).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}
