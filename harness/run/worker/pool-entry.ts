// The piscina worker of the `pooled` variant: runs the scenario's kernel, the same function `sync` runs.
export { runWorkerTask as default } from './run-task.js';
