// The worker pools the `pooled` variant can run on: the axis `--pool` sweeps (CSV `pool`).

export const pools = ['piscina', 'tinypool', 'workerpool', 'poolifier', 'hand-rolled'] as const;
/** Which pool a `pooled` cell runs on. */
export type Pool = (typeof pools)[number];

/** What `pooled` has always meant, and the pool of a run that names none. */
export const defaultPool: Pool = 'piscina';

/**
 * The size a pool takes when its user does not give one, on a machine with `cores` available
 * (`os.availableParallelism()`), as each library documents it; undefined where there is none:
 * poolifier requires a size, and a hand-rolled pool's is whatever its author wrote.
 */
export function poolDefaultSize(pool: Pool, cores: number): number | undefined {
  switch (pool) {
    // piscina 5: maxThreads = availableParallelism × 1.5; a pool grows while below it.
    case 'piscina':
      return Math.ceil(cores * 1.5);
    // tinypool 2: maxThreads = availableParallelism.
    case 'tinypool':
      return cores;
    // workerpool 10: maxWorkers = os.cpus().length − 1, at least 1.
    case 'workerpool':
      return Math.max(1, cores - 1);
    case 'poolifier':
    case 'hand-rolled':
      return undefined;
  }
}
