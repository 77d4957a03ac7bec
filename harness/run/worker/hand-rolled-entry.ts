// The worker of the hand-rolled pool: one task per message, one message back per task, for as
// long as the pool keeps the thread. Its wire is its own (protocol.ts): the scenario file comes
// once, in workerData, and a task carries only its job.
import { parentPort, workerData } from 'node:worker_threads';
import { type HandRolledAnswer, type HandRolledRequest, serializeError, type TaskResult, type WorkerTask } from './protocol.js';
import { answerTransferList, runWorkerTask } from './run-task.js';

const scenarioFile = workerData as string;
const answer = (message: HandRolledAnswer, transferList?: ArrayBuffer[]) => parentPort?.postMessage(message, transferList);
const failed = (error: unknown) => answer({ ok: false, error: serializeError(error) });
const encode = (task: WorkerTask, result: TaskResult) =>
  result.kind === 'warmed'
    ? answer([result.threadId])
    : answer([result.output, result.kernelMs, result.startedAt, result.endedAt], answerTransferList(task, result));

// Synchronous once the scenario is imported, as the textbook pool's worker is (run-task.ts).
parentPort?.on('message', (request: HandRolledRequest) => {
  const task: WorkerTask =
    request === 'warm'
      ? { kind: 'warm', scenarioFile }
      : request.length === 1
        ? { kind: 'run', scenarioFile, job: request[0] }
        : { kind: 'run', scenarioFile, job: request[0], handoff: request[1] };
  let result: ReturnType<typeof runWorkerTask>;
  try {
    result = runWorkerTask(task);
  } catch (error) {
    return failed(error);
  }
  if (result instanceof Promise) result.then((settled) => encode(task, settled), failed);
  else encode(task, result);
});
