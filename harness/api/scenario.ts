// The scenario API: one workload declared once, run four ways by the harness.
// Scenario modules are imported again in every cell process and inside every worker,
// so they must have no side effects at import time.

/** A parameter value: what a scenario's matrix lists and what `--param name=v1,v2` parses. */
export type ParamValue = number | string;

/** One point of a scenario's parameter matrix, e.g. `{ iterations: 1000 }`. */
export type Params = Readonly<Record<string, ParamValue>>;

/** What the harness hands to `setup`. */
export interface SetupContext {
  /** A directory private to this cell, removed by the harness after the run. */
  readonly tmpDir: string;
  /** Tasks in a batch: `input` is called for indexes 0 … tasks − 1. */
  readonly tasks: number;
}

interface ScenarioCore<P extends Params, Job, Output, Fixture> {
  /** Unique name, used by `--scenario` and in the CSV (`scenario` column). */
  readonly name: string;
  /** One line: what the workload is and where its work happens. */
  readonly description: string;
  /**
   * How long the kernel needs to reach steady state, in ms: the warm-up of this scenario's cells
   * (default 500; `--warmup` overrides). JavaScript kernels need time for JIT tier-up; native ones
   * (node:crypto, zlib) little.
   */
  readonly warmupMs?: number;
  /**
   * Tasks in one batch, where the default (8, or the widest thread count) is too few: a kernel of
   * a few microseconds, whose batch of 8 would time the filling and draining of the in-flight
   * window more than the hand-off (docs/guide/pools.md, "Pools side by side"). `spawn-per-task` keeps the
   * default (a new worker per task is slow enough), and `--tasks` overrides both. A function of
   * the params where the right count depends on them (a payload of 1 KiB or of 64 MiB).
   */
  readonly batchTasks?: number | ((params: NoInfer<P>) => number);
  /**
   * The parameter matrix, smallest value first: the harness sweeps every combination,
   * `--quick` takes the smallest (or the scenario's `quick` list), `--param name=v1,v2` replaces a list.
   */
  readonly params: { readonly [K in keyof P]: readonly P[K][] };
  /**
   * What `--quick` takes of a parameter where its smallest value alone would hide what CI must
   * see: a hand-off scenario's smallest and one large payload.
   */
  readonly quick?: NoInfer<{ readonly [K in keyof P]?: readonly (P[K] extends number ? number : string)[] }>;
  /**
   * The hand-offs beyond `clone` this scenario's worker variants can run (docs/guide/handoff.md, "Data hand-off");
   * a mode not declared makes `n/a` rows. Declare one only where a job holds `ArrayBuffer`s or
   * typed arrays and each job owns its buffers (no two jobs of a batch share one).
   */
  readonly handoff?: HandoffSupport<P>;
  /** Prepares what inputs refer to (files, buffers); runs once per cell, before timing. */
  setup?(params: P, context: SetupContext): Fixture | Promise<Fixture>;
  /** Undoes `setup`; runs once per cell, after timing. */
  teardown?(fixture: Fixture): void | Promise<void>;
  /** The input of task `index`; must be deterministic and structured-cloneable. */
  input(params: P, index: number, fixture: Fixture): Job;
  /**
   * The kernel: `sync` runs it on the main thread, `spawn-per-task` and `pooled` run this very
   * function inside workers. Its result is digested, so a variant that skips work is caught.
   */
  run(job: Job): Output;
}

/** The hand-offs a scenario allows beyond `clone`. */
export interface HandoffSupport<P extends Params = Params> {
  /** The job's buffers may move to the worker (the sender loses them) and the output's back. */
  readonly transfer?: true;
  /**
   * The job's buffers may be read in place from shared memory. Where the output holds buffers,
   * `outputBytes` bounds their size per task: the room each task gets in the shared output region.
   */
  readonly shared?: true | { readonly outputBytes: (params: NoInfer<P>) => number };
}

/** Where Node has a libuv-threadpool form of the work (crypto, zlib, fs). */
interface WithThreadpoolForm<Job, Output> {
  /** The same work through Node's async API, run on libuv's threadpool. */
  runAsync(job: Job): Promise<Output>;
  readonly noThreadpoolForm?: never;
}

/** Where Node has none (pure JavaScript): the `libuv-async` cells become `n/a` rows. */
interface WithoutThreadpoolForm {
  readonly runAsync?: never;
  /** Why there is no threadpool form; written as the `n/a` rows' reason. */
  readonly noThreadpoolForm: string;
}

/** A scenario: the core plus either a threadpool form or the reason there is none. */
export type Scenario<P extends Params = Params, Job = unknown, Output = unknown, Fixture = undefined> = ScenarioCore<
  P,
  Job,
  Output,
  Fixture
> &
  (WithThreadpoolForm<Job, Output> | WithoutThreadpoolForm);

/** Declares a scenario with its types inferred; returns it unchanged. */
export function defineScenario<P extends Params, Job, Output, Fixture = undefined>(
  scenario: Scenario<P, Job, Output, Fixture>,
): Scenario<P, Job, Output, Fixture> {
  return scenario;
}
