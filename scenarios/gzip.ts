// gzip of a generated buffer: CPU work in zlib's C code; Node runs zlib.gzip on the libuv threadpool.

import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { pseudoRandomText } from '../harness/api/inputs.js';
import { defineScenario } from '../harness/api/scenario.js';

const gzipAsync = promisify(gzip);
const level = 6;

export default defineScenario({
  name: 'gzip',
  description: 'gzip (level 6) of a generated text buffer: CPU-bound C, threadpool form zlib.gzip; bytes in, bytes out',
  // Native code reaches steady state at once; the short warm-up only settles allocations and pools.
  warmupMs: 150,
  // 16 KiB: hand-off costs dominate; 1 MiB: compression dominates (docs/guide/scenarios.md, "The shipped scenarios").
  params: { payload_kib: [16, 1024] },
  // Its compressed output stays under deflate's bound (input + 5 bytes per 16 KiB block + header); 1 KiB spare.
  handoff: { transfer: true, shared: { outputBytes: ({ payload_kib }) => payload_kib * 1024 * 1.01 + 1024 } },
  input: ({ payload_kib }, index) => pseudoRandomText(payload_kib * 1024, index + 1),
  // The compressed bytes in an ArrayBuffer of their own, in every variant alike: on Node 24, zlib's
  // output is a view on a chunk Node marks untransferable, which the transfer hand-off could not move.
  run: (data: Uint8Array) => new Uint8Array(gzipSync(data, { level })),
  runAsync: async (data: Uint8Array) => new Uint8Array(await gzipAsync(data, { level })),
});
