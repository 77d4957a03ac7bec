// `bench --serve`: the bench's matrix, run one cell at a time on request. Compare's interleaved A/B
// keeps a server per side and asks them in turn, so that base and head measure each cell back to
// back, each with its own harness. One JSON line per request on stdin, one per answer on stdout.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { cellId, type Cell } from './cell.js';
import type { CellRecord } from './exporters/csv.js';
import type { CellRunner, SweepResult } from './sweep.js';

/** What the A/B sends: measure this cell as this round. */
export interface ServeRequest {
  readonly round: number;
  readonly cell: string;
}

/** What the server answers: its cells once, on start; then one line per request. */
export type ServeAnswer =
  | { readonly kind: 'ready'; readonly cells: readonly string[] }
  | { readonly kind: 'done'; readonly round: number; readonly cell: string; readonly status: string }
  | { readonly kind: 'refused'; readonly line: string; readonly reason: string };

export async function serveCells(
  cells: readonly Cell[],
  runner: CellRunner,
  io: { readonly input: Readable; readonly output: Writable },
  onRecord: (record: CellRecord) => void,
): Promise<SweepResult> {
  const byId = new Map(cells.map((cell) => [cellId(cell), cell]));
  const answer = (message: ServeAnswer) => io.output.write(`${JSON.stringify(message)}\n`);
  answer({ kind: 'ready', cells: [...byId.keys()] });
  const records: CellRecord[] = [];
  for await (const line of createInterface({ input: io.input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const request = parseRequest(line);
    const cell = typeof request === 'string' ? undefined : byId.get(request.cell);
    if (typeof request === 'string' || !cell) {
      answer({ kind: 'refused', line, reason: typeof request === 'string' ? request : `no cell ${request.cell} in this matrix` });
      continue;
    }
    const record = await runner.run(cell, request.round);
    if (record === 'canceled') return { records, interrupted: true, planned: records.length };
    records.push(record);
    onRecord(record);
    answer({ kind: 'done', round: request.round, cell: request.cell, status: record.outcome.status });
  }
  return { records, interrupted: false, planned: records.length };
}

/** A request, or why the line is not one. */
function parseRequest(line: string): ServeRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not an object';
  const { round, cell } = value as Record<string, unknown>;
  if (typeof cell !== 'string') return 'no cell id';
  if (typeof round !== 'number' || !Number.isSafeInteger(round) || round < 1) return 'no positive whole round';
  return { round, cell };
}
