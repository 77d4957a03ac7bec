// The cell process's one answer to the parent, over IPC: checked where it arrives (run-cell.ts).
import { z } from 'zod';
import { batchMeasurementSchema, failureStatuses } from '../measure/measurement.js';

export const childReportSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('measured'), measurement: batchMeasurementSchema, referenceDigest: z.string().optional() }),
  z.object({ kind: z.literal('reference'), digest: z.string() }),
  z.object({ kind: z.literal('failed'), status: z.enum(failureStatuses), error: z.string() }),
]);

/** A cell process's one IPC message to the parent. */
export type ChildReport = z.infer<typeof childReportSchema>;
