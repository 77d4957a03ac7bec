// The summary printed at the end of a run: the main figures of every cell, speedup vs sync.
// A few lines of padding rather than a table library: plain text is all a terminal and a CI log need.
import type { CellRecord } from './csv.js';

const headers = ['scenario', 'params', 'variant', 'threads', 'status', 'mean tasks/s', '±95%', 'speedup(med)', 'effic.', 'lat p50 ms', 'eld p99 ms', 'eld max ms', 'elu'];
const errorChars = 70;
const keyColumns = 5;
/** Above this, more speedup than cores: a sign the host's speed changed between the cells. */
const suspectEfficiency = 1.05;

export function formatSummaryTable(records: readonly CellRecord[]): string {
  const rows = records.map(({ cell, outcome, derived }) => {
    const key = [cell.scenario, Object.entries(cell.params).map(([k, v]) => `${k}=${v}`).join(' '), cell.variant, String(cell.threads), outcome.status];
    if (outcome.status !== 'ok') return [...key, outcome.error.slice(0, errorChars)];
    const m = outcome.measurement;
    const ciPercent = ((m.throughput.ciHigh - m.throughput.mean) / m.throughput.mean) * 100;
    return [
      ...key,
      fixed(m.throughput.mean, m.throughput.mean < 100 ? 1 : 0),
      `${fixed(ciPercent, 1)}%`,
      derived.speedupVsSync === undefined ? '' : `${fixed(derived.speedupVsSync, 2)}x`,
      derived.efficiency === undefined ? '' : `${fixed(derived.efficiency, 2)}${derived.efficiency > suspectEfficiency ? '?' : ''}`,
      fixed(m.latencyP50Ms, 2),
      fixed(m.eldP99Ms, 1),
      fixed(m.eldMaxMs, 1),
      fixed(m.elu, 2),
    ];
  });
  // Error rows end in free text after the status: they set the widths of the key columns only.
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.filter((r) => column < keyColumns || r.length === headers.length).map((r) => r[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((text, column) => (column < keyColumns ? text.padEnd(widths[column] ?? 0) : cells.length === headers.length ? text.padStart(widths[column] ?? 0) : text))
      .join('  ')
      .trimEnd();
  const table = [line(headers), ...rows.map(line)];
  if (records.some((r) => (r.derived.efficiency ?? 0) > suspectEfficiency)) {
    table.push(
      `? efficiency above ${suspectEfficiency}: more speedup than cores. For CPU-bound work that usually means the ` +
        "machine's speed changed between this cell and its sync cell; rerun before trusting that ratio.",
    );
  }
  return table.join('\n');
}

function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
