// The report's Node comparison, where a run measured its cells under more than one Node (`bench
// --node`): per scenario and params, each cell's throughput and event-loop p99 under each version,
// the changes between versions that are beyond noise (the gate's paired statistics, Holm across
// cells, as `compare --base-node --head-node` judges them), and the cold-start and hand-off
// figures per version.
import { existsSync } from 'node:fs';
import { commonRounds, nodeSide, readResultSet } from '../compare/result-set.js';
import { compareResultSets, gateDefaults } from '../compare/verdict.js';
import { withoutNode } from '../plan/cell.js';
import { compareVersions } from '../plan/node-target.js';
import { samplesPathFor } from '../results/csv-file.js';
import { markdownText } from '../results/markdown-text.js';
import { escapeHtml } from './html.js';
import type { ReportCell } from './report-data.js';

export interface NodeComparison {
  readonly html: string;
  readonly markdown: string;
}

interface NodeRow {
  /** `pooled:tinypool@transfer / 2`. */
  readonly label: string;
  readonly byVersion: ReadonlyMap<string, ReportCell>;
  /** `24.22.3 vs 20.20.2: −12.3%`, one per pair of versions whose change is beyond noise. */
  readonly changes: readonly string[];
}

/** Undefined unless the cells ran under more than one Node. */
export function compareNodes(cells: readonly ReportCell[], cellsPath: string): NodeComparison | undefined {
  const versions = [...new Set(cells.map(nodeOf).filter((v) => v !== ''))].sort(compareVersions);
  if (versions.length < 2) return undefined;
  const changes = pairwiseChanges(cellsPath, versions);
  const groups = new Map<string, ReportCell[]>();
  for (const cell of cells) {
    const key = `${cell.scenario} · ${paramsWithoutNode(cell.params) || 'no params'}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  const sections = [...groups].map(([title, group]) => ({ title, rows: nodeRows(group, changes) }));
  const intro = `Every cell ran under each Node (${versions.join(', ')}), the versions one after another in every round, so that the host's drift hit them alike; each speedup is against that Node's own sync cell. A change is listed where it is beyond noise: paired round by round, Holm across cells, past ${gateDefaults.threshold * 100}% (what compare --base-node A --head-node B says for the same pair). ${changes === undefined ? 'This run has no samples file beside it, or too few rounds to pair: no change is judged.' : ''} Cold first: a pool's first result from its creation (median over rounds); hand-off: submit to kernel start / kernel end to result, in ms, in the cell's first round.`;
  const header = versions.flatMap((v) => [`${v} tasks/s`, `${v} loop p99 ms`]);
  return {
    html: `<h2>Node versions side by side</h2>
<p class="meta">${escapeHtml(intro)}</p>
${sections
  .map(
    ({ title, rows }) => `<section class="nodes" data-scenario-params="${escapeHtml(title)}">
<h3>${escapeHtml(title)}</h3>
<div class="table-wrap"><table class="node-cells">
<thead><tr><th>variant / threads</th>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}<th>beyond noise</th><th>cold first ms</th><th>hand-off in/out ms</th></tr></thead>
<tbody>${rows.map((row) => htmlRow(row, versions)).join('\n')}</tbody></table></div>
</section>`,
  )
  .join('\n')}`,
    markdown: [
      '## Node versions side by side',
      '',
      intro,
      '',
      ...sections.flatMap(({ title, rows }) => [
        `### ${markdownText(title)}`,
        '',
        `| variant / threads | ${header.join(' | ')} | beyond noise | cold first ms | hand-off in/out ms |`,
        `|---|${header.map(() => '--:').join('|')}|---|---|---|`,
        ...rows.map((row) => `| ${[row.label, ...figureCells(row, versions)].map(markdownText).join(' | ')} |`),
        '',
      ]),
    ].join('\n'),
  };
}

/** The Node a folded cell ran under, as its id names it; empty in a one-Node run. */
export function nodeOf(cell: ReportCell): string {
  return withoutNode(cell.cell).node ?? '';
}

function paramsWithoutNode(params: string): string {
  return params
    .split(', ')
    .filter((part) => !part.startsWith('node='))
    .join(', ');
}

function nodeRows(group: readonly ReportCell[], changes: ReadonlyMap<string, string[]> | undefined): NodeRow[] {
  const rows = new Map<string, Map<string, ReportCell>>();
  for (const cell of group) {
    const label = `${cell.variant} / ${cell.threads}`;
    rows.set(label, (rows.get(label) ?? new Map()).set(nodeOf(cell), cell));
  }
  return [...rows].map(([label, byVersion]) => {
    // Every version's cell of a row is one cell of a one-Node run, as compare keys it.
    const id = withoutNode([...byVersion.values()][0]?.cell ?? '').id;
    return { label, byVersion, changes: changes?.get(id) ?? [] };
  });
}

/**
 * Every pair of versions judged as the gate judges two sides, keyed by the cell's id without its
 * Node; undefined where the run cannot be paired (no samples file, one round).
 */
function pairwiseChanges(cellsPath: string, versions: readonly string[]): Map<string, string[]> | undefined {
  if (!existsSync(samplesPathFor(cellsPath))) return undefined;
  const run = readResultSet([cellsPath], 'the');
  const found = new Map<string, string[]>();
  let judged = false;
  for (const [i, older] of versions.entries()) {
    for (const newer of versions.slice(i + 1)) {
      const [base, head] = commonRounds(nodeSide(run, older), nodeSide(run, newer));
      const comparison = compareResultSets(base, head, {
        threshold: gateDefaults.threshold,
        alpha: gateDefaults.alpha,
        metric: 'throughput',
      });
      if (comparison.unit === 'single') continue;
      judged = true;
      for (const cell of comparison.cells) {
        if (cell.verdict !== 'regression' && cell.verdict !== 'improvement') continue;
        found.set(cell.id, [...(found.get(cell.id) ?? []), `${newer} vs ${older}: ${signedPercent(cell.change ?? 0)}`]);
      }
    }
  }
  return judged ? found : undefined;
}

function signedPercent(change: number): string {
  return `${change > 0 ? '+' : '−'}${Math.abs(change * 100).toFixed(1)}%`;
}

function figureCells(row: NodeRow, versions: readonly string[]): string[] {
  const ms = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? value.toFixed(1) : '');
  const perVersion = versions.flatMap((version) => {
    const cell = row.byVersion.get(version);
    const f = cell?.figures;
    if (!f) return [cell?.status ?? '', ''];
    const interval = Number.isFinite(f.throughputCiHigh) ? ` [${rate(f.throughputCiLow)}–${rate(f.throughputCiHigh)}]` : '';
    return [`${rate(f.throughput)}${interval}${f.unstable ? ' !' : ''}`, ms(f.eldP99Ms)];
  });
  const perVersionOf = (figure: (cell: ReportCell) => string) =>
    versions
      .map((version) => {
        const cell = row.byVersion.get(version);
        const value = cell ? figure(cell) : '';
        return value === '' ? '' : `${version}: ${value}`;
      })
      .filter(Boolean)
      .join('; ');
  // Only a pool has a cold start; the other variants' CSV cell is empty.
  const cold = perVersionOf((cell) => (cell.pool === '' ? '' : ms(cell.figures?.coldFirstMs)));
  const handoff = perVersionOf((cell) => {
    const [into, out] = [cell.figures?.handoffInMs ?? Number.NaN, cell.figures?.handoffOutMs ?? Number.NaN];
    return Number.isFinite(into) ? `${into.toFixed(2)}/${out.toFixed(2)}` : '';
  });
  return [...perVersion, row.changes.join('; ') || 'none', cold, handoff];
}

/** Tasks per second as a reader reads them: whole above 100, three figures below. */
function rate(value: number): string {
  return value >= 100 ? String(Math.round(value)) : value.toPrecision(3);
}

function htmlRow(row: NodeRow, versions: readonly string[]): string {
  return `<tr><td>${escapeHtml(row.label)}</td>${figureCells(row, versions)
    .map((value) => `<td class="num">${escapeHtml(value)}</td>`)
    .join('')}</tr>`;
}
