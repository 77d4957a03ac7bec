// gzip of a generated buffer: CPU work in zlib's C code; Node runs zlib.gzip on the libuv threadpool.
import { gzip, gzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { pseudoRandomText } from '../harness/inputs.js';
import { defineScenario } from '../harness/scenario.js';

const gzipAsync = promisify(gzip);
const level = 6;

export default defineScenario({
  name: 'gzip',
  description: 'gzip (level 6) of a generated text buffer: CPU-bound C, threadpool form zlib.gzip; the buffer is copied to workers',
  // Native code reaches steady state at once; the short warm-up only settles allocations and pools.
  warmupMs: 150,
  // 16 KiB (~0.5 ms): hand-off costs dominate; 1 MiB (~3 ms): compression dominates.
  params: { payload_kib: [16, 1024] },
  input: ({ payload_kib }, index) => pseudoRandomText(payload_kib * 1024, index + 1),
  run: (data: Uint8Array) => gzipSync(data, { level }),
  runAsync: (data: Uint8Array) => gzipAsync(data, { level }),
});
