// The task function of piscina's and tinypool's workers (the same module contract). Under the
// transfer hand-off an answer's buffers must be marked with the library's own `move()`, which
// only its module can do: it is imported on the first transfer task, so that clone cells start
// their workers as before, and every task after that runs synchronously (run-task.ts).
import type { TaskResult, WorkerTask } from './protocol.js';
import { answerTransferList, runWorkerTask } from './run-task.js';

/** piscina's and tinypool's class both carry these statics. */
export interface Mover {
  move(value: object): unknown;
  readonly transferableSymbol: symbol;
  readonly valueSymbol: symbol;
}

export function movingTask(loadMover: () => Promise<Mover>): (task: WorkerTask) => unknown {
  let mover: Mover | undefined;
  const movedWith = (library: Mover, task: WorkerTask) => (result: TaskResult) => {
    const list = answerTransferList(task, result);
    if (!list || list.length === 0) return result;
    return library.move({ [library.transferableSymbol]: list, [library.valueSymbol]: result });
  };
  return (task) => {
    const result = runWorkerTask(task);
    if (task.kind !== 'run' || task.handoff !== 'transfer') return result;
    if (mover === undefined) {
      return loadMover().then((loaded) => {
        mover = loaded;
        return Promise.resolve(result).then(movedWith(loaded, task));
      });
    }
    return result instanceof Promise ? result.then(movedWith(mover, task)) : movedWith(mover, task)(result);
  };
}
