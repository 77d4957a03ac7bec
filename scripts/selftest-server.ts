// `npm run bench:selftest -- --part server`: the physics server mode must show, on pbkdf2 at its
// largest size, measured in real server-mode runs (never asserted by a timed test):
//   sync at 1.5× its capacity: /ping p99 at least one task time, and growing with the run's length
//     (a queue that never drains: what an open loop shows and a closed loop cannot), work/s at most
//     its capacity;
//   pooled × 2 and libuv-async × 2 at 1.5×: /ping p99 under 10 ms, work/s within 5% of offered, no
//     request lost.
import { join } from 'node:path';
import { execa } from 'execa';
import { readCsvTable } from '../harness/results/csv-read.js';
import { serverRoundsOf } from '../harness/results/server-round.js';
import { foldServerRounds, type ServerSummary } from '../harness/results/server-summary.js';
import { formatServerTable } from '../harness/results/server-table.js';

const matrix = ['--server', '--scenario', 'pbkdf2', '--param', 'iterations=50000', '--threads', '2'];

export async function serverPhysics(threadbench: string, projectRoot: string, work: string, log: (line: string) => void): Promise<string> {
  const sweep = async (name: string, args: readonly string[]) => {
    log(`server: ${name}`);
    const out = join(work, `server-${name}.csv`);
    const started = Date.now();
    const run = await execa('node', [threadbench, 'bench', ...matrix, ...args, '--out', out], { cwd: projectRoot, reject: false });
    if (run.exitCode !== 0 && run.exitCode !== 1)
      throw new Error(`bench --server exited ${run.exitCode}: ${run.stderr.split('\n').at(-1)}`);
    return { summaries: foldServerRounds(serverRoundsOf(readCsvTable(out).rows)), minutes: (Date.now() - started) / 60_000 };
  };
  const full = await sweep('loads', ['--variant', 'sync,libuv-async,pooled', '--loads', '0.5,0.9,1.5,3']);
  const longer = await sweep('sync-longer', ['--variant', 'sync', '--loads', '1.5', '--time', '6000']);
  const at = (summaries: readonly ServerSummary[], variant: string, load: number) =>
    summaries.find((s) => s.variant === variant && s.load === load);
  const sync = at(full.summaries, 'sync', 1.5);
  const syncLonger = at(longer.summaries, 'sync', 1.5);
  const capacity = sync ? sync.offeredRps / 1.5 : Number.NaN;
  const taskMs = 1000 / capacity;
  const check = (ok: boolean | undefined, text: string) => `- ${ok ? 'holds' : '**does not hold**'}: ${text}`;
  const threaded = ['pooled', 'libuv-async'].map((variant) => {
    const s = at(full.summaries, variant, 1.5)?.figures;
    return check(
      s !== undefined && s.pingP99Ms < 10 && Math.abs(s.workRps / (1.5 * capacity) - 1) <= 0.05 && s.httpErrors === 0,
      `${variant} × 2 at 1.5×: /ping p99 ${s?.pingP99Ms.toFixed(2)} ms (< 10), work ${s?.workRps.toFixed(1)}/s of ${(1.5 * capacity).toFixed(1)} offered (within 5%), ${s?.httpErrors} lost`,
    );
  });
  return [
    '## Server mode: the physics on pbkdf2 50 000 iterations',
    '',
    `\`npm run bench -- ${matrix.join(' ')} --variant sync,libuv-async,pooled --loads 0.5,0.9,1.5,3\` (3 rounds, 3 s windows; ${full.minutes.toFixed(1)} min), then sync alone at 1.5× with 6 s windows (${longer.minutes.toFixed(1)} min). Sync's capacity: ${capacity.toFixed(1)} tasks/s (${taskMs.toFixed(1)} ms a task).`,
    '',
    '```',
    formatServerTable(full.summaries),
    '```',
    '',
    check(
      sync?.figures !== undefined && sync.figures.pingP99Ms >= taskMs && sync.figures.workRps <= capacity * 1.05,
      `sync at 1.5×: /ping p99 ${sync?.figures?.pingP99Ms.toFixed(0)} ms (at least one task, ${taskMs.toFixed(1)} ms); work ${sync?.figures?.workRps.toFixed(1)}/s (at most its capacity)`,
    ),
    check(
      sync?.figures !== undefined && syncLonger?.figures !== undefined && syncLonger.figures.pingP99Ms > sync.figures.pingP99Ms,
      `sync at 1.5×, growing with the run: /ping p99 ${sync?.figures?.pingP99Ms.toFixed(0)} ms over 3 s windows, ${syncLonger?.figures?.pingP99Ms.toFixed(0)} ms over 6 s (a closed-loop load would keep it flat)`,
    ),
    ...threaded,
  ].join('\n');
}
