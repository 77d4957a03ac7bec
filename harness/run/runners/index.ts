// The variants by name: a missing one is a compile error.
import type { Variant } from '../../api/variant.js';
import type { CreateRunner } from '../../measure/runner.js';
import { createLibuvAsyncRunner } from './libuv-async.js';
import { createPooledRunner } from './pooled.js';
import { createSpawnPerTaskRunner } from './spawn-per-task.js';
import { createSyncRunner } from './sync.js';

export const runners = {
  sync: createSyncRunner,
  'libuv-async': createLibuvAsyncRunner,
  'spawn-per-task': createSpawnPerTaskRunner,
  pooled: createPooledRunner,
} as const satisfies Record<Variant, CreateRunner>;
