// The pools by name: a missing one is a compile error.
import type { Pool } from '../../api/pool.js';
import { HandRolledPool } from './hand-rolled.js';
import { startPiscina } from './piscina.js';
import { startPoolifier } from './poolifier.js';
import type { PoolOptions, TaskPool } from './task-pool.js';
import { startTinypool } from './tinypool.js';
import { startWorkerpool } from './workerpool.js';

export const startPool = {
  piscina: startPiscina,
  tinypool: startTinypool,
  workerpool: startWorkerpool,
  poolifier: startPoolifier,
  'hand-rolled': (options) => new HandRolledPool(options),
} as const satisfies Record<Pool, (options: PoolOptions) => TaskPool>;
