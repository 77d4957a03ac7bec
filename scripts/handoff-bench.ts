// `npm run bench:handoff`, the hand-off benchmark (docs/guide/handoff.md): `checksum` (FNV-1a, about a nanosecond a byte) from 1 KiB to
// 64 MiB under each hand-off, on spawn-per-task and pooled at 1 and 2 threads, in the same rounds;
// beside it, a plain `structuredClone` of each payload timed outside the harness, so that the
// per-KiB cost of a clone hand-off can be read against the copy itself.
//
//   npm run bench:handoff [-- --rounds 3 --pool piscina,hand-rolled --payloads 64,1024,16384]
//
// Prints a Markdown table (µs per task and MB/s per hand-off and runner, the crossovers, the
// event-loop p99 of clone at the largest payload) and keeps the run's CSV in results/.
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { median } from '../harness/measure/median.js';
import { UsageError } from '../harness/plan/errors.js';
import { crossoverOf } from '../harness/report/handoffs.js';
import { readCsvTable } from '../harness/results/csv-read.js';
import { type CellSummary, foldRounds } from '../harness/results/fold-rounds.js';
import { roundRecordsOf } from '../harness/results/round-record.js';

const defaultPayloadsKib = '1,64,1024,16384,65536';
const modes = ['clone', 'transfer', 'shared'] as const;
const threadCounts = [1, 2];

/**
 * One `structuredClone` of `kib` KiB in this process, in µs: the median of 15 after 3 untimed. One
 * thread does both halves (serialize, deserialize): what a clone hand-off pays for the bytes,
 * without the message port, the wake-up or the other thread.
 */
function timeStructuredClone(kib: number): number {
  const bytes = new Uint8Array(kib * 1024).map((_, index) => index);
  for (let i = 0; i < 3; i++) structuredClone(bytes);
  const timings = Array.from({ length: 15 }, () => {
    const started = performance.now();
    structuredClone(bytes);
    return (performance.now() - started) * 1000;
  });
  return median(timings) ?? Number.NaN;
}

/**
 * Each payload's clone timed in a fresh process, as a cell is (`--clone-kib`), in three passes over
 * the sizes so that a slowed moment of the host hits them alike; the median of the passes. A fresh
 * process matters on this VM: a large copy costs several times more where it lands on pages the
 * allocator has not touched yet than on memory it reuses (docs/guide/handoff.md, "Hand-off: measured").
 */
async function timeStructuredClones(sizesKib: readonly number[]): Promise<Map<number, number>> {
  const script = fileURLToPath(import.meta.url);
  const passes: number[][] = [];
  for (let pass = 0; pass < 3; pass++) {
    const timings: number[] = [];
    for (const kib of sizesKib) timings.push(Number((await execa('node', [script, '--clone-kib', String(kib)])).stdout));
    passes.push(timings);
  }
  return new Map(sizesKib.map((kib, index) => [kib, median(passes.map((pass) => pass[index] ?? Number.NaN)) ?? Number.NaN]));
}

function runnerOf(summary: CellSummary): string {
  const variant = summary.first.variant;
  return `${variant === 'pooled' ? summary.pool : variant} ×${summary.threads}`;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '');
/** MB/s to three significant digits: a spawn-per-task cell of 1 KiB moves a few hundredths. */
const rate = (value: number) => (Number.isFinite(value) ? Number(value.toPrecision(3)).toString() : '');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      pool: { type: 'string', default: 'piscina' },
      payloads: { type: 'string', default: defaultPayloadsKib },
      // Internal: one payload's structuredClone timed in this process, µs on stdout.
      'clone-kib': { type: 'string' },
    },
  });
  if (values['clone-kib'] !== undefined) {
    process.stdout.write(`${timeStructuredClone(Number(values['clone-kib']))}\n`);
    return;
  }
  const payloadsKib = values.payloads
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  if (payloadsKib.some((kib) => !Number.isSafeInteger(kib) || kib < 1)) {
    throw new UsageError(`Expected --payloads to be KiB counts, 1 or more, got "${values.payloads}"`);
  }
  const rounds = Number(values.rounds);
  if (!Number.isSafeInteger(rounds) || rounds < 2)
    throw new UsageError(`Expected --rounds to be 2 or more (an interval needs two), got "${values.rounds}"`);
  // One file per run: a second run minutes later, as dated evidence takes, keeps the first's rows.
  const out = `results/handoff-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`;
  const threadbench = fileURLToPath(new URL('../harness/cli/main.js', import.meta.url));
  const args = [
    ...['bench', '--scenario', 'checksum', '--param', `payload_kib=${payloadsKib.join(',')}`],
    ...['--variant', 'sync,spawn-per-task,pooled', '--pool', values.pool, '--handoff', modes.join(',')],
    ...['--threads', threadCounts.join(','), '--rounds', String(rounds), '--out', out],
  ];
  process.stderr.write(`handoff-bench: threadbench ${args.join(' ')}\n`);
  const bench = await execa('node', [threadbench, ...args], { reject: false, stderr: 'inherit' });
  // Exit 1 is a cell that failed, and its row says why; anything else is the tool or the input.
  if (bench.exitCode !== 0 && bench.exitCode !== 1) throw new Error(`the bench exited ${bench.exitCode}`);
  // Outside the bench's processes, after it: nothing else runs on the machine meanwhile.
  const plainClone = await timeStructuredClones(payloadsKib);

  const { rows } = readCsvTable(out);
  const summaries = foldRounds(roundRecordsOf(rows)).filter((s) => s.scenario === 'checksum');
  const workers = summaries.filter((s) => s.handoff !== '');
  const runners = [...new Set(workers.map(runnerOf))];
  const at = (runner: string, mode: string, kib: number) =>
    workers.find((s) => runnerOf(s) === runner && s.handoff === mode && s.size === kib);
  const lines = [
    `# checksum under each hand-off, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${cpus()[0]?.model.trim()}, ${availableParallelism()} cores available, Node ${process.version}; ${rounds} rounds (\`${args.join(' ')}\`); medians over rounds. µs per task = 10⁶ ÷ tasks/s; MB/s = payload × tasks/s.`,
    '',
    `| payload KiB | runner | ${modes.map((m) => `${m} µs/task | ${m} MB/s`).join(' | ')} |`,
    `|--:|---|${modes.map(() => '--:|--:').join('|')}|`,
  ];
  for (const kib of payloadsKib) {
    const sync = summaries.find((s) => s.first.variant === 'sync' && s.size === kib)?.figures;
    if (sync) {
      lines.push(
        `| ${kib} | sync (main thread) | ${fixed(1e6 / sync.throughput)} | ${rate((kib * 1024 * sync.throughput) / 1e6)} |${' |'.repeat(4)}`,
      );
    }
    for (const runner of runners) {
      const figures = modes.map((mode) => {
        const f = at(runner, mode, kib)?.figures;
        return f
          ? `${fixed(1e6 / f.throughput)} | ${rate((kib * 1024 * f.throughput) / 1e6)}`
          : `${at(runner, mode, kib)?.status ?? ''} | `;
      });
      lines.push(`| ${kib} | ${runner} | ${figures.join(' | ')} |`);
    }
  }
  lines.push('', '| runner | transfer beats clone from (KiB) | shared beats both from (KiB) |', '|---|--:|--:|');
  for (const runner of runners) {
    const crossover = crossoverOf({ scenario: 'checksum', runner, cells: workers.filter((s) => runnerOf(s) === runner) });
    lines.push(`| ${runner} | ${crossover.transferBeatsClone ?? 'none'} | ${crossover.sharedBeatsBoth ?? 'none'} |`);
  }
  const largest = payloadsKib.at(-1) ?? 0;
  lines.push(
    '',
    `Main thread at ${largest} KiB: event-loop p99 / max, ms (the probed batches).`,
    '',
    `| runner | ${modes.join(' | ')} |`,
    `|---|${modes.map(() => '--:').join('|')}|`,
  );
  for (const runner of runners) {
    lines.push(
      `| ${runner} | ${modes
        .map((mode) => {
          const f = at(runner, mode, largest)?.figures;
          return f ? `${fixed(f.eldP99Ms)} / ${fixed(f.eldMaxMs)}` : '';
        })
        .join(' | ')} |`,
    );
  }
  lines.push(
    '',
    'A clone hand-off against the copy itself: `handoff_in_ms` (submit on the main thread → kernel start in the worker, median task, median of the rounds used) of each runner under clone, beside one `structuredClone` of the payload on one thread, in a fresh process (the median of 15 clones, of 3 processes).',
    '',
    `| payload KiB | structuredClone µs | µs/KiB | ${runners.map((r) => `${r} in µs | µs/KiB`).join(' | ')} |`,
    `|--:|--:|--:|${runners.map(() => '--:|--:').join('|')}|`,
  );
  for (const kib of payloadsKib) {
    const plain = plainClone.get(kib) ?? Number.NaN;
    const handoffs = runners.map((runner) => {
      const cell = at(runner, 'clone', kib);
      const inUs = (cell?.figures?.handoffInMs ?? Number.NaN) * 1000;
      return `${fixed(inUs)} | ${fixed(inUs / kib, 3)}`;
    });
    lines.push(`| ${kib} | ${fixed(plain)} | ${fixed(plain / kib, 3)} | ${handoffs.join(' | ')} |`);
  }
  process.stdout.write(`${lines.join('\n')}\n\nThe run's rows: ${out}\n`);
}

await main().catch((error: unknown) => {
  process.stderr.write(`handoff-bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 3);
});
