// SHA-256 of bytes handed over with the task: file-hash without the file, so that the hand-off of
// the bytes and the hashing meet (SHA-256 runs at about the speed a clone copies). The threadpool
// form is WebCrypto's digest, which Node runs on the libuv threadpool.
import { createHash, webcrypto } from 'node:crypto';
import { pseudoRandomBytes } from '../harness/api/inputs.js';
import { defineScenario } from '../harness/api/scenario.js';

export default defineScenario({
  name: 'hash-bytes',
  description: 'SHA-256 of a payload handed over as bytes: CPU-bound C, threadpool form WebCrypto digest',
  // Native code reaches steady state at once; the short warm-up only settles allocations.
  warmupMs: 150,
  params: { payload_kib: [4096] },
  handoff: { transfer: true, shared: true },
  input: ({ payload_kib }, index) => pseudoRandomBytes(payload_kib * 1024, index + 1),
  run: (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex'),
  runAsync: async (bytes: Uint8Array) => Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex'),
});
