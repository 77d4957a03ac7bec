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
  type LoadPlan,
  loadMessageSchema,
  type ServerCommand,
  type ServerFigures,
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
  const children: Child[] = [];
  const start = (script: string, request: unknown, threadpoolSize?: number, heapLimitMb?: number, nodePath?: string): Child => {
    const child = spawnChild(script, request, { threadpoolSize, heapLimitMb, nodePath });
    children.push(child);
    return child;
  };
  const killAll = () => {
    for (const child of children) child.kill('SIGKILL');
  };
  let stop: (outcome: Exclude<ServerOutcome, { status: 'ok' }>) => void = () => {};
  const stopped = new Promise<never>((_, reject) => {
    stop = (outcome) => reject(new CellEnded(outcome));
  });
  const timer = setTimeout(
    () => stop({ status: 'timeout', error: `server cell did not finish within ${options.timeoutMs} ms (--timeout)` }),
    options.timeoutMs,
  );
  const onAbort = () => stop({ status: 'canceled' });
  options.signal?.addEventListener('abort', onAbort, { once: true });
  process.once('exit', killAll);
  try {
    const server = start(
      serverChild,
      spec,
      spec.variant === 'libuv-async' ? spec.threads : undefined,
      options.heapLimitMb,
      options.nodePath,
    );
    const fromServer = mailbox(server, serverMessageSchema, 'the server');
    // A server that died is told nothing more: its mailbox has already said how it ended.
    const tellServer = (command: ServerCommand) => void server.sendMessage(command).catch(() => {});
    const ready = await Promise.race([fromServer(), stopped]);
    if (ready.kind === 'failed') return { status: ready.status, error: ready.error };
    if (ready.kind !== 'listening') throw new CellEnded({ status: 'crashed', error: `the server began with ${ready.kind}` });
    options.onListening?.(ready.port);
    const load = start(loadChild, { ...plan, origin: `http://127.0.0.1:${ready.port}`, digests: ready.digests } satisfies LoadPlan);
    const fromLoad = mailbox(load, loadMessageSchema, 'the load');
    let serverFigures: ServerFigures | undefined;
    for (;;) {
      const message = await Promise.race([fromLoad(), stopped]);
      if (message.kind === 'window-open') tellServer({ kind: 'open' });
      else if (message.kind === 'window-closed') {
        tellServer({ kind: 'close' });
        const measured = await Promise.race([fromServer(), stopped]);
        if (measured.kind === 'failed') return { status: measured.status, error: measured.error };
        if (measured.kind !== 'measured')
          throw new CellEnded({ status: 'crashed', error: `the server answered ${measured.kind} to close` });
        serverFigures = measured.figures;
      } else {
        if (!serverFigures) throw new CellEnded({ status: 'crashed', error: 'the load finished without closing its window' });
        tellServer({ kind: 'stop' });
        // Its teardown (a scenario's fixture) runs on the way out: a moment's grace, then the kill.
        await Promise.race([server, sleep(stopGraceMs, undefined, { ref: false })]);
        // The kernel failed or computed something else: the cell's figures would be a lie.
        if (message.work.failed > 0) return { status: 'failed', error: message.work.firstProblem ?? 'the work failed' };
        if (message.work.wrong > 0) return { status: 'mismatch', error: message.work.firstProblem ?? 'a wrong answer' };
        if (message.work.due > 0 && message.work.errors === message.work.due) {
          return {
            status: 'timeout',
            error: `the server answered none of ${message.work.due} /work requests (${message.work.firstProblem})`,
          };
        }
        return {
          status: 'ok',
          server: serverFigures,
          work: message.work,
          ping: message.ping,
          loadCpuMs: message.cpuUserMs + message.cpuSystemMs,
          loadWallMs: message.wallMs,
        };
      }
    }
  } catch (error) {
    if (error instanceof CellEnded) return error.outcome;
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', killAll);
    killAll();
    await Promise.allSettled(children);
  }
}
