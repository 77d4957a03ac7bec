// `bench --serve`: the bench's matrix, run one cell at a time on request. Compare's interleaved A/B
// keeps a server per side and asks them in turn, so that base and head measure each cell back to
// back, each with its own harness. One JSON line per request on stdin, one per answer on stdout.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { type Cell, cellId } from '../plan/cell.js';
import type { CellRecord } from './cell-record.js';
import { describeIssues } from './child-process.js';
import type { CellRunner, SweepResult } from './sweep.js';

/** What the A/B sends: measure this cell as this round. */
const serveRequestSchema = z.object({ round: z.number().int().positive(), cell: z.string() });
export type ServeRequest = z.infer<typeof serveRequestSchema>;

/** What the server answers: its cells once, on start; then one line per request. */
export const serveAnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready'), cells: z.array(z.string()).readonly() }),
  z.object({ kind: z.literal('done'), round: z.number(), cell: z.string(), status: z.string() }),
  z.object({ kind: z.literal('refused'), line: z.string(), reason: z.string() }),
]);
export type ServeAnswer = z.infer<typeof serveAnswerSchema>;

export async function runCellsOnRequest(
  cells: readonly Cell[],
  runner: CellRunner,
  io: { readonly input: Readable; readonly output: Writable; readonly signal?: AbortSignal | undefined },
  onRecord: (record: CellRecord) => void,
): Promise<SweepResult> {
  const byId = new Map(cells.map((cell) => [cellId(cell), cell]));
  const answer = (message: ServeAnswer) => io.output.write(`${JSON.stringify(message)}\n`);
  answer({ kind: 'ready', cells: [...byId.keys()] });
  const records: CellRecord[] = [];
  const lines = createInterface({ input: io.input, crlfDelay: Infinity });
  // Ctrl-C while waiting for a request ends the server as interrupted, as it does mid-cell.
  const stop = () => lines.close();
  io.signal?.addEventListener('abort', stop, { once: true });
  for await (const line of lines) {
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
  io.signal?.removeEventListener('abort', stop);
  return { records, interrupted: io.signal?.aborted ?? false, planned: records.length };
}

/** A request, or why the line is not one. */
function parseRequest(line: string): ServeRequest | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  const request = serveRequestSchema.safeParse(value);
  if (request.success) return request.data;
  return describeIssues(request.error);
}
