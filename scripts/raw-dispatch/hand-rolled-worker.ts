// A no-op task for the textbook hand-rolled pool: echo every message back.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (value: number) => parentPort?.postMessage(value));
