// Reads one side of a comparison: one or more cells CSVs (rounds of the same matrix) and the
// samples files beside them, checked once, merged per cell.
import { existsSync } from 'node:fs';
import { median } from '../measure/median.js';
import { speedupOf } from '../measure/vs-sync.js';
import { parseCellId, runnerLabel, syncCellIdOf, withoutNode } from '../plan/cell.js';
import { UsageError } from '../plan/errors.js';
import { samplesPathFor } from '../results/csv-file.js';
import { describeSchemaDifference, readCsvTable } from '../results/csv-read.js';
import { type RoundRecord, roundRecordsOf } from '../results/round-record.js';

/** Columns a result file must have for a comparison; `param_<name>` columns may vary with the scenarios. */
export const requiredColumns = [
  'run_id',
  'round',
  'cell',
  'scenario',
  'variant',
  'threads',
  'status',
  'error',
  'throughput_mean',
  'throughput_median',
  'speedup_vs_sync',
  'efficiency',
  'eld_p99_ms',
  'node_version',
  'cpu_model',
  'available_cores',
] as const;

/** One cell of one side, its rounds merged. */
export interface SideCell {
  readonly id: string;
  readonly scenario: string;
  readonly variant: string;
  readonly threads: number;
  /** `ok` only if every round measured it; otherwise the first other status and its error. */
  readonly status: string;
  readonly error: string;
  /**
   * One value per round (a separate process, a later moment of the host): the median batch
   * throughput. These carry the run-to-run noise that batches inside one process cannot show.
   */
  readonly roundThroughput: readonly number[];
  /** One value per round: median batch throughput ÷ the median of that round's sync batches. */
  readonly roundSpeedup: readonly number[];
  /** When each round of the cell finished (ms since the epoch, from `timestamp`), in round order. */
  readonly roundTimes: readonly number[];
  /** Median over rounds. */
  readonly efficiency?: number;
  /** Median over rounds. */
  readonly eldP99Ms?: number;
}

/** A side's cell while its rounds are gathered: per-round figures kept until the medians are taken. */
interface GatheredCell extends Omit<SideCell, 'efficiency' | 'eldP99Ms'> {
  readonly efficiencies: readonly number[];
  readonly eldP99s: readonly number[];
}

export interface ResultSet {
  readonly paths: readonly string[];
  /** The column set without `param_*` columns: what two sides must share. */
  readonly schema: readonly string[];
  readonly cells: ReadonlyMap<string, SideCell>;
  /** node_version, cpu_model and available_cores of the first row: where it was measured. */
  readonly machine: string;
}

export function readResultSet(paths: readonly string[], side: string): ResultSet {
  if (paths.length === 0) throw new UsageError(`Expected at least one ${side} result CSV, got none`);
  const files = paths.map((path) => readRoundFile(path, side));
  const schema = files[0]?.schema ?? [];
  for (const file of files) {
    if (file.schema.join() !== schema.join()) {
      throw new UsageError(
        `Expected every ${side} CSV to share one schema, got ${describeSchemaDifference(schema, file.schema)} in ${file.path}`,
      );
    }
  }
  return { paths, schema, cells: mergeRounds(files), machine: files[0]?.machine ?? '' };
}

/**
 * One pool's `pooled` cells of a result set, keyed as plain `pooled` cells (`…/pooled/2`), so that
 * two pools measured in the same run compare as two sides: cell by cell, round by round.
 */
export function poolSide(set: ResultSet, pool: string): ResultSet {
  const label = runnerLabel({ variant: 'pooled', pool });
  const cells = [...set.cells.values()].flatMap((cell): [string, SideCell][] => {
    const group = parseCellId(cell.id)?.group;
    if (cell.variant !== label || group === undefined) return [];
    const id = `${group}/pooled/${cell.threads}`;
    return [[id, { ...cell, id, variant: 'pooled' }]];
  });
  return { ...set, cells: new Map(cells) };
}

/** The Nodes a run measured under (`--node`), as its cell ids name them: `22.23.5`; none for a one-Node run. */
export function nodesOf(set: ResultSet): string[] {
  return [...new Set([...set.cells.keys()].flatMap((id) => withoutNode(id).node ?? []))];
}

/**
 * One Node's cells of a run measured under several (`--node`), keyed as a one-Node run keys them
 * (`pbkdf2/iterations=1000/pooled/2`), so that two Nodes of the same run compare as two sides: cell
 * by cell, round by round, each speedup against that Node's own sync cell. Its machine names that Node.
 */
export function nodeSide(set: ResultSet, version: string): ResultSet {
  const cells = [...set.cells.values()].flatMap((cell): [string, SideCell][] => {
    const { id, node } = withoutNode(cell.id);
    return node === version ? [[id, { ...cell, id }]] : [];
  });
  return { ...set, machine: set.machine.replace(/Node \S+$/, `Node v${version}`), cells: new Map(cells) };
}

/**
 * Two sides measured in the same rounds, each cell cut to the rounds both sides have: follow-up
 * rounds that re-measured only one side's unstable cell would otherwise break the pairing.
 */
export function commonRounds(base: ResultSet, head: ResultSet): [ResultSet, ResultSet] {
  const cut = (set: ResultSet, other: ResultSet): ResultSet => ({
    ...set,
    cells: new Map(
      [...set.cells].map(([id, cell]) => {
        const rounds = Math.min(cell.roundTimes.length, other.cells.get(id)?.roundTimes.length ?? cell.roundTimes.length);
        return [
          id,
          {
            ...cell,
            roundThroughput: cell.roundThroughput.slice(0, rounds),
            roundSpeedup: cell.roundSpeedup.slice(0, rounds),
            roundTimes: cell.roundTimes.slice(0, rounds),
          },
        ];
      }),
    ),
  });
  return [cut(base, head), cut(head, base)];
}

interface RoundFile {
  readonly path: string;
  readonly schema: readonly string[];
  readonly rounds: readonly RoundRecord[];
  /** Each round's batch throughputs, by `run_id|round|cell` (samplesKey). */
  readonly samples: ReadonlyMap<string, number[]>;
  readonly machine: string;
}

const samplesKey = (runId: string, round: number, cell: string) => `${runId}|${round}|${cell}`;

function readRoundFile(path: string, side: string): RoundFile {
  if (!existsSync(path)) throw new UsageError(`Expected the ${side} result CSV "${path}" to exist, found no such file`);
  const samplesPath = samplesPathFor(path);
  if (!existsSync(samplesPath)) {
    throw new UsageError(`Expected the samples file "${samplesPath}" beside "${path}" (npm run bench writes both), found none`);
  }
  const { columns, rows } = readCsvTable(path);
  const missing = requiredColumns.filter((column) => !columns.includes(column));
  if (missing.length > 0) throw new UsageError(`Expected "${path}" to be a threadbench result CSV, got one without ${missing.join(', ')}`);
  const rounds = roundRecordsOf(rows);
  const samples = readSamples(samplesPath);
  if (rounds.some((round) => round.status === 'ok') && samples.size === 0) {
    throw new UsageError(`Expected samples in "${samplesPath}" for the measured cells of "${path}", got none`);
  }
  // A samples file of another run (a cells file copied alone) would leave every cell without
  // batches, and a comparison of nothing must not read as a verdict.
  const unsampled = rounds.find((round) => round.status === 'ok' && !samples.has(samplesKey(round.runId, round.round, round.cell)));
  if (unsampled) {
    throw new UsageError(
      `Expected "${samplesPath}" to hold the batches of every measured cell of "${path}", got none for ${unsampled.cell} (run ${unsampled.runId}, round ${unsampled.round}): is it another run's samples file?`,
    );
  }
  const first = rounds[0]?.machine;
  const machine = first ? `${first.cpuModel} × ${first.availableCores} cores, Node ${first.nodeVersion}` : '';
  return { path, schema: columns.filter((column) => !column.startsWith('param_')), rounds, samples, machine };
}

/** A samples file's batch throughputs, by round and cell. */
function readSamples(samplesPath: string): Map<string, number[]> {
  const samples = new Map<string, number[]>();
  for (const sample of readCsvTable(samplesPath).rows) {
    const key = samplesKey(sample.run_id ?? '', Number(sample.round), sample.cell ?? '');
    samples.set(key, [...(samples.get(key) ?? []), Number(sample.throughput)]);
  }
  return samples;
}

function mergeRounds(files: readonly RoundFile[]): Map<string, SideCell> {
  const merged = new Map<string, GatheredCell>();
  for (const file of files) {
    for (const record of file.rounds) {
      const id = record.cell;
      const roundMedian = median(file.samples.get(samplesKey(record.runId, record.round, id)) ?? []);
      const syncId = syncCellIdOf(id);
      const syncMedian = syncId === undefined ? undefined : median(file.samples.get(samplesKey(record.runId, record.round, syncId)) ?? []);
      const round: GatheredCell = {
        id,
        scenario: record.scenario,
        variant: runnerLabel({ variant: record.variant, pool: record.pool || undefined, handoff: record.handoff || undefined }),
        threads: record.threads,
        status: record.status,
        error: record.error,
        roundThroughput: roundMedian === undefined ? [] : [roundMedian],
        roundSpeedup: roundMedian === undefined || syncMedian === undefined ? [] : [speedupOf(roundMedian, syncMedian)],
        roundTimes: roundMedian === undefined ? [] : [Date.parse(record.timestamp)],
        efficiencies: finite(record.figures?.efficiency),
        eldP99s: finite(record.figures?.eldP99Ms),
      };
      const earlier = merged.get(id);
      merged.set(id, earlier ? combine(earlier, round) : round);
    }
  }
  return new Map(
    [...merged].map(([id, { efficiencies, eldP99s, ...cell }]) => {
      const efficiency = median(efficiencies);
      const eldP99Ms = median(eldP99s);
      // A round file without the cell: that round did not finish it. Not "missing" (which never
      // fails the check) but failed, so that a crashed round cannot hide a broken cell.
      const absentFrom = files.filter((file) => !file.rounds.some((round) => round.cell === id)).map((file) => file.path);
      const absent =
        absentFrom.length > 0 && cell.status === 'ok' ? { status: 'failed', error: `absent from ${absentFrom.join(', ')}` } : {};
      return [
        id,
        { ...cell, ...absent, ...(efficiency !== undefined ? { efficiency } : {}), ...(eldP99Ms !== undefined ? { eldP99Ms } : {}) },
      ];
    }),
  );
}

function combine(earlier: GatheredCell, round: GatheredCell): GatheredCell {
  const failed = earlier.status !== 'ok' ? earlier : round.status !== 'ok' ? round : undefined;
  return {
    ...earlier,
    status: failed?.status ?? 'ok',
    error: failed?.error ?? '',
    roundThroughput: [...earlier.roundThroughput, ...round.roundThroughput],
    roundSpeedup: [...earlier.roundSpeedup, ...round.roundSpeedup],
    roundTimes: [...earlier.roundTimes, ...round.roundTimes],
    efficiencies: [...earlier.efficiencies, ...round.efficiencies],
    eldP99s: [...earlier.eldP99s, ...round.eldP99s],
  };
}

/** A figure as a one-element list, or none where the round has none. */
function finite(value: number | undefined): number[] {
  return value === undefined || Number.isNaN(value) ? [] : [value];
}
