// The worker of the hand-rolled pool: one task per message, one message back per task, for as
// long as the pool keeps the thread.
import { parentPort } from 'node:worker_threads';
import { type SpawnWorkerMessage, serializeError, type WorkerTask } from './protocol.js';
import { runWorkerTask } from './run-task.js';

parentPort?.on('message', async (task: WorkerTask) => {
  let message: SpawnWorkerMessage;
  try {
    message = { ok: true, result: await runWorkerTask(task) };
  } catch (error) {
    message = { ok: false, error: serializeError(error) };
  }
  parentPort?.postMessage(message);
});
