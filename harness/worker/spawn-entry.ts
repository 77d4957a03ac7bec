// The worker of the `spawn-per-task` variant: one job, one message, then the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import { loadKernel } from './load-kernel.js';
import { serializeError, type SpawnWorkerData, type SpawnWorkerMessage } from './protocol.js';

const { scenarioFile, job } = workerData as SpawnWorkerData;
const kernel = await loadKernel(scenarioFile);
let message: SpawnWorkerMessage;
try {
  message = { ok: true, output: kernel.run(job) };
} catch (error) {
  message = { ok: false, error: serializeError(error) };
}
parentPort?.postMessage(message);
