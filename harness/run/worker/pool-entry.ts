// The worker of piscina and tinypool (the same module contract): runs the scenario's kernel, the same function `sync` runs.
export { runWorkerTask as default } from './run-task.js';
