// What an interrupted run already measured, read back from its files for `bench --resume`: the
// rows to fold with the new ones, which rounds of which cells are done, and how long each took.
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { roundKey } from '../run/sweep.js';
import { formatCsv } from './csv.js';
import { readCsvTable } from './csv-read.js';
import { type RoundRecord, roundRecordsOf } from './round-record.js';

export interface PriorRounds {
  readonly rounds: readonly RoundRecord[];
  /** `cell#round` of every round already written. */
  readonly done: ReadonlySet<string>;
  /** Rounds written of each cell. */
  readonly roundsOf: ReadonlyMap<string, number>;
  /** The highest round written: later rounds continue after it. */
  readonly lastRound: number;
  /** Each written row's cell, variant and the time since the row before it: what it took. */
  readonly times: readonly { readonly cell: string; readonly variant: string; readonly ms: number }[];
  /** When the last row was written: the interrupted run's time spent ends there. */
  readonly lastWrittenAt: Date | undefined;
}

/**
 * Reads the cells file, first cutting off a half line (a process killed mid-write), and keeps in
 * the samples file only the rounds the cells file holds (a round whose row never made it is measured again).
 */
export function readPriorRounds(cellsPath: string, samplesPath: string, startedAt: Date): PriorRounds {
  cutToWholeLines(cellsPath);
  cutToWholeLines(samplesPath);
  const rounds = roundRecordsOf(readCsvTable(cellsPath).rows);
  const done = new Set(rounds.map(({ cell, round }) => roundKey(cell, round)));
  const samples = readCsvTable(samplesPath);
  const kept = samples.rows.filter((row) => done.has(roundKey(row.cell ?? '', Number(row.round))));
  if (kept.length !== samples.rows.length) writeFileSync(samplesPath, formatCsv(kept, samples.columns, true));
  const roundsOf = new Map<string, number>();
  for (const { cell } of rounds) roundsOf.set(cell, (roundsOf.get(cell) ?? 0) + 1);
  let previous = startedAt.getTime();
  const times = rounds.map(({ cell, variant, timestamp }) => {
    const at = Date.parse(timestamp);
    const ms = Number.isFinite(at) ? Math.max(0, at - previous) : 0;
    if (Number.isFinite(at)) previous = at;
    return { cell, variant, ms };
  });
  return {
    rounds,
    done,
    roundsOf,
    lastRound: Math.max(0, ...rounds.map(({ round }) => round || 0)),
    times,
    lastWrittenAt: rounds.length > 0 ? new Date(previous) : undefined,
  };
}

function cutToWholeLines(path: string): void {
  const text = readFileSync(path);
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  truncateSync(path, text.lastIndexOf(0x0a) + 1);
}
