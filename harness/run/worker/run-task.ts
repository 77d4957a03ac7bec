// Runs one WorkerTask inside a worker: the part every worker entry shares.
import { performance } from 'node:perf_hooks';
import * as workerThreads from 'node:worker_threads';
import { keptAfterMove, transferListOf } from './buffers.js';
import { loadedKernel, loadKernel } from './load-kernel.js';
import type { TaskResult, WorkerTask } from './protocol.js';
import { jobOf, placeOutput, type SharedJob } from './shared-layout.js';

/**
 * Runs a task: synchronously once this worker has imported the scenario, through a promise only
 * for the import. An async function costs a no-op hand-off about a tenth of its rate on piscina
 * and tinypool (docs/guide/pools.md, "Pools side by side"): the harness must not charge that to the pool.
 */
export function runWorkerTask(task: WorkerTask): TaskResult | Promise<TaskResult> {
  const kernel = loadedKernel(task.scenarioFile);
  if (kernel === undefined) return loadKernel(task.scenarioFile).then(() => runWorkerTask(task));
  if (task.kind === 'warm') return { kind: 'warmed', threadId: workerThreads.threadId };
  if (task.handoff === 'transfer') checkLastAnswerMoved();
  const shared = task.handoff === 'shared' ? (task.job as SharedJob) : undefined;
  // Views onto the shared bytes are made before the clock starts: the hand-off's work, not the kernel's.
  const job = shared ? jobOf(shared) : task.job;
  // Timed here, inside the worker: what the thread spent on the kernel, without hand-off or queueing.
  const started = performance.now();
  const output = kernel.run(job);
  const ended = performance.now();
  if (task.handoff === 'transfer') checkMovable(output);
  const { timeOrigin } = performance;
  return {
    kind: 'ran',
    // Writing the output's bytes into shared memory comes after the clock: it is the hand-off out.
    output: shared ? placeOutput(output, shared.out) : output,
    kernelMs: ended - started,
    startedAt: timeOrigin + started,
    endedAt: timeOrigin + ended,
  };
}

/** What the last `transfer` answer of this worker put in its transfer list: gone by the next task. */
let lastMoved: readonly ArrayBuffer[] | undefined;

/**
 * The buffers a `transfer` task's answer moves back: its output's; none for the other hand-offs.
 * Called by an entry as it answers, so that the next transfer task can prove they left.
 */
export function answerTransferList(task: WorkerTask, result: TaskResult): ArrayBuffer[] | undefined {
  if (task.kind !== 'run' || task.handoff !== 'transfer' || result.kind !== 'ran') return undefined;
  const list = transferListOf(result.output);
  lastMoved = list;
  return list;
}

/**
 * The answer's side of the transfer proof (the main thread checks the job's side): a buffer the
 * last answer moved must read 0 bytes here by now. Node 20 copies one it cannot move without a
 * word: a Buffer from its shared pool (a small `Buffer.from`), and a pool library might too.
 */
function checkLastAnswerMoved(): void {
  const kept = keptAfterMove(lastMoved);
  lastMoved = undefined;
  if (kept) throw answerCopied(kept);
}

/**
 * Node 21 and later refuse to move an ArrayBuffer they mark untransferable (its shared Buffer
 * pool, zlib's output chunks) with a DataCloneError whose message a pool loses on the way back;
 * Node 20 copied it without a word (checkLastAnswerMoved). Said here first, in words, where the
 * feature exists.
 */
function checkMovable(output: unknown): void {
  const isMarked = (workerThreads as { readonly isMarkedAsUntransferable?: (value: object) => boolean }).isMarkedAsUntransferable;
  const unmovable = isMarked === undefined ? undefined : transferListOf(output).find((buffer) => isMarked(buffer));
  if (unmovable) {
    throw new Error(
      `transfer: the answer's ${unmovable.byteLength}-byte ArrayBuffer cannot move: Node marks it untransferable (a Buffer from Node's shared pool or zlib's output; answer with a Uint8Array of its own)`,
    );
  }
}

/** A transfer whose answer was copied: what the row says. */
export function answerCopied(kept: ArrayBuffer): Error {
  return new Error(
    `transfer: the answer's ${kept.byteLength}-byte ArrayBuffer was still the worker's after it was sent: it was copied, not moved (a Buffer from Node's shared pool cannot move; answer with a Uint8Array of its own)`,
  );
}
