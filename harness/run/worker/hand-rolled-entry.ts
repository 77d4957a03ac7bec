// The worker of the hand-rolled pool: one task per message, one message back per task, for as
// long as the pool keeps the thread. Its wire is its own (protocol.ts): the scenario file comes
// once, in workerData, and a task carries only its job.
import { parentPort, workerData } from 'node:worker_threads';
import { type HandRolledAnswer, type HandRolledRequest, serializeError, type TaskResult, type WorkerTask } from './protocol.js';
import { runWorkerTask } from './run-task.js';

const scenarioFile = workerData as string;
const answer = (message: HandRolledAnswer) => parentPort?.postMessage(message);
const failed = (error: unknown) => answer({ ok: false, error: serializeError(error) });
const encode = (result: TaskResult) =>
  answer(result.kind === 'warmed' ? [result.threadId] : [result.output, result.kernelMs, result.startedAt, result.endedAt]);

// Synchronous once the scenario is imported, as the textbook pool's worker is (run-task.ts).
parentPort?.on('message', (request: HandRolledRequest) => {
  const task: WorkerTask = request === 'warm' ? { kind: 'warm', scenarioFile } : { kind: 'run', scenarioFile, job: request[0] };
  let result: ReturnType<typeof runWorkerTask>;
  try {
    result = runWorkerTask(task);
  } catch (error) {
    return failed(error);
  }
  if (result instanceof Promise) result.then(encode, failed);
  else encode(result);
});
