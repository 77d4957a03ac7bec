import { describe, expect, it } from 'vitest';
import { serverRoundsOf } from './server-round.js';
import { foldServerRounds, mostResponsive, responsiveCapacity } from './server-summary.js';

/** Server rounds as a server CSV reads back. */
const foldServerRows = (rows: readonly Record<string, string>[]) => foldServerRounds(serverRoundsOf(rows));

/** One round of one cell under one load, as the server CSV reads back. */
function row(
  variant: string,
  load: number,
  round: number,
  figures: { work: number; pingP99: number; errors?: number; cpuMsPerAnswer?: number; workP50?: number },
) {
  const offered = load * 100;
  const measuredMs = 3000;
  return {
    cell: `s/n=1/${variant}/2`,
    scenario: 's',
    param_n: '1',
    variant,
    threads: '2',
    round: String(round),
    load: String(load),
    offered_rps: String(offered),
    status: 'ok',
    error: '',
    work_rps: String(figures.work),
    work_p50_ms: String(figures.workP50 ?? 10),
    work_p99_ms: '20',
    ping_p50_ms: '1',
    ping_p99_ms: String(figures.pingP99),
    ping_max_ms: String(figures.pingP99 + 1),
    http_errors: String(figures.errors ?? 0),
    eld_p99_ms: '2',
    elu: '0.5',
    load_cpu_ms: '100',
    load_wall_ms: '1000',
    cpu_user_ms: String(((figures.cpuMsPerAnswer ?? 10) * figures.work * measuredMs) / 1000 - 30),
    cpu_sys_ms: '30',
    measured_ms: String(measuredMs),
  };
}

describe('foldServerRounds, on the rounds a server CSV reads back as', () => {
  const rows = [1, 2, 3].flatMap((round) => [
    row('pooled', 0.5, round, { work: 50, pingP99: 3 }),
    row('pooled', 1.5, round, { work: 149, pingP99: 4 + round }),
    // Pings answered at once while the work falls behind: not serving the load.
    row('pooled', 3, round, { work: 120, pingP99: 5 }),
    row('sync', 0.5, round, { work: 50, pingP99: round === 2 ? 12 : 8 }),
  ]);
  const summaries = foldServerRows(rows);
  const of = (variant: string, load: number) => summaries.find((s) => s.variant === variant && s.load === load)?.figures;

  it('takes the median of the rounds, and an interval for /ping p99', () => {
    expect(of('pooled', 1.5)).toMatchObject({ workRps: 149, pingP99Ms: expect.closeTo(6, 1) });
    const f = of('pooled', 1.5);
    expect(f && f.pingP99Low < f.pingP99Ms && f.pingP99Ms < f.pingP99High).toBe(true);
  });

  it('calls a load responsive only when every round kept /ping under 10 ms and the work kept up', () => {
    expect(of('pooled', 1.5)?.responsive).toBe(true);
    expect(of('pooled', 3)?.responsive).toBe(false);
    expect(of('sync', 0.5)?.responsive).toBe(false);
  });

  it('gives each cell the highest load it served responsively, and names every variant tied for the most', () => {
    const capacity = responsiveCapacity(summaries);
    expect(capacity.get('s/n=1/pooled/2')).toBe(150);
    expect(capacity.get('s/n=1/sync/2')).toBe(0);
    expect(
      mostResponsive([
        { label: 'a', rps: 88 },
        { label: 'b', rps: 88 },
        { label: 'c', rps: 0 },
      ]).map((c) => c.label),
    ).toEqual(['a', 'b']);
    expect(mostResponsive([{ label: 'c', rps: 0 }])).toEqual([]);
  });
});

describe('rounds on a slowed core', () => {
  // Round 3 of pooled at 1.5 ran while the host had taken a core: each answer cost 1.6× the CPU
  // time and waited 2× as long, the work fell behind and the pings queued.
  const slowedRound = { work: 120, pingP99: 40, cpuMsPerAnswer: 16, workP50: 20 };
  const rows = [1, 2, 3].flatMap((round) => [
    row('pooled', 1.5, round, round === 3 ? slowedRound : { work: 149, pingP99: 4 }),
    // Round 1 used more CPU per answer but answered as fast: ordinary variation, not theft.
    row('sync', 0.5, round, { work: 50, pingP99: 8, cpuMsPerAnswer: round === 1 ? 16 : 10 }),
  ]);
  const summaries = foldServerRows(rows);
  const of = (variant: string) => summaries.find((s) => s.variant === variant)?.figures;

  it('are set aside when both marks of stolen time show, and the rest decide the verdict', () => {
    expect(of('pooled')).toMatchObject({ slowedRounds: [3], roundsUsed: 2, workRps: 149, responsive: true });
  });

  it('are kept when only one mark shows', () => {
    expect(of('sync')).toMatchObject({ slowedRounds: [], roundsUsed: 3 });
  });
});
