// An open-loop load: requests go out at a constant rate whatever the server does, and each one's
// latency counts from when it was due, not from when it went out (coordinated omission corrected,
// as wrk2 does). A server that stalls for a second is charged for every request that fell due in
// that second; a closed-loop tester would have sent none of them and reported the stall once.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { figure } from '../../measure/measurement.js';

/** One kind of request at one constant rate: `/work?i=k` at the offered load, `/ping` beside it. */
export interface Stream {
  readonly name: string;
  /** Requests per second; the k-th is due at start + k / rps. */
  readonly rps: number;
  readonly path: (k: number) => string;
  /** What is wrong with the k-th answer's body, or undefined when it is right. */
  readonly check?: (k: number, body: string) => string | undefined;
  /**
   * The client this stream's requests go through. Streams keep their own connections, as a
   * server's users do: one stream waiting for connections must not hold the other back.
   */
  readonly send: Send;
}

/** What an HTTP client does with one request: its status and body, or a rejection. */
export type Send = (path: string, signal: AbortSignal) => Promise<{ readonly status: number; readonly body: string }>;

export interface OpenLoopOptions {
  readonly streams: readonly Stream[];
  /** Requests due in the warm-up are sent and awaited, not recorded. */
  readonly warmupMs: number;
  readonly durationMs: number;
  /** A request not answered this long after it was due is an error, recorded at this latency. */
  readonly timeoutMs: number;
  /** Hears the measured window open and close, for whoever measures the server over it. */
  readonly onWindow?: (edge: 'open' | 'closed') => void;
}

export const streamFiguresSchema = z.object({
  /** Requests due in the measured window. */
  due: z.number(),
  /** Answered right (status 200, body checked) and finished inside the window, per second of it. */
  answeredPerSecond: figure,
  /** Latency from the due time, ms, over every request due in the window; a timeout counts as the timeout. */
  p50Ms: figure,
  p99Ms: figure,
  maxMs: figure,
  /** Refused, reset, timed out, or answered other than 200 or 500: what the server's users would see fail. */
  errors: z.number(),
  /** Answered 500: the work itself failed (the kernel threw), not the server. */
  failed: z.number(),
  /** Answered 200 with a body its check rejects: the server computed something else. */
  wrong: z.number(),
  /** The first error or wrong answer, for the row's error column. */
  firstProblem: z.string().optional(),
});
export type StreamFigures = z.infer<typeof streamFiguresSchema>;

const nsPerMs = 1e6;

export async function runOpenLoop(options: OpenLoopOptions): Promise<ReadonlyMap<string, StreamFigures>> {
  const start = performance.now();
  // Which requests fall in the window is decided on their offsets from the start, never on sums of
  // clock readings, whose last bit could move a request due on the boundary in or out.
  const windowEndOffset = options.warmupMs + options.durationMs;
  const windowEnd = start + windowEndOffset;
  const tallies = options.streams.map((stream) => ({ stream, next: 0, ...emptyTally() }));
  const inFlight = new Set<Promise<void>>();
  let opened = false;
  const open = (): void => {
    if (!opened) options.onWindow?.('open');
    opened = true;
  };
  const openTimer = setTimeout(open, options.warmupMs);

  const fire = (tally: (typeof tallies)[number], k: number, offset: number): void => {
    const due = start + offset;
    const measured = offset >= options.warmupMs;
    if (measured) tally.due++;
    const signal = AbortSignal.timeout(Math.max(1, Math.round(due + options.timeoutMs - performance.now())));
    const request = tally.stream
      .send(tally.stream.path(k), signal)
      .then(({ status, body }) => {
        const done = performance.now();
        const problem = status !== 200 ? `HTTP ${status}${body ? ` ${body.slice(0, 200)}` : ''}` : tally.stream.check?.(k, body);
        if (!measured) return;
        tally.latency.record(toNs(done - due));
        if (problem === undefined) {
          if (done <= windowEnd) tally.answered++;
        } else if (status === 200) {
          tally.wrong++;
          tally.firstProblem ??= `${tally.stream.path(k)}: ${problem}`;
        } else if (status === 500) {
          tally.failed++;
          tally.firstProblem ??= `${tally.stream.path(k)}: ${problem}`;
        } else {
          tally.errors++;
          tally.firstProblem ??= `${tally.stream.path(k)}: ${problem}`;
        }
      })
      .catch((error: unknown) => {
        if (!measured) return;
        tally.latency.record(toNs(Math.min(performance.now() - due, options.timeoutMs)));
        tally.errors++;
        tally.firstProblem ??= `${tally.stream.path(k)}: ${signal.aborted ? `no answer within ${options.timeoutMs} ms` : describe(error)}`;
      });
    const settled = request.finally(() => inFlight.delete(settled));
    inFlight.add(settled);
  };

  for (;;) {
    const now = performance.now();
    let nextOffset = Number.POSITIVE_INFINITY;
    for (const tally of tallies) {
      const interval = 1000 / tally.stream.rps;
      for (let offset = tally.next * interval; start + offset <= now && offset < windowEndOffset; offset = tally.next * interval) {
        fire(tally, tally.next, offset);
        tally.next++;
      }
      nextOffset = Math.min(nextOffset, tally.next * interval);
    }
    if (nextOffset >= windowEndOffset) break;
    // Timers fire no sooner than asked and often later: a late wake-up sends what fell due at once,
    // each still timed from its due moment.
    await sleep(Math.max(0, start + nextOffset - performance.now()));
  }
  await sleep(Math.max(0, windowEnd - performance.now()));
  // The window closes in order after it opened, whichever timer a busy loop ran first.
  clearTimeout(openTimer);
  open();
  options.onWindow?.('closed');
  while (inFlight.size > 0) await Promise.all(inFlight);
  return new Map(tallies.map((tally) => [tally.stream.name, figuresOf(tally, options.durationMs)]));
}

function emptyTally(): {
  due: number;
  answered: number;
  errors: number;
  failed: number;
  wrong: number;
  latency: RecordableHistogram;
  firstProblem?: string;
} {
  return { due: 0, answered: 0, errors: 0, failed: 0, wrong: 0, latency: createHistogram() };
}

function figuresOf(tally: ReturnType<typeof emptyTally>, durationMs: number): StreamFigures {
  const recorded = tally.latency.count > 0;
  return {
    due: tally.due,
    answeredPerSecond: tally.answered / (durationMs / 1000),
    p50Ms: recorded ? tally.latency.percentile(50) / nsPerMs : Number.NaN,
    p99Ms: recorded ? tally.latency.percentile(99) / nsPerMs : Number.NaN,
    maxMs: recorded ? tally.latency.max / nsPerMs : Number.NaN,
    errors: tally.errors,
    failed: tally.failed,
    wrong: tally.wrong,
    ...(tally.firstProblem === undefined ? {} : { firstProblem: tally.firstProblem }),
  };
}

const toNs = (ms: number) => Math.max(1, Math.round(ms * nsPerMs));

function describe(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
}
