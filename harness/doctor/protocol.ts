// What passes between the harness, the Doctor child and the load process Doctor samples, in one
// place, as schemas checked where each message arrives. Doctor starts the load with inherited
// stdio and no IPC, so its result comes back as a file.
import { z } from 'zod';
import { failureStatuses } from '../measure/measurement.js';
import { runnerSpecSchema, workloadSpecSchema } from '../run/cell-spec.js';
import { doctorDiagnosisSchema } from './diagnosis.js';

/** What the Doctor child asks of the load process (argv, JSON). */
export const loadSpecSchema = workloadSpecSchema.extend(runnerSpecSchema.shape).extend({
  /** How long the load runs: the window Doctor analyses. */
  durationMs: z.number().positive(),
  resultFile: z.string(),
});
export type LoadSpec = z.infer<typeof loadSpecSchema>;

const loadDoneSchema = z.object({ ok: z.literal(true), digest: z.string(), tasks: z.number().int().nonnegative(), loadMs: z.number() });
const loadFailedSchema = z.object({ ok: z.literal(false), status: z.enum(failureStatuses), error: z.string() });
/** The load process's result file. */
export const loadResultSchema = z.discriminatedUnion('ok', [loadDoneSchema, loadFailedSchema]);
export type LoadResult = z.infer<typeof loadResultSchema>;

/** Exactly what @clinic/doctor 11 puts in front of NODE_OPTIONS for the process it samples. */
export const doctorNodeOptions = '-r no-cluster.js -r sampler.js --trace-events-enabled --trace-event-categories v8';

/** What the harness asks of the Doctor child (argv, JSON). */
export const doctorRequestSchema = z.object({
  load: loadSpecSchema,
  /** Where Doctor writes its `<pid>.clinic-doctor` data directory. */
  dataDir: z.string(),
  htmlFile: z.string(),
  /** Doctor's sampling interval, ms. */
  sampleIntervalMs: z.number().positive(),
});
export type DoctorRequest = z.infer<typeof doctorRequestSchema>;

/** The Doctor child's one IPC message to the harness. */
export const doctorReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('diagnosed'), diagnosis: doctorDiagnosisSchema, load: loadDoneSchema }),
  z.object({ kind: z.literal('failed'), status: z.enum(failureStatuses), error: z.string() }),
]);
export type DoctorReport = z.infer<typeof doctorReportSchema>;
