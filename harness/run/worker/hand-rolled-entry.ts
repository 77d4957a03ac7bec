// The worker of the hand-rolled pool: one task per message, one message back per task, for as
// long as the pool keeps the thread.
import { parentPort } from 'node:worker_threads';
import { type SpawnWorkerMessage, serializeError, type WorkerTask } from './protocol.js';
import { runWorkerTask } from './run-task.js';

const answer = (message: SpawnWorkerMessage) => parentPort?.postMessage(message);
const failed = (error: unknown) => answer({ ok: false, error: serializeError(error) });

// Synchronous once the scenario is imported, as the textbook pool's worker is (run-task.ts).
parentPort?.on('message', (task: WorkerTask) => {
  let result: ReturnType<typeof runWorkerTask>;
  try {
    result = runWorkerTask(task);
  } catch (error) {
    return failed(error);
  }
  if (result instanceof Promise) result.then((ran) => answer({ ok: true, result: ran }), failed);
  else answer({ ok: true, result });
});
