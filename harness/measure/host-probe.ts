// The host's speed at one moment: a fixed piece of native work timed on the calling thread. This
// host takes a core away for seconds at a time without the guest seeing it; a cell measured then
// is slow in all its figures, and a cell slowed in every round looks steady to its own rounds. A
// probe before and after each cell tells such rounds apart by the run's usual speed, not the cell's.
//
// What the host takes is not the whole core: CPU time still accrues, and work that keeps the
// core's integer units busy (hashing small blocks, a JavaScript sieve, deflate) slows far more than
// work on the SHA extensions or a dependent chain of multiplies. The probe is work of the first
// kind, so that it slows with the kernels it speaks for (docs/methodology.md, "Rounds").
import { pbkdf2Sync } from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** HMAC-SHA-512 iterations a pass: about a millisecond on a 2020s server core. */
const iterationsPerPass = 2000;
/** Each HMAC-SHA-512 iteration compresses two 128-byte blocks (the key's pads are hashed once). */
const bytesPerIteration = 256;
const passes = 3;

/**
 * MB/s of SHA-512 blocks compressed by PBKDF2-HMAC-SHA-512, the median of three timed passes after
 * an untimed one (a few ms in all). Native code, so no JIT tier-up stands between the first probe
 * of a fresh process and its last.
 */
export function probeHostSpeed(): number {
  // Untimed: a process's first call also loads OpenSSL's implementation.
  pbkdf2Sync('probe', 'salt', iterationsPerPass, 64, 'sha512');
  const rates: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    pbkdf2Sync('probe', 'salt', iterationsPerPass, 64, 'sha512');
    rates.push((iterationsPerPass * bytesPerIteration) / 1e6 / ((performance.now() - started) / 1000));
  }
  return rates.sort((a, b) => a - b)[Math.floor(passes / 2)] ?? Number.NaN;
}
