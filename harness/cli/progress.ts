// Progress on stderr while a sweep runs: a live bar on a terminal, one plain line per measurement
// otherwise (CI logs). Measurement i of N, what it is, its status, elapsed and ETA.
import cliProgress from 'cli-progress';
import { cellId } from '../plan/cell.js';
import type { SweepListener } from '../run/sweep.js';

/** Progress over any sweep: each measurement named by a label. */
export interface LabelProgress {
  start(label: string, index: number, total: number): void;
  done(label: string, status: string, index: number, total: number): void;
  stop(): void;
}

export interface Progress extends SweepListener {
  stop(): void;
}

/** The bench's sweep: cells and their records. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const progress = createLabelProgress(stream);
  return {
    onCellStart: (cell, index, total) => progress.start(cellId(cell), index, total),
    onCellDone: (record, index, total) => progress.done(cellId(record.cell), record.outcome.status, index, total),
    stop: () => progress.stop(),
  };
}

export function createLabelProgress(stream: NodeJS.WriteStream = process.stderr): LabelProgress {
  return stream.isTTY ? createBar(stream) : createLines(stream);
}

function createBar(stream: NodeJS.WriteStream): LabelProgress {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} {cell} | elapsed {duration_formatted} | ETA {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start(label, index, total) {
      if (!started) bar.start(total, index, { cell: label });
      started = true;
      // Follow-up rounds add to the total once the planned rounds are done.
      bar.setTotal(total);
      bar.update(index, { cell: label });
    },
    done(label, status, index) {
      bar.update(index + 1, { cell: `${label} ${status}` });
    },
    stop: () => bar.stop(),
  };
}

function createLines(stream: NodeJS.WriteStream): LabelProgress {
  const started = performance.now();
  return {
    start() {},
    done(label, status, index, total) {
      const elapsedMs = performance.now() - started;
      const etaMs = (elapsedMs / (index + 1)) * (total - index - 1);
      stream.write(`[${index + 1}/${total}] ${label} ${status} (elapsed ${formatDuration(elapsedMs)}, ETA ${formatDuration(etaMs)})\n`);
    },
    stop() {},
  };
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
