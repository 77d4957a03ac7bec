// Parent side of one server cell under one load: the server process, then the load process aimed at
// it; the load's window relayed to the server so that both measure the same seconds; however either
// ends (a crash, a hang, Ctrl-C), both are killed and the port with them.
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { FailureStatus } from '../../measure/measurement.js';
import { describeIssues, spawnChild } from '../child-process.js';
import type { StreamFigures } from './open-loop.js';
import {
  type LoadMessage,
  type LoadPlan,
  loadMessageSchema,
  type ServerCommand,
  type ServerFigures,
  type ServerMessage,
  type ServerSpec,
  serverMessageSchema,
} from './protocol.js';

const serverChild = fileURLToPath(new URL('./server-child.js', import.meta.url));
const loadChild = fileURLToPath(new URL('./load-child.js', import.meta.url));
const stopGraceMs = 5000;

export interface ServerCellOptions {
  /** The whole cell, start-up to the last answer, before both processes are killed as `timeout`. */
  readonly timeoutMs: number;
  /** The server process's heap limit a thread (MiB); the load process keeps Node's own. */
  readonly heapLimitMb?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Hears the server's port once it listens (tests check that nothing listens after the cell). */
  readonly onListening?: (port: number) => void;
  /** The node binary the server runs on (`--node`); the load process stays on the harness's own, as a client would. */
  readonly nodePath?: string | undefined;
}

export type ServerOutcome =
  | {
      readonly status: 'ok';
      readonly server: ServerFigures;
      readonly work: StreamFigures;
      readonly ping: StreamFigures;
      /** The load process's CPU time and wall time, start to last answer. */
      readonly loadCpuMs: number;
      readonly loadWallMs: number;
    }
  | { readonly status: FailureStatus; readonly error: string }
  | { readonly status: 'canceled' };

class CellEnded extends Error {
  constructor(readonly outcome: Exclude<ServerOutcome, { status: 'ok' }>) {
    super(outcome.status);
  }
}

type Child = ReturnType<typeof spawnChild>;

/** Messages of a child, checked, one at a time; a child that exits first ends the cell as crashed. */
function mailbox<T>(child: Child, schema: z.ZodType<T>, subject: string): () => Promise<T> {
  const queue: T[] = [];
  const waiting: { resolve: (message: T) => void; reject: (error: Error) => void }[] = [];
  let ended: Error | undefined;
  child.on('message', (message: unknown) => {
    const parsed = schema.safeParse(message);
    const next = waiting.shift();
    if (!parsed.success) {
      ended = new CellEnded({ status: 'crashed', error: `${subject} sent a message that is not one: ${describeIssues(parsed.error)}` });
      next?.reject(ended);
    } else if (next) next.resolve(parsed.data);
    else queue.push(parsed.data);
  });
  child.once('exit', (code, signal) => {
    ended ??= new CellEnded({
      status: 'crashed',
      error: `${subject} ${signal ? `was killed by ${signal}` : `exited with code ${code}`} before it was done`,
    });
    for (const next of waiting.splice(0)) next.reject(ended);
  });
  return () => {
    const message = queue.shift();
    if (message !== undefined) return Promise.resolve(message);
    if (ended) return Promise.reject(ended);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
}

export async function runServerCell(
  spec: ServerSpec,
  plan: Omit<LoadPlan, 'origin' | 'digests'>,
  options: ServerCellOptions,
): Promise<ServerOutcome> {
  if (options.signal?.aborted) return { status: 'canceled' };
  const guard = new CellGuard(options);
  try {
    // 1. The server, until it listens.
    const server = guard.start(serverChild, spec, {
      threadpoolSize: spec.variant === 'libuv-async' ? spec.threads : undefined,
      heapLimitMb: options.heapLimitMb,
      nodePath: options.nodePath,
    });
    const fromServer = mailbox(server, serverMessageSchema, 'the server');
    // A server that died is told nothing more: its mailbox has already said how it ended.
    const tellServer = (command: ServerCommand) => void server.sendMessage(command).catch(() => {});
    const ready = await guard.race(fromServer());
    if (ready.kind === 'failed') return { status: ready.status, error: ready.error };
    if (ready.kind !== 'listening') throw new CellEnded({ status: 'crashed', error: `the server began with ${ready.kind}` });
    options.onListening?.(ready.port);
    // 2. The load aimed at it; its window relayed to the server, until the load is done.
    const load = guard.start(
      loadChild,
      { ...plan, origin: `http://127.0.0.1:${ready.port}`, digests: ready.digests } satisfies LoadPlan,
      {},
    );
    const { done, serverFigures } = await relayWindow(mailbox(load, loadMessageSchema, 'the load'), fromServer, tellServer, guard);
    // 3. The server stopped; its teardown (a scenario's fixture) runs on the way out: a moment's grace, then the kill.
    tellServer({ kind: 'stop' });
    await Promise.race([server, sleep(stopGraceMs, undefined, { ref: false })]);
    return outcomeOf(done, serverFigures);
  } catch (error) {
    if (error instanceof CellEnded) return error.outcome;
    throw error;
  } finally {
    await guard.dispose();
  }
}

type LoadDone = Extract<LoadMessage, { kind: 'done' }>;

/** The load's window opened and closed on the server too, the server's figures of that window taken; until the load is done. */
async function relayWindow(
  fromLoad: () => Promise<LoadMessage>,
  fromServer: () => Promise<ServerMessage>,
  tellServer: (command: ServerCommand) => void,
  guard: CellGuard,
): Promise<{ readonly done: LoadDone; readonly serverFigures: ServerFigures }> {
  let serverFigures: ServerFigures | undefined;
  for (;;) {
    const message = await guard.race(fromLoad());
    if (message.kind === 'window-open') {
      tellServer({ kind: 'open' });
    } else if (message.kind === 'window-closed') {
      tellServer({ kind: 'close' });
      const measured = await guard.race(fromServer());
      if (measured.kind === 'failed') throw new CellEnded({ status: measured.status, error: measured.error });
      if (measured.kind !== 'measured') throw new CellEnded({ status: 'crashed', error: `the server answered ${measured.kind} to close` });
      serverFigures = measured.figures;
    } else {
      if (!serverFigures) throw new CellEnded({ status: 'crashed', error: 'the load finished without closing its window' });
      return { done: message, serverFigures };
    }
  }
}

/** What the load saw decides the cell: a kernel that failed or computed something else makes its figures a lie. */
function outcomeOf(done: LoadDone, serverFigures: ServerFigures): ServerOutcome {
  const { work, ping } = done;
  if (work.failed > 0) return { status: 'failed', error: work.firstProblem ?? 'the work failed' };
  if (work.wrong > 0) return { status: 'mismatch', error: work.firstProblem ?? 'a wrong answer' };
  if (work.due > 0 && work.errors === work.due) {
    return { status: 'timeout', error: `the server answered none of ${work.due} /work requests (${work.firstProblem})` };
  }
  return {
    status: 'ok',
    server: serverFigures,
    work,
    ping,
    loadCpuMs: done.cpuUserMs + done.cpuSystemMs,
    loadWallMs: done.wallMs,
  };
}

/**
 * A server cell's processes, and the three ways it ends early: its timeout, an abort (Ctrl-C), and
 * the harness exiting. Whatever ends it, `dispose` kills every process it started, and the port with them.
 */
class CellGuard {
  private readonly children: Child[] = [];
  private stop: (outcome: Exclude<ServerOutcome, { status: 'ok' }>) => void = () => {};
  /** Rejects with the cell's end when the timeout fires or the run is aborted. */
  private readonly stopped = new Promise<never>((_, reject) => {
    this.stop = (outcome) => reject(new CellEnded(outcome));
  });
  private readonly timer: NodeJS.Timeout;
  private readonly onAbort = () => this.stop({ status: 'canceled' });
  private readonly killAll = () => {
    for (const child of this.children) child.kill('SIGKILL');
  };

  constructor(private readonly options: ServerCellOptions) {
    // Nobody may await `stopped` yet: an early end must not be an unhandled rejection.
    this.stopped.catch(() => {});
    this.timer = setTimeout(
      () => this.stop({ status: 'timeout', error: `server cell did not finish within ${options.timeoutMs} ms (--timeout)` }),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', this.onAbort, { once: true });
    process.once('exit', this.killAll);
  }

  start(script: string, request: unknown, limits: Parameters<typeof spawnChild>[2]): Child {
    const child = spawnChild(script, request, limits);
    this.children.push(child);
    return child;
  }

  /** The message, or the cell's end if it comes first. */
  race<T>(next: Promise<T>): Promise<T> {
    return Promise.race([next, this.stopped]);
  }

  async dispose(): Promise<void> {
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener('abort', this.onAbort);
    process.removeListener('exit', this.killAll);
    this.killAll();
    await Promise.allSettled(this.children);
  }
}
