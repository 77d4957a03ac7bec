// The main thread's side of a worker variant's hand-off: what a task sends, what moves with it,
// and what its answer means. `clone` adds nothing to a task's path; `transfer` and `shared` do
// their set-up in `prepare`, before a batch's clock starts.
import type { Handoff } from '../../api/handoff.js';
import type { Params, Scenario } from '../../api/scenario.js';
import { keptAfterMove, transferListOf } from '../worker/buffers.js';
import type { WorkerTask } from '../worker/protocol.js';
import { layOutShared, outputOf, type SharedJob, type SharedOutput } from '../worker/shared-layout.js';

type RunTask = Extract<WorkerTask, { kind: 'run' }>;

export interface SendSide {
  /**
   * Untimed, before each batch: the jobs as this hand-off sends them. A transfer takes each job's
   * buffers from the sender, so every batch sends copies made here; a shared hand-off sends where
   * each job's bytes lie, laid out once.
   */
  prepare(jobs: readonly unknown[]): readonly unknown[];
  /** The task that runs a prepared job. */
  task(job: unknown): RunTask;
  /** What moves with the task instead of being copied: undefined where nothing does. */
  transferList(task: RunTask): ArrayBuffer[] | undefined;
  /** The output as the kernel returned it, once the task's answer is back; throws where a transfer did not move. */
  received(task: RunTask, output: unknown, moved: readonly ArrayBuffer[] | undefined): unknown;
}

/** The room a task gets for its output's bytes in the shared hand-off (Scenario.handoff.shared). */
export function sharedOutputBytes(scenario: Scenario<Params, unknown, unknown, unknown>, params: Params): number {
  const shared = scenario.handoff?.shared;
  if (typeof shared !== 'object') return 0;
  const bytes = shared.outputBytes(params);
  if (!Number.isFinite(bytes) || bytes < 0) {
    throw new RangeError(`Expected ${scenario.name}'s handoff.shared.outputBytes to give a number of bytes, 0 or more, got ${bytes}`);
  }
  // A bound, so a fraction of a byte rounds up (gzip's is input × 1.01 + 1 KiB).
  return Math.ceil(bytes);
}

/** `runner` names the variant (and pool) in the error that says a transfer was a copy. */
export function sendSideFor(handoff: Handoff, scenarioFile: string, outputBytes: number, runner: string): SendSide {
  switch (handoff) {
    case 'clone':
      return {
        prepare: (jobs) => jobs,
        task: (job) => ({ kind: 'run', scenarioFile, job }),
        transferList: () => undefined,
        received: (_task, output) => output,
      };
    case 'transfer': {
      const checked = new WeakSet<readonly unknown[]>();
      return {
        prepare(jobs) {
          if (!checked.has(jobs)) {
            checkMovable(jobs);
            checked.add(jobs);
          }
          // One clone per job: the copies of two jobs share nothing, whatever a batch repeats.
          return jobs.map((job) => structuredClone(job));
        },
        task: (job) => ({ kind: 'run', scenarioFile, job, handoff }),
        transferList: (task) => transferListOf(task.job),
        received(_task, output, moved) {
          // Anything but a detached buffer means the library cloned the job.
          const kept = keptAfterMove(moved);
          if (kept)
            throw new Error(
              `transfer: the job's ${kept.byteLength}-byte ArrayBuffer was still the sender's after its task ran: ${runner} copied it`,
            );
          return output;
        },
      };
    }
    case 'shared': {
      const layouts = new WeakMap<readonly unknown[], readonly SharedJob[]>();
      return {
        prepare(jobs) {
          const known = layouts.get(jobs);
          if (known) return known;
          const layout = layOutShared(jobs, outputBytes);
          layouts.set(jobs, layout);
          return layout;
        },
        task: (job) => ({ kind: 'run', scenarioFile, job, handoff }),
        transferList: () => undefined,
        received: (task, output) => outputOf(output as SharedOutput, task.job as SharedJob),
      };
    }
  }
}

/**
 * Every job must hold buffers of its own to move, said before anything is sent. A job without one
 * would run as a clone under the transfer label; jobs that share a buffer cannot each transfer it:
 * the first task takes it, and the next sends an empty view (or, in some libraries, a task that
 * never settles).
 */
function checkMovable(jobs: readonly unknown[]): void {
  const owner = new Map<ArrayBuffer, number>();
  jobs.forEach((job, index) => {
    const buffers = transferListOf(job);
    if (buffers.length === 0) throw new Error(`transfer: job ${index} holds no ArrayBuffer to move`);
    for (const buffer of buffers) {
      const first = owner.get(buffer);
      if (first !== undefined) {
        throw new Error(
          `transfer: jobs ${first} and ${index} share an ArrayBuffer, which the first task would take from the other (give each job its own, or declare no handoff.transfer)`,
        );
      }
      owner.set(buffer, index);
    }
  });
}
