// The pool a user writes from Node's docs and the articles that teach it: N Workers created up
// front, a FIFO of pending tasks, each worker handed the next task when it posts its result. No
// library: the baseline the libraries must beat.
import { Worker } from 'node:worker_threads';
import { WorkerExitError } from '../../measure/runner.js';
import { type HandRolledAnswer, type HandRolledRequest, reviveError, type TaskResult, type WorkerTask } from '../worker/protocol.js';
import type { PoolOptions, TaskPool } from './task-pool.js';

const entry = new URL('../worker/hand-rolled-entry.js', import.meta.url);

interface Pending {
  readonly task: WorkerTask;
  readonly transferList: readonly ArrayBuffer[] | undefined;
  readonly resolve: (result: TaskResult) => void;
  readonly reject: (error: Error) => void;
}

export class HandRolledPool implements TaskPool {
  readonly #idle: Worker[] = [];
  readonly #queue: Pending[] = [];
  readonly #running = new Map<Worker, Pending>();
  readonly #workers = new Set<Worker>();

  constructor({ size, scenarioFile, env }: PoolOptions) {
    for (let i = 0; i < size; i++) this.#hire(new Worker(entry, { workerData: scenarioFile, ...(env ? { env } : {}) }));
  }

  run(task: WorkerTask, transferList?: readonly ArrayBuffer[]): Promise<TaskResult> {
    return new Promise((resolve, reject) => {
      if (this.#workers.size === 0) return reject(new WorkerExitError('hand-rolled pool has no workers left'));
      this.#queue.push({ task, transferList, resolve, reject });
      const idle = this.#idle.pop();
      if (idle) this.#handNext(idle);
    });
  }

  async destroy(): Promise<void> {
    const workers = [...this.#workers];
    this.#workers.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  #hire(worker: Worker): void {
    this.#workers.add(worker);
    worker.on('message', (answer: HandRolledAnswer) => {
      const pending = this.#running.get(worker);
      this.#running.delete(worker);
      if (pending) settle(pending, answer);
      this.#handNext(worker);
    });
    worker.on('error', (error) => this.#lose(worker, error));
    worker.on('exit', (code) => this.#lose(worker, new WorkerExitError(`hand-rolled pool worker exited with code ${code}`)));
    this.#idle.push(worker);
  }

  #handNext(worker: Worker): void {
    const next = this.#queue.shift();
    if (!next) {
      this.#idle.push(worker);
      return;
    }
    this.#running.set(worker, next);
    const { task, transferList } = next;
    const request: HandRolledRequest = task.kind === 'warm' ? 'warm' : task.handoff ? [task.job, task.handoff] : [task.job];
    try {
      worker.postMessage(request, transferList);
    } catch (error) {
      // A task that cannot be posted (an uncloneable job) fails alone; the worker takes the next.
      this.#running.delete(worker);
      next.reject(error as Error);
      this.#handNext(worker);
    }
  }

  /** A worker that died fails its task; once none is left, so does everything still queued. */
  #lose(worker: Worker, error: Error): void {
    if (!this.#workers.delete(worker)) return;
    this.#running.get(worker)?.reject(error);
    this.#running.delete(worker);
    const idleAt = this.#idle.indexOf(worker);
    if (idleAt >= 0) this.#idle.splice(idleAt, 1);
    if (this.#workers.size === 0) for (const pending of this.#queue.splice(0)) pending.reject(error);
  }
}

/** Reads a worker's answer as the task it answers asked for. */
function settle({ task, resolve, reject }: Pending, answer: HandRolledAnswer): void {
  if (!Array.isArray(answer)) {
    const { error } = answer as Extract<HandRolledAnswer, { ok: false }>;
    reject(reviveError(error, 'kernel threw in a hand-rolled pool worker'));
  } else if (task.kind === 'warm') {
    resolve({ kind: 'warmed', threadId: answer[0] as number });
  } else {
    const [output, kernelMs, startedAt, endedAt] = answer as readonly [unknown, number, number, number];
    resolve({ kind: 'ran', output, kernelMs, startedAt, endedAt });
  }
}
