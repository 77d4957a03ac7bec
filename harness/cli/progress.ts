// Progress on stderr while the sweep runs: a live bar on a terminal, one plain line per cell
// otherwise (CI logs). Cell i of N, the cell, its status, elapsed and ETA.
import cliProgress from 'cli-progress';
import { cellId } from '../plan/cell.js';
import type { SweepListener } from '../run/sweep.js';

export interface Progress extends SweepListener {
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? createBar(stream) : createLines(stream);
}

function createBar(stream: NodeJS.WriteStream): Progress {
  const bar = new cliProgress.SingleBar(
    { stream, format: '{bar} {value}/{total} {cell} | elapsed {duration_formatted} | ETA {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onCellStart(cell, index, total) {
      if (!started) bar.start(total, index, { cell: cellId(cell) });
      started = true;
      // Follow-up rounds add to the total once the planned rounds are done.
      bar.setTotal(total);
      bar.update(index, { cell: cellId(cell) });
    },
    onCellDone(record, index) {
      bar.update(index + 1, { cell: `${cellId(record.cell)} ${record.outcome.status}` });
    },
    stop: () => bar.stop(),
  };
}

function createLines(stream: NodeJS.WriteStream): Progress {
  const started = performance.now();
  return {
    onCellDone(record, index, total) {
      const elapsedMs = performance.now() - started;
      const etaMs = (elapsedMs / (index + 1)) * (total - index - 1);
      stream.write(
        `[${index + 1}/${total}] ${cellId(record.cell)} ${record.outcome.status} (elapsed ${formatDuration(elapsedMs)}, ETA ${formatDuration(etaMs)})\n`,
      );
    },
    stop() {},
  };
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}
