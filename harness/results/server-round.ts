// One server cell under one load in one round, as server mode's fold reads it: typed figures, from
// the run's own records or from a server CSV. This file is the server CSV's one reader for the fold.
import { axesOf, cellId, runnerLabel } from '../plan/cell.js';
import type { ServerRecord } from '../run/http/server-record.js';
import { sixDigits } from './csv.js';
import type { CsvRecord } from './csv-read.js';
import { paramsOfRow, variantLabelOfRow } from './round-record.js';

export interface ServerRound {
  readonly cell: string;
  readonly scenario: string;
  /** `iterations=1000`, or `iterations=1000, mode=a`. */
  readonly params: string;
  /** The runner label: the variant, the pool where not piscina (`pooled:tinypool`). */
  readonly variant: string;
  readonly threads: number;
  readonly round: number;
  /** The offered load in units of the sync cell's capacity. */
  readonly load: number;
  readonly offeredRps: number;
  readonly status: string;
  /** The round's error, or what users lost first in an ok round; empty where nothing was. */
  readonly error: string;
  /** Present where the status is ok. */
  readonly figures?: ServerRoundFigures;
}

export interface ServerRoundFigures {
  /** Right answers to `/work` in the window, per second. */
  readonly workRps: number;
  readonly workP50Ms: number;
  readonly workP99Ms: number;
  readonly pingP50Ms: number;
  readonly pingP99Ms: number;
  readonly pingMaxMs: number;
  /** Requests of either kind answered wrongly or not at all. */
  readonly httpErrors: number;
  /** The server process's event loop over the window. */
  readonly eldP99Ms: number;
  readonly elu: number;
  /** The server process's CPU time (every thread) and the window's wall time. */
  readonly cpuMs: number;
  readonly measuredMs: number;
  /** The load process's CPU and wall time over the window. */
  readonly loadCpuMs: number;
  readonly loadWallMs: number;
}

/** A round server mode just measured, at the six digits its CSV keeps (so the table and a later report agree). */
export function serverRoundOf(record: ServerRecord): ServerRound {
  const { cell, outcome } = record;
  const key: ServerRound = {
    cell: cellId(cell),
    scenario: cell.scenario,
    params: Object.entries(axesOf(cell))
      .map(([name, value]) => `${name}=${value}`)
      .join(', '),
    variant: runnerLabel(cell),
    threads: cell.threads,
    round: record.round,
    load: record.load,
    offeredRps: sixDigits(record.load * record.capacityRps),
    status: outcome.status,
    error: outcome.status === 'ok' ? '' : outcome.error,
  };
  if (outcome.status !== 'ok') return key;
  const { work, ping, server } = outcome;
  return {
    ...key,
    error: work.firstProblem ?? ping.firstProblem ?? '',
    figures: {
      workRps: sixDigits(work.answeredPerSecond),
      workP50Ms: sixDigits(work.p50Ms),
      workP99Ms: sixDigits(work.p99Ms),
      pingP50Ms: sixDigits(ping.p50Ms),
      pingP99Ms: sixDigits(ping.p99Ms),
      pingMaxMs: sixDigits(ping.maxMs),
      httpErrors: work.errors + ping.errors,
      eldP99Ms: sixDigits(server.eldP99Ms),
      elu: sixDigits(server.elu),
      cpuMs: sixDigits(server.cpuUserMs) + sixDigits(server.cpuSystemMs),
      measuredMs: sixDigits(server.measuredMs),
      loadCpuMs: sixDigits(outcome.loadCpuMs),
      loadWallMs: sixDigits(outcome.loadWallMs),
    },
  };
}

/** The rounds of a server CSV, typed. */
export function serverRoundsOf(rows: readonly CsvRecord[]): ServerRound[] {
  return rows.map((row) => {
    const text = (column: string) => row[column] ?? '';
    const figure = (column: string) => (text(column) === '' ? Number.NaN : Number(text(column)));
    const key: ServerRound = {
      cell: text('cell'),
      scenario: text('scenario'),
      params: paramsOfRow(row)
        .map(([name, value]) => `${name}=${value}`)
        .join(', '),
      variant: variantLabelOfRow(row),
      threads: Number(text('threads')),
      round: Number(text('round')),
      load: Number(text('load')),
      offeredRps: figure('offered_rps'),
      status: text('status'),
      error: text('error'),
    };
    if (key.status !== 'ok') return key;
    return {
      ...key,
      figures: {
        workRps: figure('work_rps'),
        workP50Ms: figure('work_p50_ms'),
        workP99Ms: figure('work_p99_ms'),
        pingP50Ms: figure('ping_p50_ms'),
        pingP99Ms: figure('ping_p99_ms'),
        pingMaxMs: figure('ping_max_ms'),
        httpErrors: figure('http_errors'),
        eldP99Ms: figure('eld_p99_ms'),
        elu: figure('elu'),
        cpuMs: figure('cpu_user_ms') + figure('cpu_sys_ms'),
        measuredMs: figure('measured_ms'),
        loadCpuMs: figure('load_cpu_ms'),
        loadWallMs: figure('load_wall_ms'),
      },
    };
  });
}
