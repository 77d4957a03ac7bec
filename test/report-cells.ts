// Folded figures for report tests: a calm, well-measured cell, to be overridden field by field.
import type { Figures } from '../harness/report/report-data.js';
import type { CellSummary } from '../harness/results/fold-rounds.js';
import type { RoundRecord } from '../harness/results/round-record.js';

export const calmFigures: Figures = {
  throughput: 100,
  throughputCiLow: 95,
  throughputCiHigh: 105,
  latencyP50Ms: 10,
  latencyP99Ms: 12,
  eldP99Ms: 1.1,
  eldMaxMs: 1.5,
  elu: 0.1,
  blockedMain: false,
  slowedRounds: [],
  hostSlowed: false,
  roundsUsed: 3,
  cpuMsPerTask: 1,
  unstable: false,
  coldFirstMs: Number.NaN,
  coldBurstMs: Number.NaN,
  handoffInMs: Number.NaN,
  handoffOutMs: Number.NaN,
  placement: '',
  decidedByPlacement: false,
  placementEffect: 1,
};

/** A folded cell's first round, for report tests: only its variant matters to them. */
export function firstRound(variant: string): RoundRecord {
  return {
    runId: 'r',
    round: 1,
    timestamp: '',
    cell: '',
    scenario: '',
    params: [],
    variant,
    pool: '',
    poolVersion: '',
    poolDefaultSize: false,
    handoff: '',
    threads: 1,
    status: 'ok',
    error: '',
    machine: { gitCommit: '', nodeVersion: '', v8Version: '', os: '', cpuModel: '', availableCores: 2 },
  };
}

/** A measured cell of scenario `s` at `params`, on `threads`: `figures` over calm ones; `pooled:tinypool` names its pool. */
export function summaryOf(variant: string, figures: Partial<Figures>, threads = 2, params = 'n=1'): CellSummary {
  return {
    cell: `s/${params}/${variant}/${threads}`,
    scenario: 's',
    params,
    size: Number(params.split('=')[1]),
    variant,
    pool: variant.startsWith('pooled') ? (variant.split(':')[1] ?? 'piscina') : '',
    handoff: '',
    poolDefaultSize: false,
    threads,
    first: firstRound(variant),
    status: 'ok',
    error: '',
    rounds: 3,
    figures: { ...calmFigures, ...figures },
  };
}
