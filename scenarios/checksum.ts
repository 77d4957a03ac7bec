// FNV-1a (32-bit) over a payload of bytes: about a nanosecond a byte, so that moving the payload
// to a worker is most of what a task costs. The hand-off scenario: run it with
// `--handoff clone,transfer,shared` and a range of payloads (docs/guide/handoff.md, "Data hand-off").
import { pseudoRandomBytes } from '../harness/api/inputs.js';
import { defineScenario } from '../harness/api/scenario.js';

export default defineScenario({
  name: 'checksum',
  description: 'FNV-1a over a payload of bytes: a kernel so cheap that handing the payload to a worker is the cost',
  warmupMs: 300,
  // 1 MiB: the hand-off's cost per byte (its fixed cost is noop's). `npm run bench:handoff` sweeps 1 KiB … 64 MiB.
  params: { payload_kib: [1024] },
  // CI sees a regression in the hand-off's fixed cost and in its cost per byte.
  quick: { payload_kib: [1, 4096] },
  // Batches of about 16 MiB: 256 tasks of 1 KiB (a hand-off of a few µs needs many), 8 of 16 MiB.
  batchTasks: ({ payload_kib }) => Math.min(256, Math.max(8, Math.round(16384 / payload_kib))),
  handoff: { transfer: true, shared: true },
  input: ({ payload_kib }, index) => pseudoRandomBytes(payload_kib * 1024, index + 1),
  run: (bytes: Uint8Array) => {
    let hash = 0x811c9dc5;
    for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
    return hash >>> 0;
  },
  noThreadpoolForm: 'FNV-1a is plain JavaScript: Node has no threadpool form of it',
});
