// Server mode's rounds folded into one answer per cell and load, with the bench's statistics (the
// median of the rounds, its interval from their spread), and the verdict server mode exists for:
// up to what load does each variant keep its other users answered? Rounds that ran on a core the
// host took away are set aside as the bench sets them aside: more CPU time per answered request and
// a slower median answer than the cell's reference round, at the same offered load.

import { median } from '../measure/median.js';
import { medianEstimate, slowedRounds, withInterval } from './fold-rounds.js';
import type { ServerRound, ServerRoundFigures } from './server-round.js';

/** The bound on `/ping` p99 under which a server still counts as responsive, ms. */
export const responsivePingP99Ms = 10;
/** A server keeps up with a load when it answers at least this share of what is offered. */
export const keepsUpShare = 0.95;

export interface ServerSummary {
  readonly cell: string;
  readonly scenario: string;
  readonly params: string;
  readonly variant: string;
  readonly threads: number;
  readonly load: number;
  readonly offeredRps: number;
  readonly status: string;
  readonly error: string;
  readonly rounds: number;
  readonly figures?: {
    readonly workRps: number;
    readonly workP99Ms: number;
    readonly pingP50Ms: number;
    readonly pingP99Ms: number;
    /** 95% interval of the ping p99 over rounds; infinite with one round. */
    readonly pingP99Low: number;
    readonly pingP99High: number;
    readonly pingMaxMs: number;
    /** Summed over rounds. */
    readonly httpErrors: number;
    readonly eldP99Ms: number;
    readonly elu: number;
    /** Cores the load process kept busy: its CPU time over its wall time. */
    readonly loadCores: number;
    /** Rounds set aside because they ran on a slowed core, by round number; the figures fold the rest. */
    readonly slowedRounds: readonly number[];
    readonly roundsUsed: number;
    /** Keeps up (work/s within 5% of offered), `/ping` p99 under the bound in every round, nothing lost. */
    readonly responsive: boolean;
  };
}

export function foldServerRounds(rounds: readonly ServerRound[]): ServerSummary[] {
  const byKey = new Map<string, ServerRound[]>();
  for (const round of rounds) {
    const key = `${round.cell}\u0000${round.load}`;
    byKey.set(key, [...(byKey.get(key) ?? []), round]);
  }
  return [...byKey.values()].map(foldCellLoad);
}

function foldCellLoad(rounds: readonly ServerRound[]): ServerSummary {
  const [first] = rounds;
  if (first === undefined) throw new Error('a cell and load fold from one round at least');
  const failed = rounds.find((round) => round.status !== 'ok');
  const summary = {
    cell: first.cell,
    scenario: first.scenario,
    params: first.params,
    variant: first.variant,
    threads: first.threads,
    load: first.load,
    offeredRps: median(rounds.map((round) => round.offeredRps)) ?? Number.NaN,
    status: failed?.status ?? 'ok',
    error: failed?.error ?? '',
    rounds: rounds.length,
  };
  const measured = rounds.flatMap(({ round, offeredRps, figures }) => (figures ? [{ round, offeredRps, ...figures }] : []));
  if (failed || measured.length === 0) return summary;
  const slowedMarks = slowedRounds(
    measured.map(cpuMsPerAnswer),
    measured.map((m) => 1 / m.workP50Ms),
  );
  const slowed = measured.filter((_, index) => slowedMarks[index]);
  const used = measured.filter((m) => !slowed.includes(m));
  const figure = (pick: (m: ServerRoundFigures) => number) => median(used.map(pick)) ?? Number.NaN;
  const pingP99 = withInterval(medianEstimate(used.map((m) => m.pingP99Ms)));
  const httpErrors = used.reduce((sum, m) => sum + m.httpErrors, 0);
  return {
    ...summary,
    figures: {
      workRps: figure((m) => m.workRps),
      workP99Ms: figure((m) => m.workP99Ms),
      pingP50Ms: figure((m) => m.pingP50Ms),
      pingP99Ms: pingP99.value,
      pingP99Low: pingP99.low,
      pingP99High: pingP99.high,
      pingMaxMs: figure((m) => m.pingMaxMs),
      httpErrors,
      eldP99Ms: figure((m) => m.eldP99Ms),
      elu: figure((m) => m.elu),
      loadCores: figure((m) => m.loadCpuMs / m.loadWallMs),
      slowedRounds: slowed.map((m) => m.round),
      roundsUsed: used.length,
      // Answering pings while the work piles up is not serving the load: the work must keep up too.
      responsive: httpErrors === 0 && used.every((m) => m.pingP99Ms < responsivePingP99Ms && m.workRps >= keepsUpShare * m.offeredRps),
    },
  };
}

/** The server process's CPU time (all its threads) per `/work` answer in the window. */
function cpuMsPerAnswer(m: ServerRoundFigures): number {
  return m.cpuMs / ((m.workRps * m.measuredMs) / 1000);
}

/**
 * Per cell, the highest offered load it served responsively ("responsive capacity"), in requests
 * per second; 0 when it was not responsive even at the lowest load. Loads above one it failed at
 * do not count: a server that recovers at a higher load was lucky, not capable.
 */
export function responsiveCapacity(summaries: readonly ServerSummary[]): Map<string, number> {
  const byCell = new Map<string, ServerSummary[]>();
  for (const summary of summaries) byCell.set(summary.cell, [...(byCell.get(summary.cell) ?? []), summary]);
  return new Map(
    [...byCell].map(([cell, loads]) => {
      let capacity = 0;
      for (const summary of [...loads].sort((a, b) => a.load - b.load)) {
        if (!summary.figures?.responsive) break;
        capacity = summary.offeredRps;
      }
      return [cell, capacity];
    }),
  );
}

/**
 * The variants with the most responsive capacity: several when they tie at the loads tried (the
 * sweep cannot tell them apart), none when no variant was responsive at any.
 */
export function mostResponsive<T extends { readonly rps: number }>(capacities: readonly T[]): T[] {
  const most = Math.max(0, ...capacities.map((c) => c.rps));
  return most > 0 ? capacities.filter((c) => c.rps === most) : [];
}

/** A scenario and params, its cells under every load, and each cell's responsive capacity, most first. */
export interface CapacityGroup {
  readonly scenario: string;
  readonly params: string;
  readonly summaries: readonly ServerSummary[];
  /** Per variant and thread count: responsive capacity in requests/s, and the load it was reached at. */
  readonly capacities: readonly { readonly label: string; readonly variant: string; readonly rps: number; readonly load: number }[];
}

export function capacityGroups(summaries: readonly ServerSummary[]): CapacityGroup[] {
  const capacity = responsiveCapacity(summaries);
  const groups = new Map<string, ServerSummary[]>();
  for (const s of summaries) {
    const key = `${s.scenario}\u0000${s.params}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((members) => {
    const cells = [...new Map(members.map((s) => [s.cell, s])).values()];
    const capacities = cells
      .map((s) => {
        const rps = capacity.get(s.cell) ?? 0;
        const load = members.find((m) => m.cell === s.cell && m.offeredRps === rps)?.load ?? 0;
        return { label: `${s.variant} × ${s.threads}`, variant: s.variant, rps, load };
      })
      .sort((a, b) => b.rps - a.rps);
    return { scenario: members[0]?.scenario ?? '', params: members[0]?.params ?? '', summaries: members, capacities };
  });
}
