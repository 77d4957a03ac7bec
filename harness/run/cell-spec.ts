// What the parent hands a cell process (argv, JSON), checked where the child reads it.
import { z } from 'zod';
import { handoffs } from '../api/handoff.js';
import { pools } from '../api/pool.js';
import { variants } from '../api/variant.js';
import { sampleBudgetSchema } from '../plan/budget.js';

const paramsSchema = z.record(z.string(), z.union([z.number(), z.string()]));

/** A scenario's workload in a process: the module, its params, one batch of jobs, a private directory. */
export const workloadSpecSchema = z.object({
  scenarioFile: z.string(),
  params: paramsSchema,
  /** Jobs to build: one batch. */
  tasks: z.number().int().positive(),
  tmpDir: z.string(),
});
export type WorkloadSpec = Readonly<z.infer<typeof workloadSpecSchema>>;

/**
 * How a process runs the workload: the variant, its threads, for `pooled` the pool (default
 * piscina), and for a worker variant the hand-off (default clone).
 */
export const runnerSpecSchema = z.object({
  variant: z.enum(variants),
  threads: z.number().int().positive(),
  pool: z.enum(pools).optional(),
  handoff: z.enum(handoffs).optional(),
});

export const cellSpecSchema = z.discriminatedUnion('mode', [
  /** The kernel run on the main thread, once, for the digest every variant must reproduce. */
  workloadSpecSchema.extend({ mode: z.literal('reference') }),
  /** The cell measured: its batch is the budget's, run by its variant on its threads. */
  workloadSpecSchema
    .omit({ tasks: true })
    .extend(runnerSpecSchema.shape)
    .extend({
      mode: z.literal('measure'),
      budget: sampleBudgetSchema,
      /**
       * Also the kernel on the main thread, after the measurement, over jobs built afresh: the
       * group's reference digest where no sync cell of this batch size gave one. For a variant whose
       * kernel never runs on this process's main thread (spawn-per-task), that is what a reference
       * process would compute, without another process's start.
       */
      alsoReference: z.boolean().optional(),
    }),
]);
export type CellSpec = z.infer<typeof cellSpecSchema>;
