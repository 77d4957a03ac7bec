// Student's t quantile (@stdlib), loaded at its first use rather than when the CLI starts: it
// brings some 130 small modules with it, which every start of the CLI would wait for, and most
// starts (--help, --list, bad input, a plan refused) never fold a round.
import { createRequire } from 'node:module';

type Quantile = typeof import('@stdlib/stats-base-dists-t-quantile');

let quantile: Quantile | undefined;

/** The `p` quantile of Student's t distribution with `df` degrees of freedom. */
export function tQuantile(p: number, df: number): number {
  quantile ??= createRequire(import.meta.url)('@stdlib/stats-base-dists-t-quantile') as Quantile;
  return quantile(p, df);
}
