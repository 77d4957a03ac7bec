// The worker of poolifier: its ThreadWorker wraps the one task function.
import { ThreadWorker } from 'poolifier';
import type { TaskResult, WorkerTask } from './protocol.js';
import { runWorkerTask } from './run-task.js';

// poolifier types a task's data as optional; every task this harness sends has one. The function
// must be declared async: poolifier tells async tasks from sync ones by the function's constructor,
// and would post a plain function's returned promise as the result.
export default new ThreadWorker<WorkerTask, TaskResult>(async (task) => {
  if (task === undefined) throw new TypeError('Expected a task, got none');
  return runWorkerTask(task);
});
