// The host's speed at one moment: a fixed piece of native work timed on the calling thread. This
// host takes a core away for seconds at a time without the guest seeing it; a cell measured then
// is slow in all its figures, and a cell slowed in every round looks steady to its own rounds. A
// probe before and after each cell tells such rounds apart by the run's usual speed, not the cell's.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';

const probeBytes = 1 << 20;
const passes = 3;

/**
 * MB/s of SHA-256 over 1 MiB, the median of three timed passes after an untimed one (a few ms in
 * all). Native code, so no JIT tier-up stands between the first probe of a fresh process and its last.
 */
export function probeHostSpeed(): number {
  const data = Buffer.alloc(probeBytes, 0x5a);
  // Untimed: a process's first hash also loads OpenSSL's implementation.
  createHash('sha256').update(data).digest();
  const rates: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    createHash('sha256').update(data).digest();
    rates.push(probeBytes / 1e6 / ((performance.now() - started) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(passes / 2)] ?? Number.NaN;
}
