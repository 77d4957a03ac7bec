// The report of a server-mode run: per scenario and params, the "hockey stick" (`/ping` p99 against
// offered load, one line per variant and thread count) and each variant's responsive capacity.
import type { TopLevelSpec } from 'vega-lite';
import { markdownText } from '../results/markdown-text.js';
import type { ServerRound } from '../results/server-round.js';
import {
  type CapacityGroup,
  capacityGroups,
  foldServerRounds,
  mostResponsive,
  responsivePingP99Ms,
  type ServerSummary,
} from '../results/server-summary.js';
import { colourFor, renderSvg } from './charts.js';
import { escapeHtml, htmlPage, runLine } from './html.js';
import type { RunInfo } from './report-data.js';

/** A server-mode CSV has the load columns; a bench CSV does not. */
export function isServerCsv(columns: readonly string[]): boolean {
  return columns.includes('load') && columns.includes('ping_p99_ms');
}

/** A group of the report: its capacities (server-summary.ts) and its title. */
type Group = CapacityGroup & { readonly title: string };

function groupsOf(rounds: readonly ServerRound[]): Group[] {
  return capacityGroups(foldServerRounds(rounds)).map((group) => ({ ...group, title: `${group.scenario} · ${group.params}` }));
}

async function hockeyStick(group: Group): Promise<string> {
  const points = group.summaries.flatMap((s) =>
    s.figures
      ? [{ series: `${s.variant} × ${s.threads}`, variant: s.variant, load: s.load, pingP99Ms: Math.max(s.figures.pingP99Ms, 0.01) }]
      : [],
  );
  const spec = {
    width: 420,
    height: 260,
    title: {
      text: `${group.title}: /ping p99 against offered load`,
      subtitle: `log scale; dashed: the ${responsivePingP99Ms} ms responsive bound`,
    },
    layer: [
      {
        data: { values: points },
        mark: { type: 'line', point: { filled: true, size: 50 }, strokeWidth: 2 },
        encoding: {
          x: { field: 'load', type: 'quantitative', title: 'offered load (× sync capacity)' },
          y: { field: 'pingP99Ms', type: 'quantitative', title: '/ping p99 (ms)', scale: { type: 'log' } },
          color: colourFor(points.map((p) => p.variant)),
          detail: { field: 'series', type: 'nominal' },
          strokeDash: { field: 'series', type: 'nominal', legend: { orient: 'bottom', columns: 2, title: 'variant × threads' } },
        },
      },
      {
        data: { values: [{ bound: responsivePingP99Ms }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#b00020' },
        encoding: { y: { field: 'bound', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
  return renderSvg(spec);
}

function capacityText(group: Group): string {
  const best = mostResponsive(group.capacities);
  const first = best[0];
  return first
    ? `${best.map((b) => b.label).join(' and ')}${best.length > 1 ? ' (tied)' : ''}: responsive up to ${first.rps.toFixed(1)} requests/s (${first.load}× sync's capacity)`
    : 'none responsive at the loads tried';
}

function cellRow(s: ServerSummary): string {
  const f = s.figures;
  const figures = f
    ? [
        f.workRps.toFixed(1),
        f.workP99Ms.toFixed(1),
        f.pingP50Ms.toFixed(2),
        `${f.pingP99Ms.toFixed(1)}${f.responsive ? '' : ' *'}`,
        f.pingMaxMs.toFixed(1),
        String(f.httpErrors),
        `${f.roundsUsed} of ${s.rounds}${f.slowedRounds.length > 0 ? ` (slowed: ${f.slowedRounds.join(', ')})` : ''}`,
      ]
    : ['', '', '', '', '', '', ''];
  return `<tr><td>${escapeHtml(s.variant)}</td><td class="num">${s.threads}</td><td class="num">${s.load}</td><td class="num">${s.offeredRps.toFixed(1)}</td><td class="status">${escapeHtml(s.status)}</td>${figures.map((v) => `<td class="num">${v}</td>`).join('')}<td>${escapeHtml(s.error)}</td></tr>`;
}

export async function formatServerReport(
  rounds: readonly ServerRound[],
  run: RunInfo,
): Promise<{ readonly html: string; readonly markdown: string }> {
  const groups = groupsOf(rounds);
  const sections = await Promise.all(
    groups.map(
      async (group) => `<section class="group" data-scenario-params="${escapeHtml(group.title)}">
<h2>${escapeHtml(group.title)}</h2>
<p>${escapeHtml(capacityText(group))}. Responsive capacity of each: ${escapeHtml(group.capacities.map((c) => `${c.label} ${c.rps.toFixed(1)}/s`).join(', '))}.</p>
<div class="charts"><figure aria-label="${escapeHtml(`${group.title}: /ping p99 against offered load`)}">${await hockeyStick(group)}</figure></div>
<div class="table-wrap"><table class="server-cells">
<thead><tr><th>variant</th><th>threads</th><th>load</th><th>offered/s</th><th>status</th><th>work/s</th><th>work p99 ms</th><th>ping p50 ms</th><th>ping p99 ms</th><th>ping max ms</th><th>errors</th><th>rounds used</th><th>error</th></tr></thead>
<tbody>${group.summaries.map(cellRow).join('\n')}</tbody></table></div>
</section>`,
    ),
  );
  const html = htmlPage(
    'threadbench server report',
    `<h1>threadbench server mode: does the server stay responsive?</h1>
${runLine(run)}
<p class="meta">Each variant behind a node:http server under an open-loop load, latencies from each request's due time. Responsive = the work keeps up (answered within 5% of offered), /ping p99 under ${responsivePingP99Ms} ms in every round, no request lost (* marks a load where it was not); responsive capacity = the highest offered load served so. Rounds folded: medians of the rounds not set aside as run on a core the host took away (more server CPU time per answer and a slower median answer than the cell's reference round).</p>
${sections.join('\n')}
`,
  );
  const markdown = [
    '# threadbench server mode: does the server stay responsive?',
    '',
    `${markdownText(run.cpuModel)}, ${run.cores} cores available, Node ${markdownText(run.nodeVersion)}, commit ${markdownText(run.gitCommit || 'unknown')}, ${markdownText(run.date)}.`,
    '',
    '| scenario · params | most responsive capacity | every variant |',
    '|---|---|---|',
    ...groups.map(
      (g) =>
        `| ${markdownText(g.title)} | ${markdownText(capacityText(g))} | ${markdownText(g.capacities.map((c) => `${c.label} ${c.rps.toFixed(1)}/s`).join(', '))} |`,
    ),
    '',
    `Responsive: the work keeps up (within 5% of offered), /ping p99 under ${responsivePingP99Ms} ms in every round, no request lost.`,
    '',
  ].join('\n');
  return { html, markdown };
}
