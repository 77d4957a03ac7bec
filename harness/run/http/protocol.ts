// What passes between the harness, a server cell and the load that drives it, as schemas checked
// where each message arrives. The harness relays: the load says when its measured window opens
// and closes, and the server measures its own process over exactly that window.
import { z } from 'zod';
import { failureStatuses, figure } from '../../measure/measurement.js';
import { runnerSpecSchema, workloadSpecSchema } from '../cell-spec.js';
import { streamFiguresSchema } from './open-loop.js';

/** What the harness hands a server cell process (argv, JSON). */
export const serverSpecSchema = workloadSpecSchema.extend(runnerSpecSchema.shape);
export type ServerSpec = z.infer<typeof serverSpecSchema>;

/** The server's own process over the load's measured window: what the bench measures of a cell. */
export const serverFiguresSchema = z.object({
  eldP50Ms: figure,
  eldP99Ms: figure,
  eldMaxMs: figure,
  elu: figure,
  gcMaxMsPerSecond: figure,
  cpuUserMs: figure,
  cpuSystemMs: figure,
  measuredMs: figure,
  peakRssMb: figure,
});
export type ServerFigures = z.infer<typeof serverFiguresSchema>;

export const serverMessageSchema = z.discriminatedUnion('kind', [
  /** Listening on 127.0.0.1:port; the digest each job's output must have, from the kernel on the main thread. */
  z.object({ kind: z.literal('listening'), port: z.number().int().positive(), digests: z.array(z.string()).min(1) }),
  z.object({ kind: z.literal('measured'), figures: serverFiguresSchema }),
  z.object({ kind: z.literal('failed'), status: z.enum(failureStatuses), error: z.string() }),
]);
export type ServerMessage = z.infer<typeof serverMessageSchema>;

/** Open and close the measured window; stop once the load has every answer. */
export const serverCommandSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open') }),
  z.object({ kind: z.literal('close') }),
  z.object({ kind: z.literal('stop') }),
]);
export type ServerCommand = z.infer<typeof serverCommandSchema>;

/** What the harness hands the load process (argv, JSON). */
export const loadPlanSchema = z.object({
  origin: z.string(),
  workRps: z.number().positive(),
  pingRps: z.number().positive(),
  warmupMs: z.number().nonnegative(),
  durationMs: z.number().positive(),
  timeoutMs: z.number().positive(),
  /** The digest of job i's output; `/work?i=k` must answer digests[k % length]. */
  digests: z.array(z.string()).min(1),
});
export type LoadPlan = z.infer<typeof loadPlanSchema>;

export const loadMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window-open') }),
  z.object({ kind: z.literal('window-closed') }),
  /** Its own CPU and wall time over the whole load, beside what it measured of the two streams. */
  z.object({
    kind: z.literal('done'),
    work: streamFiguresSchema,
    ping: streamFiguresSchema,
    cpuUserMs: figure,
    cpuSystemMs: figure,
    wallMs: figure,
  }),
]);
export type LoadMessage = z.infer<typeof loadMessageSchema>;
