// The worker of the `spawn-per-task` variant: one task, one message, then the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import { type SpawnWorkerMessage, serializeError, type WorkerTask } from './protocol.js';
import { runWorkerTask } from './run-task.js';

let message: SpawnWorkerMessage;
try {
  message = { ok: true, result: await runWorkerTask(workerData as WorkerTask) };
} catch (error) {
  message = { ok: false, error: serializeError(error) };
}
parentPort?.postMessage(message);
