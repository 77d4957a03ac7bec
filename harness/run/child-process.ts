// A compiled harness script in a fresh Node process: its request as JSON in argv, its one report
// back over IPC, checked against a schema where it arrives; however else it ends (a timeout,
// Ctrl-C, an exit without a report) said in one line. Shared by the cell process and Doctor's.
import { readFileSync } from 'node:fs';
import { execaNode } from 'execa';
import type { z } from 'zod';

export interface ChildRun<Report> {
  /** The compiled entry point. */
  readonly script: string;
  readonly request: unknown;
  readonly report: z.ZodType<Report>;
  /** What the child is and what it owes, for the error of one that ends without it. */
  readonly subject: string;
  readonly owes: string;
  readonly timeoutMs: number;
  /** Aborted by a stop signal (Ctrl-C, SIGTERM, SIGHUP): the child is killed and reported as canceled. */
  readonly signal?: AbortSignal | undefined;
  /** libuv's threadpool size for the child: read once, when its pool first starts. */
  readonly threadpoolSize?: number | undefined;
  /** The V8 heap limit of each of the child's threads (MiB): a runaway kernel ends in seconds, named. */
  readonly heapLimitMb?: number | undefined;
  /**
   * The child is killed once its resident memory passes this (MiB): what the heap limit cannot
   * bound (Buffers, ArrayBuffers, native allocations) must not push the machine into swap or the OOM killer.
   */
  readonly residentLimitMb?: number | undefined;
  readonly cwd?: string;
  /** Run in a process group of its own and end the whole group: for a child that starts processes. */
  readonly ownGroup?: boolean;
  /** The node binary to run it on (`--node`); the harness's own where absent. */
  readonly nodePath?: string | undefined;
}

export type ChildEnd<Report> =
  | { readonly kind: 'reported'; readonly report: Report }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'canceled' }
  | { readonly kind: 'crashed'; readonly error: string };

/** How often the child's resident memory is read against its limit. */
const residentCheckMs = 200;

const stderrTailChars = 400;

/** How every harness child starts: compiled JavaScript, its request in argv, IPC, stderr kept. */
export function spawnChild(
  script: string,
  request: unknown,
  options: Pick<ChildRun<unknown>, 'threadpoolSize' | 'heapLimitMb' | 'cwd' | 'ownGroup' | 'nodePath'> = {},
) {
  return execaNode(script, [JSON.stringify(request)], {
    ...(options.nodePath === undefined ? {} : { nodePath: options.nodePath }),
    // Compiled JavaScript only: never inherit a TypeScript loader from whoever started us.
    nodeOptions: options.heapLimitMb === undefined ? [] : [`--max-old-space-size=${options.heapLimitMb}`],
    env: { UV_THREADPOOL_SIZE: options.threadpoolSize === undefined ? undefined : String(options.threadpoolSize) },
    ipc: true,
    serialization: 'advanced',
    detached: options.ownGroup ?? false,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
  });
}

export async function runChild<Report>(run: ChildRun<Report>): Promise<ChildEnd<Report>> {
  if (run.signal?.aborted) return { kind: 'canceled' };
  const child = spawnChild(run.script, run.request, run);
  let timedOut = false;
  let canceled = false;
  const kill = (): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(run.ownGroup ? -child.pid : child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const timer = setTimeout(() => {
    timedOut = true;
    kill();
  }, run.timeoutMs);
  const onAbort = (): void => {
    canceled = true;
    kill();
  };
  run.signal?.addEventListener('abort', onAbort, { once: true });
  let residentMb: number | undefined;
  const residentLimitMb = run.residentLimitMb;
  const watch =
    residentLimitMb === undefined
      ? undefined
      : setInterval(() => {
          const now = child.pid === undefined ? undefined : residentMbOf(child.pid);
          if (now !== undefined && now > residentLimitMb) {
            residentMb = now;
            kill();
          }
        }, residentCheckMs);
  // On a second stop signal the harness exits at once: its children must not outlive it.
  process.once('exit', kill);
  const result = await child.finally(() => {
    clearTimeout(timer);
    clearInterval(watch);
    run.signal?.removeEventListener('abort', onAbort);
    process.removeListener('exit', kill);
  });
  // Ctrl-C in the same moment as a timeout wins: the user asked to stop. A report that came in
  // before either still counts as late: the child did not end within its time.
  if (canceled) return { kind: 'canceled' };
  if (timedOut) return { kind: 'timeout' };
  if (residentMb !== undefined) {
    return {
      kind: 'crashed',
      error: `${run.subject} ran out of memory outside the heap: ${Math.round(residentMb)} MiB resident, past its limit of ${residentLimitMb} MiB (its threads' heap limits and 512 MiB more, at most half the machine's memory; --heap-limit)`,
    };
  }
  const parsed = result.ipcOutput.map((message) => run.report.safeParse(message));
  const report = parsed.find((p) => p.success);
  if (report?.success) return { kind: 'reported', report: report.data };
  const invalid = parsed.find((p) => !p.success);
  if (invalid?.error)
    return { kind: 'crashed', error: `${run.subject} sent ${run.owes} that is not one: ${describeIssues(invalid.error)}` };
  return { kind: 'crashed', error: describeSilentExit(result, run.subject, run.owes, run.heapLimitMb) };
}

/** A child that ended without its report: how it ended, and the tail of what it wrote to stderr. */
function describeSilentExit(
  ended: { readonly signal?: string | undefined; readonly exitCode?: number | undefined; readonly stderr: string },
  subject: string,
  owes: string,
  heapLimitMb?: number,
): string {
  // Node's 13: the main module awaited a promise that nothing would ever settle and the loop ran dry,
  // what a pool does when it loses a task with its worker and keeps no handle open.
  const unsettled = ended.exitCode === 13 ? ' (an await that never settled: a task lost with its worker?)' : '';
  const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.exitCode}${unsettled}`;
  // V8 aborts a process whose main thread reached the heap limit, and prints a native stack after
  // its one line: that line is the news, not the stack's tail.
  const fatal = /FATAL ERROR: [^\n]*(heap limit|heap out of memory)[^\n]*/.exec(ended.stderr);
  if (fatal) {
    const limit = heapLimitMb === undefined ? '' : ` (heap limit ${heapLimitMb} MiB a thread, --heap-limit)`;
    return `${subject} ran out of memory on its main thread${limit}: ${fatal[0].trim()}`;
  }
  const stderr = ended.stderr.replace(/\s+/g, ' ').trim().slice(-stderrTailChars);
  return `${subject} ${how} without ${owes}${stderr ? `: ${stderr}` : ''}`;
}

/** What a schema found wrong, on one line: `round: Too small: expected number to be >0`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'the message'}: ${issue.message}`).join('; ');
}

/** A process's resident memory from /proc (MiB); undefined where there is no /proc or it has ended. */
function residentMbOf(pid: number): number | undefined {
  try {
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) / 1024;
  } catch {
    return undefined;
  }
}
