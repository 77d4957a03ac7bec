// What every column of every CSV means: the CSV reference (docs/reference/csv.md) is written from
// these and from the writers' own column lists, and a test fails where a written column has no entry
// here or an entry names no written column. A file's own entry wins over the cells file's.

/** The cells file (`results/<run-id>.csv`): one row per cell per round. Its key, machine and pool columns serve the other files too. */
export const cellColumnDocs: Readonly<Record<string, string>> = {
  run_id: 'identifies the run: UTC start time plus a random suffix',
  round: "1 … `--rounds`: the same cell measured again in a fresh process; this row's speedup compares cells of one round",
  timestamp: 'when the cell finished (ISO 8601, UTC)',
  cell: 'stable key `scenario/param=value,…/variant/threads`, shared with the samples file; a pool other than piscina joins the variant (`pbkdf2/iterations=1000/pooled:tinypool/2`), and a hand-off other than clone after it (`checksum/payload_kib=1024/pooled:tinypool@shared/2`), so that results written before either was a choice keep their names',
  scenario: 'scenario name',
  'param_<name>': "one column per parameter of the run's scenarios (empty for scenarios without it)",
  variant: '`sync`, `libuv-async`, `spawn-per-task` or `pooled`',
  pool: '`pooled` rows: `piscina`, `tinypool`, `workerpool`, `poolifier` or `hand-rolled`; empty for the other variants',
  handoff:
    '`spawn-per-task` and `pooled` rows: `clone`, `transfer` or `shared` (docs/guide/handoff.md); empty for `sync` and `libuv-async`, which hand nothing to a worker',
  threads: 'thread count (`UV_THREADPOOL_SIZE` for `libuv-async`, workers for the others, 1 for `sync`)',
  status:
    '`ok`, `n/a` (variant does not apply; `error` says why), `failed` (threw), `crashed` (a worker or the cell process exited), `timeout`, `mismatch` (digest differs from the kernel on the main thread)',
  error:
    "one line: the error (for a kernel that threw: the variant, the batch and the task, then the kernel's error), or the reason for `n/a`",
  tasks:
    'tasks in one batch; the same at every thread count of a scenario and params, and for every variant but `spawn-per-task` where the scenario declares its own (`batchTasks`)',
  samples: 'timed batches (warm-up and probed batches excluded)',
  throughput_mean: 'tasks/s: mean over timed batches of tasks ÷ batch wall time',
  throughput_ci95_low: "95% confidence interval of that mean (Student's t over the timed batches)",
  throughput_ci95_high: "95% confidence interval of that mean (Student's t over the timed batches)",
  throughput_median: 'tasks/s: median over timed batches',
  latency_p50_ms: 'per-task latency, submit → result on the main thread, over every task of the timed batches',
  latency_p99_ms: 'per-task latency, submit → result on the main thread, over every task of the timed batches',
  eld_p50_ms:
    'main-thread event-loop delay in the probed batches: the gaps between turns of the loop, seen by a 1 ms timer (an idle loop reads about 1 ms), counting a stretch in which the loop never turned (docs/methodology.md)',
  eld_p99_ms:
    'main-thread event-loop delay in the probed batches: the gaps between turns of the loop, seen by a 1 ms timer (an idle loop reads about 1 ms), counting a stretch in which the loop never turned (docs/methodology.md)',
  eld_max_ms:
    'main-thread event-loop delay in the probed batches: the gaps between turns of the loop, seen by a 1 ms timer (an idle loop reads about 1 ms), counting a stretch in which the loop never turned (docs/methodology.md)',
  elu: 'main-thread event-loop utilization in the measured window, 0–1',
  elu_p50: "median over timed batches of the main thread's event-loop utilization",
  gc_max_ms_per_s:
    'the most main-thread GC pause time (`PerformanceObserver` `gc` entries, by when each pause started) that fell in any one second of the measured window, ms',
  blocked_main:
    "`true` when Clinic Doctor's event-loop rule holds for the main thread: `eld_p50_ms` ≥ 10 or `eld_max_ms` ≥ 100 or `elu_p50` ≥ 0.95",
  gc_pressure: "`true` when Doctor's GC rule holds: `gc_max_ms_per_s` ≥ 100",
  worker_busy_p50:
    "worker variants: median over timed batches of the share of the workers' time spent in the kernel: Σ kernel time measured inside the workers ÷ Σ each lane's span (batch start → the lane's last result), 0–1; empty for `sync` and `libuv-async`",
  workers_saturated:
    "worker variants: `true` when Doctor's utilization rule holds for the workers, `worker_busy_p50` ≥ 0.95: the kernel, not hand-off or worker start-up, fills the workers' time; empty without workers",
  handoff_in_ms:
    "worker variants: medians over the timed batches' tasks of the hand-off each way, submit on the main thread → kernel start in the worker, and kernel end → result back on the main thread, from timestamps both threads read alike (`performance.timeOrigin + performance.now()`); for `spawn-per-task` the way in includes starting the worker; empty without workers",
  handoff_out_ms:
    "worker variants: medians over the timed batches' tasks of the hand-off each way, submit on the main thread → kernel start in the worker, and kernel end → result back on the main thread, from timestamps both threads read alike (`performance.timeOrigin + performance.now()`); for `spawn-per-task` the way in includes starting the worker; empty without workers",
  same_cpu_share:
    '`pooled` and `libuv-async` on Linux: of samples taken between the measured batches, the share in which a thread tasks are handed to (the busiest workers or threadpool threads) had last run on the vCPU the main thread was on, 0–1 (`/proc/self/task/*/stat`); near 0 the hand-off wakes a thread across vCPUs, near 1 it switches on one. Empty where nothing is handed off',
  migrations_per_task:
    "`pooled` and `libuv-async` on Linux: moves between vCPUs of all the process's threads (V8's own included) from the first measured batch to the last, the harness's work between batches included (`se.nr_migrations` in `/proc/self/task/*/sched`), per task measured; empty where nothing is handed off",
  switches_per_task:
    "`pooled` and `libuv-async` on Linux: context switches, voluntary and not, of all the process's threads from the first measured batch to the last, as `migrations_per_task` counts (`/proc/self/task/*/sched`), per task measured; empty where nothing is handed off",
  cpu_user_ms: 'CPU time of the cell process, all threads, in the measured window',
  cpu_sys_ms: 'CPU time of the cell process, all threads, in the measured window',
  measured_ms:
    "wall time of the measured window (the timed batches' spans added up); `(cpu_user_ms + cpu_sys_ms) / measured_ms` ≈ cores kept busy",
  cpu_ms_per_task:
    "`(cpu_user_ms + cpu_sys_ms)` ÷ the timed batches' tasks: CPU time of every thread per task. It rises in a round that ran on a core the host slowed",
  cpu_vs_sync:
    "`cpu_ms_per_task` ÷ the same round's `sync` cell's: on a CPU-bound kernel, above 1 is the variant's overhead, and a jump in one round is stolen time",
  main_cpu_ms_per_task:
    "CPU time of the main thread alone per task (`process.threadCpuUsage()`): what dispatching, cloning and collecting results costs the thread your server runs on; empty on a Node without that function (Node 20), as the run's first line says",
  peak_rss_mb: 'peak resident set size of the cell process over its whole life, MiB',
  host_mbps:
    "the host's speed around the cell: MB/s of SHA-512 blocks compressed by PBKDF2-HMAC-SHA-512 (work that slows as CPU-bound kernels do when the host shares the core) on the cell's main thread, the slower of a probe before the warm-up and one after the last batch (docs/methodology.md)",
  vcpu_slowest_mbps:
    "the same fixed work as `host_mbps`, timed by a probe process pinned to each vCPU the run may use (`taskset`, Linux) before and after the cell; the slowest vCPU's reading, the slower of the two moments, MB/s. A vCPU the host slowed under the cell's other threads, through the cell's start or end, shows here and not in `host_mbps`; one slowed only in between does not. Empty where not probed (one vCPU, no `taskset`, vCPUs of different top frequencies, more vCPUs allowed than available, `bench --serve`)",
  vcpu_fastest_mbps:
    "as `vcpu_slowest_mbps`, the fastest vCPU's reading; the run's median of it is the usual speed a slowed vCPU is judged against",
  vcpu_cell_mbps:
    "the vCPUs' readings (the slower of the two moments) where the cell's threads ran, weighted by the share of its CPU time each vCPU had over the measured batches (sampled from Linux's per-thread files), a 1.1× shortfall against the run's usual fastest vCPU setting the round aside: what slowed this cell, where `vcpu_slowest_mbps` may be a vCPU it hardly used. Empty where not probed or not sampled (`sync`, `spawn-per-task`, no /proc)",
  cold_first_ms:
    "`pooled` rows: the pool's cold start in this fresh process, before any warm-up: from creating the pool to the first result, and to the last, of a first burst of one task per thread (the workers start, load the scenario and run a cold kernel)",
  cold_burst_ms:
    "`pooled` rows: the pool's cold start in this fresh process, before any warm-up: from creating the pool to the first result, and to the last, of a first burst of one task per thread (the workers start, load the scenario and run a cold kernel)",
  speedup_vs_sync:
    "`throughput_median` ÷ the `sync` cell's (same scenario and params, same run); empty if `sync` did not run. Medians, because a level shift of the host in the middle of a cell moves a mean (docs/methodology.md)",
  efficiency: '`speedup_vs_sync` ÷ min(`threads`, `available_cores`)',
  digest: "SHA-256 of one batch's outputs; equal across all `ok` cells of a scenario and params with the same `tasks`",
  pool_version: '`pooled` rows: the version of the pool library the cell loaded (empty for `hand-rolled`, which is no library)',
  pool_default_size:
    "`pooled` rows: `true` where `threads` is the library's own default size on this machine (piscina 1.5 × cores, tinypool cores, workerpool CPUs − 1; poolifier and hand-rolled have none)",
  git_commit: 'commit of the harness (`-dirty` if tracked files changed); empty outside git',
  node_version: 'runtime versions',
  v8_version: 'runtime versions',
  os: '`os.type() os.release() os.arch()`',
  cpu_model: '`os.cpus()[0].model`',
  available_cores: '`os.availableParallelism()`',
};

/** The summary file (`<run-id>.summary.csv`): one row per cell, its rounds folded. */
export const summaryColumnDocs: Readonly<Record<string, string>> = {
  rounds: 'rounds of the cell in the run (every round that ran, measured or not)',
  rounds_used: 'rounds the figures come from: the measured rounds less those set aside as slowed',
  slowed_rounds: 'round numbers set aside because the host slowed them (docs/methodology.md), space-separated',
  throughput: "tasks/s: the median over the rounds used of each round's `throughput_median`",
  throughput_ci95_low:
    "95% interval of `throughput`, from the variation between rounds (Student's t on the logs, with the median's standard error); empty from a single round",
  throughput_ci95_high: 'upper end of that interval',
  speedup_vs_sync:
    "paired speedup: the median over the rounds of the cell's throughput ÷ its `sync` cell's in the same round; 1 for `sync`; empty where `sync` did not run",
  speedup_ci95_low: '95% interval of the speedup, between rounds; empty from a single round',
  speedup_ci95_high: 'upper end of that interval',
  efficiency: '`speedup_vs_sync` ÷ min(`threads`, `available_cores`)',
  cpu_ms_per_task: "median over the rounds used of the rounds' `cpu_ms_per_task`",
  cpu_vs_sync: "`cpu_ms_per_task` ÷ the `sync` cell's",
  unstable:
    '`true` when one run of this cell should not be trusted: an interval wider than ±10%, fewer than three usable (paired) rounds, every round run while the host was slow, less CPU per task than `sync` by more than 10%, or a speedup that thread placement decides (`placement`; docs/methodology.md)',
  placement:
    '`pooled` and `libuv-async` on Linux: where the threads a task is handed to ran beside the main thread in the rounds used, by the median of the rounds\' `same_cpu_share`: `same-cpu` (at least ⅔), `apart` (at most ⅓) or `mixed`, and `split` whatever the median when two rounds lie 0.5 or more apart; empty where nothing is handed off. The other placement can move a task of k ms on the main thread by 1 + 0.011 ÷ k (at most 2×); where that leaves the interval, or moves a `split` cell by more than 10%, the cell is `unstable` (docs/methodology.md, "Thread placement")',
  latency_p50_ms: "median over the rounds used of the rounds' `latency_p50_ms`",
  latency_p99_ms: "median over the rounds used of the rounds' `latency_p99_ms`",
  eld_p99_ms: "median over the rounds used of the rounds' `eld_p99_ms`",
  eld_max_ms: "median over the rounds used of the rounds' `eld_max_ms`",
  elu: "median over the rounds used of the rounds' `elu`",
  blocked_main: "`true` when Doctor's event-loop rule held in any round",
  status: '`ok` only if every round measured the cell; otherwise the first other status',
  error: 'the error of that first other status',
};

/** The samples file (`<run-id>.samples.csv`): one row per timed batch. */
export const sampleColumnDocs: Readonly<Record<string, string>> = {
  sample: '1-based, in the order the timed batches were measured',
  tasks: 'tasks in the batch',
  batch_ms: 'wall time of the batch',
  throughput: 'tasks/s of the batch: `tasks` ÷ `batch_ms`',
};

/** Server mode's file (`<run-id>.server.csv`): one row per cell, load and round. */
export const serverColumnDocs: Readonly<Record<string, string>> = {
  round: '1 … `--rounds`: the same cell and load measured again, in fresh server and load processes',
  timestamp: 'when the cell finished this load (ISO 8601, UTC)',
  load: "the offered load, in units of the `sync` cell's measured capacity (`--loads`)",
  capacity_rps: "the `sync` cell's measured capacity, requests/s, that `load` multiplies",
  offered_rps: 'requests/s of `/work` the load process offered, open-loop (on schedule, whatever the answers)',
  status: '`ok`, or why the cell has no figures at this load (`failed`, `crashed`, `timeout`, `mismatch`, `n/a`)',
  error: 'one line: the error, or the reason for `n/a`',
  work_rps: 'right answers to `/work` finished inside the measured window, per second',
  work_p50_ms: '`/work` latency, median, from when the request was due',
  work_p99_ms: '`/work` latency, 99th percentile',
  work_max_ms: '`/work` latency, maximum',
  ping_p50_ms: '`/ping` latency beside the load, median: what any other request to the server waits',
  ping_p99_ms: '`/ping` latency, 99th percentile: the responsiveness figure',
  ping_max_ms: '`/ping` latency, maximum',
  http_errors:
    'requests refused, reset, timed out or answered with another status than expected; a wrong answer makes the row `mismatch`, a kernel that threw `failed`',
  work_due: '`/work` requests due in the window',
  ping_due: '`/ping` requests due in the window',
  eld_p50_ms: "the server process's event-loop delay over the window, median",
  eld_p99_ms: "the server process's event-loop delay, 99th percentile",
  eld_max_ms: "the server process's event-loop delay, maximum",
  elu: "the server process's event-loop utilization over the window, 0–1",
  gc_max_ms_per_s: "the server's most main-thread GC pause time in any one second of the window",
  cpu_user_ms: 'CPU time of the server process (all threads) over the window, user',
  cpu_sys_ms: 'the same, system',
  measured_ms: 'wall time of the measured window',
  peak_rss_mb: 'peak resident set size of the server process, MiB',
  load_cpu_ms: 'CPU time of the load process over the window: a load generator that ran short of CPU shows here',
  load_wall_ms: 'wall time of the load process over the window',
};
