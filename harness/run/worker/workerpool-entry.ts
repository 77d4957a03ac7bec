// The worker of workerpool: registers the one method the pool calls. Under the transfer hand-off
// the answer goes back as workerpool's Transfer, its documented way to move buffers.
import workerpool from 'workerpool';
import type { TaskResult, WorkerTask } from './protocol.js';
import { answerTransferList, runWorkerTask } from './run-task.js';

const moved = (task: WorkerTask) => (result: TaskResult) => {
  const list = answerTransferList(task, result);
  return list && list.length > 0 ? new workerpool.Transfer(result, list) : result;
};

workerpool.worker({
  run: (task: WorkerTask) => {
    const result = runWorkerTask(task);
    if (task.kind !== 'run' || task.handoff !== 'transfer') return result;
    return result instanceof Promise ? result.then(moved(task)) : moved(task)(result);
  },
});
