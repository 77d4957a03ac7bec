// The worker of the `spawn-per-task` variant: one task, one message, then the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import { keptAfterMove } from './buffers.js';
import { type SpawnWorkerMessage, serializeError, type WorkerTask } from './protocol.js';
import { answerCopied, answerTransferList, runWorkerTask } from './run-task.js';

const task = workerData as WorkerTask;
let message: SpawnWorkerMessage;
let transferList: ArrayBuffer[] | undefined;
try {
  const result = await runWorkerTask(task);
  message = { ok: true, result };
  transferList = answerTransferList(task, result);
} catch (error) {
  message = { ok: false, error: serializeError(error) };
}
parentPort?.postMessage(message, transferList);
// The answer's side of the transfer proof: a second message, which the main side reads before the exit.
const kept = keptAfterMove(transferList);
if (kept) parentPort?.postMessage({ ok: false, error: serializeError(answerCopied(kept)) } satisfies SpawnWorkerMessage);
