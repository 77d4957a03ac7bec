// The load process: an open-loop load on one server cell, `/work` at the offered rate and `/ping`
// beside it, from a process of its own so that the server's blocked event loop cannot delay the
// sending. Every `/work` answer is checked against the digest of the kernel's output for its job.
import { Pool } from 'undici';
import { runOpenLoop, type Send } from './open-loop.js';
import { type LoadMessage, loadPlanSchema } from './protocol.js';

const plan = loadPlanSchema.parse(JSON.parse(process.argv[2] ?? 'null'));
// Each stream on connections of its own, as a server's users are: /ping must not wait for a
// connection behind queued /work. Enough of them that the client rarely holds a request back; one
// that waits anyway is still timed from its due moment.
const pools = [
  new Pool(plan.origin, { connections: 256, pipelining: 1 }),
  new Pool(plan.origin, { connections: 64, pipelining: 1 }),
] as const;
const sendOver =
  (pool: Pool): Send =>
  async (path, signal) => {
    const response = await pool.request({ path, method: 'GET', signal });
    return { status: response.statusCode, body: await response.body.text() };
  };
const tell = (message: LoadMessage) => process.send?.(message);

const cpuAtStart = process.cpuUsage();
const startedAt = performance.now();
const figures = await runOpenLoop({
  streams: [
    {
      name: 'work',
      rps: plan.workRps,
      path: (k) => `/work?i=${k}`,
      send: sendOver(pools[0]),
      check: (k, body) => {
        const expected = plan.digests[k % plan.digests.length];
        return body === expected
          ? undefined
          : `answered digest ${body.slice(0, 12)}, the kernel on the main thread ${expected?.slice(0, 12)}`;
      },
    },
    {
      name: 'ping',
      rps: plan.pingRps,
      path: () => '/ping',
      send: sendOver(pools[1]),
      check: (_k, body) => (body === 'pong' ? undefined : `answered "${body.slice(0, 40)}"`),
    },
  ],
  warmupMs: plan.warmupMs,
  durationMs: plan.durationMs,
  timeoutMs: plan.timeoutMs,
  onWindow: (edge) => tell({ kind: edge === 'open' ? 'window-open' : 'window-closed' }),
});
const cpu = process.cpuUsage(cpuAtStart);
await Promise.all(pools.map((pool) => pool.close()));
const [work, ping] = [figures.get('work'), figures.get('ping')];
if (!work || !ping) throw new Error('the open loop lost a stream');
process.send?.(
  {
    kind: 'done',
    work,
    ping,
    cpuUserMs: cpu.user / 1000,
    cpuSystemMs: cpu.system / 1000,
    wallMs: performance.now() - startedAt,
  } satisfies LoadMessage,
  () => process.exit(0),
);
