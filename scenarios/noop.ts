// Returns its input: no work at all, so what a task costs is the hand-off itself (submit, wake a
// thread, structured-clone a number there and back, resolve). The per-task price of each way of
// reaching a thread, which every other scenario pays on top of its kernel.
import { defineScenario } from '../harness/api/scenario.js';

export default defineScenario({
  name: 'noop',
  description: 'returns its input: the cost of handing a task to a thread and back, and nothing else',
  // The hand-off's own JavaScript (the pool's queue, the message handlers) tiers up like any other.
  warmupMs: 500,
  // A hand-off takes tens of microseconds: batches of 8 would time the in-flight lanes filling and
  // draining more than the hand-offs (docs/guide/pools.md, "Pools side by side"). spawn-per-task keeps 8.
  batchTasks: 256,
  params: {},
  input: (_params, index) => index,
  run: (index: number) => index,
  noThreadpoolForm: 'there is no work to put on the threadpool: what noop measures is the hand-off to a worker',
});
