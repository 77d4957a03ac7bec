// PBKDF2 key derivation: CPU work in C++; Node runs crypto.pbkdf2 on the libuv threadpool.
import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { promisify } from 'node:util';
import { defineScenario } from '../harness/api/scenario.js';

const pbkdf2Async = promisify(pbkdf2);
const keyBytes = 64;

interface Job {
  readonly password: string;
  readonly salt: string;
  readonly iterations: number;
}

export default defineScenario({
  name: 'pbkdf2',
  description: 'PBKDF2-SHA512 key derivation: CPU-bound C++, threadpool form crypto.pbkdf2',
  // Native code reaches steady state at once; the short warm-up only settles allocations and pools.
  warmupMs: 150,
  // A task small enough that thread hand-off costs show, and one large enough that threads pay off
  // (task times measured: docs/guide/scenarios.md, "The shipped scenarios").
  params: { iterations: [1_000, 50_000] },
  input: ({ iterations }, index): Job => ({ password: `password-${index}`, salt: `salt-${index}`, iterations }),
  run: (job: Job) => pbkdf2Sync(job.password, job.salt, job.iterations, keyBytes, 'sha512'),
  runAsync: (job: Job) => pbkdf2Async(job.password, job.salt, job.iterations, keyBytes, 'sha512'),
});
