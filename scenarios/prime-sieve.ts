// Sieve of Eratosthenes in plain JavaScript: CPU work that only a worker can take off the event loop.
import { defineScenario } from '../harness/api/scenario.js';

/** Counts the primes up to `limit` and finds the largest: "count:largest". */
function sieve(limit: number): string {
  const composite = new Uint8Array(limit + 1);
  let count = 0;
  let largest = 0;
  for (let n = 2; n <= limit; n++) {
    if (composite[n]) continue;
    count++;
    largest = n;
    for (let multiple = n * n; multiple <= limit; multiple += n) composite[multiple] = 1;
  }
  return `${count}:${largest}`;
}

export default defineScenario({
  name: 'prime-sieve',
  description: 'sieve of Eratosthenes in plain JavaScript: CPU-bound JS, no threadpool form',
  // Plain JavaScript: its calls speed up as V8 tiers the sieve up (docs/methodology.md, "Warm-up is time-based").
  warmupMs: 500,
  // The small sieve: hand-off costs dominate; the large one: the sieve dominates (docs/guide/scenarios.md, "The shipped scenarios").
  params: { limit: [20_000, 2_000_000] },
  // Each task a slightly different limit, so no two results are the same.
  input: ({ limit }, index) => limit + index,
  run: sieve,
  noThreadpoolForm:
    'pure JavaScript runs on the thread that calls it: Node has no threadpool form, only workers move it off the event loop',
});
