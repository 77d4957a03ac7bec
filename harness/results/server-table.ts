// Server mode's summary for a terminal: each cell under each load, its rounds folded, then per
// scenario and params the responsive capacity of every variant and thread count.
import { capacityGroups, mostResponsive, responsivePingP99Ms, type ServerSummary } from './server-summary.js';
import { formatTextTable } from './text-table.js';

const headers = [
  'scenario',
  'params',
  'variant',
  'threads',
  'load',
  'status',
  'offered/s',
  'work/s',
  'work p99 ms',
  'ping p50 ms',
  'ping p99 ms',
  'ping p99 95% CI',
  'ping max ms',
  'errors',
  'load cores',
  'rounds',
];
const keyColumns = 6;

export function formatServerTable(summaries: readonly ServerSummary[]): string {
  const rows = summaries.map((s) => {
    const key = [s.scenario, s.params.replaceAll(', ', ' '), s.variant, String(s.threads), String(s.load), s.status];
    const f = s.figures;
    if (!f) return [...key, s.error.slice(0, 70)];
    return [
      ...key,
      fixed(s.offeredRps, 1),
      fixed(f.workRps, 1),
      fixed(f.workP99Ms, 1),
      fixed(f.pingP50Ms, 2),
      `${fixed(f.pingP99Ms, 1)}${f.responsive ? '' : '*'}`,
      Number.isFinite(f.pingP99High) ? `${fixed(f.pingP99Low, 1)}-${fixed(f.pingP99High, 1)}` : '',
      fixed(f.pingMaxMs, 1),
      String(f.httpErrors),
      fixed(f.loadCores, 2),
      `${f.roundsUsed}/${s.rounds}${f.slowedRounds.length > 0 ? ` (slowed: ${f.slowedRounds.join(' ')})` : ''}`,
    ];
  });
  const lines = formatTextTable(headers, rows, keyColumns);
  lines.push(
    `* not responsive: /ping p99 at or above ${responsivePingP99Ms} ms in some round, work/s below 95% of offered, or requests lost.`,
    ...(summaries.some((s) => (s.figures?.slowedRounds.length ?? 0) > 0)
      ? [
          'slowed: rounds set aside as run on a core the host took away: more than 10% more server CPU time per answer and a 10% slower median answer than the reference round.',
        ]
      : []),
    '',
    ...verdicts(summaries),
  );
  return lines.join('\n');
}

/** Per scenario and params: each variant's responsive capacity, and the variant with the most. */
function verdicts(summaries: readonly ServerSummary[]): string[] {
  return capacityGroups(summaries).map(({ scenario, params, capacities }) => {
    const best = mostResponsive(capacities);
    const list = capacities.map((r) => `${r.label} ${fixed(r.rps, 1)}/s`).join(', ');
    return `${scenario} ${params}: responsive capacity ${list}${best.length > 0 ? `; most: ${best.map((b) => b.label).join(' and ')}${best.length > 1 ? ' (tied)' : ''}` : '; none responsive at the loads tried'}`;
  });
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '';
}
