// The pools by name, each library imported only when a cell asks for it: a cell process that
// runs one pool, or none, does not pay for loading the other four. A missing one is a compile error.
import type { Pool } from '../../api/pool.js';
import type { PoolOptions, TaskPool } from './task-pool.js';

type StartPool = (options: PoolOptions) => TaskPool;

export const loadPool = {
  piscina: async () => (await import('./piscina.js')).startPiscina,
  tinypool: async () => (await import('./tinypool.js')).startTinypool,
  workerpool: async () => (await import('./workerpool.js')).startWorkerpool,
  poolifier: async () => (await import('./poolifier.js')).startPoolifier,
  'hand-rolled': async () => {
    const { HandRolledPool } = await import('./hand-rolled.js');
    return (options) => new HandRolledPool(options);
  },
} as const satisfies Record<Pool, () => Promise<StartPool>>;
