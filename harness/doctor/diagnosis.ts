// Clinic Doctor's diagnosis of one cell, narrowed once from the untyped object its analysis
// produces. Doctor's words are kept as they are, so a reader can look them up in its docs.
import { z } from 'zod';
import { figure } from '../measure/measurement.js';

/** Doctor's issue category; `data` is its "not enough data", `unknown` a mix it cannot name. */
export const doctorCategories = ['event-loop', 'io', 'gc', 'none', 'data', 'unknown'] as const;
export type DoctorCategory = (typeof doctorCategories)[number];

/** Doctor's finding for one measure: `performance` flags an issue, `data` too little data. */
const findingSchema = z.enum(['performance', 'none', 'data']);
export type DoctorFinding = z.infer<typeof findingSchema>;

export const doctorDiagnosisSchema = z.object({
  category: z.enum(doctorCategories),
  /** Event-loop delay: median >= 10 ms or max >= 100 ms. */
  delay: findingSchema,
  /** CPU: the application's 90th percentile below 90% of one core (read by Doctor as waiting on I/O). */
  cpu: findingSchema,
  /** Memory: any of RSS, heap total, heap used, external flagged; Doctor aggregates them the same way. */
  memory: findingSchema,
  /** Active handles: a pattern Doctor reads as I/O trouble. */
  handles: findingSchema,
  /** Event-loop utilization: median >= 95%. */
  loopUtilization: findingSchema,
  /** Length of the window Doctor chose to analyse, ms; NaN when it had too little data to choose. */
  windowMs: figure,
});
export type DoctorDiagnosis = Readonly<z.infer<typeof doctorDiagnosisSchema>>;

/** The part of Doctor's analysis result that we read; anything else in it is ignored. */
export function toDiagnosis(analysis: unknown): DoctorDiagnosis {
  const { issueCategory, issues, interval } = (analysis ?? {}) as {
    issueCategory?: unknown;
    issues?: Record<string, unknown>;
    interval?: unknown;
  };
  const category = doctorCategories.find((c) => c === issueCategory);
  if (!category || typeof issues !== 'object' || issues === null) {
    throw new TypeError(`Expected Doctor's analysis to have an issueCategory and issues, got ${JSON.stringify(analysis)?.slice(0, 200)}`);
  }
  const memoryIssues = issues.memory;
  if (typeof memoryIssues !== 'object' || memoryIssues === null || Object.keys(memoryIssues).length === 0) {
    throw new TypeError(`Expected Doctor's memory issues to be an object of findings, got ${JSON.stringify(memoryIssues)}`);
  }
  const memory = Object.values(memoryIssues).map(toFinding);
  return {
    category,
    delay: toFinding(issues.delay),
    cpu: toFinding(issues.cpu),
    memory: memory.includes('data') ? 'data' : memory.includes('performance') ? 'performance' : 'none',
    handles: toFinding(issues.handles),
    loopUtilization: toFinding(issues.loopUtilization),
    windowMs: windowOf(interval),
  };
}

function windowOf(interval: unknown): number {
  const ms = Array.isArray(interval) && interval.length === 2 ? Number(interval[1]) - Number(interval[0]) : Number.NaN;
  return Number.isFinite(ms) ? ms : Number.NaN;
}

function toFinding(value: unknown): DoctorFinding {
  const finding = findingSchema.safeParse(value);
  if (finding.success) return finding.data;
  throw new TypeError(`Expected a Doctor finding (performance, none or data), got ${JSON.stringify(value)}`);
}

/** One line for a terminal: the category, then every measure Doctor flagged. */
export function describeDiagnosis(diagnosis: DoctorDiagnosis): string {
  const measures = (['delay', 'cpu', 'memory', 'handles', 'loopUtilization'] as const).map(
    (measure) => `${measure === 'loopUtilization' ? 'loop utilization' : measure} ${diagnosis[measure]}`,
  );
  return `${diagnosis.category} (${measures.join(', ')})`;
}
