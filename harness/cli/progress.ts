// Progress on stderr while a sweep runs: a live bar on a terminal, one plain line per measurement
// otherwise (CI logs). Measurement i of N, what it is, its status, elapsed and ETA: the sweep's own
// where it gives one (the rounds it will still run counted in), else the mean pace times what is left.
import cliProgress from 'cli-progress';
import { cellId } from '../plan/cell.js';
import type { SweepListener } from '../run/sweep.js';

/** Progress over any sweep: each measurement named by a label. */
export interface LabelProgress {
  start(label: string, index: number, total: number): void;
  done(label: string, status: string, index: number, total: number, etaMs?: number): void;
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
    onCellDone: (record, index, total, etaMs) => progress.done(cellId(record.cell), record.outcome.status, index, total, etaMs),
    stop: () => progress.stop(),
  };
}

export function createLabelProgress(stream: NodeJS.WriteStream = process.stderr): LabelProgress {
  return stream.isTTY ? createBar(stream) : createLines(stream);
}

function createBar(stream: NodeJS.WriteStream): LabelProgress {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} {cell} | elapsed {duration_formatted} | ETA {left}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  let running = false;
  return {
    start(label, index, total) {
      if (!running) bar.start(total, index, { cell: label, left: '-' });
      running = true;
      // Later rounds add to the total once they are decided.
      bar.setTotal(total);
      bar.update(index, { cell: label });
    },
    done(label, status, index, total, etaMs) {
      const left = formatDuration(etaMs ?? paceEtaMs(performance.now() - started, index, total));
      bar.update(index + 1, { cell: `${label} ${status}`, left });
    },
    stop: () => bar.stop(),
  };
}

function createLines(stream: NodeJS.WriteStream): LabelProgress {
  const started = performance.now();
  return {
    start() {},
    done(label, status, index, total, etaMs) {
      const elapsedMs = performance.now() - started;
      const left = etaMs ?? paceEtaMs(elapsedMs, index, total);
      stream.write(`[${index + 1}/${total}] ${label} ${status} (elapsed ${formatDuration(elapsedMs)}, ETA ${formatDuration(left)})\n`);
    },
    stop() {},
  };
}

/** Without the sweep's own estimate: the mean pace so far times the measurements left. */
function paceEtaMs(elapsedMs: number, index: number, total: number): number {
  return (elapsedMs / (index + 1)) * (total - index - 1);
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
