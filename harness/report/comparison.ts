// The regression check's comparison inside the report: its table, and a chart of every cell's
// change with its 95% CI, coloured by verdict.
import type { TopLevelSpec } from 'vega-lite';
import {
  byVerdict,
  countVerdicts,
  falsePositiveFooter,
  formatCi,
  formatP,
  formatPercent,
  formatValue,
  machinesLine,
} from '../compare/output/format.js';
import type { Comparison } from '../compare/verdict.js';
import { renderSvg } from './charts.js';
import { escapeHtml } from './html.js';

/** Okabe–Ito again: vermillion for worse, bluish green for better, grey for the rest. */
const verdictColours = {
  regression: '#D55E00',
  failed: '#CC79A7',
  improvement: '#009E73',
  missing: '#999999',
  new: '#999999',
  unchanged: '#999999',
};

export async function renderComparisonSection(comparison: Comparison, baseName: string): Promise<string> {
  const tested = comparison.cells.filter((c) => c.comparison);
  const values = tested.map((c) => ({
    cell: c.id,
    verdict: c.verdict,
    change: (c.change ?? 0) * 100,
    low: (c.comparison?.ciLow ?? 0) * 100,
    high: (c.comparison?.ciHigh ?? 0) * 100,
  }));
  const threshold = comparison.options.threshold * 100;
  const spec = {
    width: 420,
    height: { step: 16 },
    title: { text: `Change vs ${baseName}`, subtitle: `% of ${comparison.metric}, 95% CI; shaded: within ±${threshold}%` },
    data: { values },
    encoding: { y: { field: 'cell', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } } },
    layer: [
      {
        data: { values: [{ from: -threshold, to: threshold }] },
        mark: { type: 'rect', color: '#eeeeee' },
        encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' }, y: null },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          x: { field: 'low', type: 'quantitative', title: 'change (%)' },
          x2: { field: 'high' },
          color: {
            field: 'verdict',
            type: 'nominal',
            scale: { domain: Object.keys(verdictColours), range: Object.values(verdictColours) },
            legend: { orient: 'bottom' },
          },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 45 },
        encoding: { x: { field: 'change', type: 'quantitative' }, color: { field: 'verdict', type: 'nominal' } },
      },
    ],
  } as unknown as TopLevelSpec;
  const sorted = byVerdict(comparison.cells);
  const rows = sorted.map(
    (c) =>
      `<tr><td>${escapeHtml(c.id)}</td><td class="num">${formatValue(c.baseMean, comparison)}</td><td class="num">${formatValue(c.headMean, comparison)}</td>` +
      `<td class="num">${formatPercent(c.change)}</td><td>${formatCi(c)}</td><td class="num">${formatP(c)}</td><td>${c.verdict}</td><td>${escapeHtml(c.note)}</td></tr>`,
  );
  return `<h2>Compared with ${escapeHtml(baseName)}: ${countVerdicts(comparison)}</h2>
<p class="meta">${escapeHtml(machinesLine(comparison))}. ${escapeHtml(falsePositiveFooter(comparison))}</p>
<figure aria-label="Change vs base">${tested.length > 0 ? await renderSvg(spec) : ''}</figure>
<div class="table-wrap"><table id="comparison"><thead><tr><th>cell</th><th>base</th><th>head</th><th>change</th><th>95% CI</th><th>p (Holm)</th><th>verdict</th><th>note</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`;
}
