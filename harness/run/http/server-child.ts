// A server cell: one scenario's workload behind a real `node:http` server on this process's main
// thread, each `/work?i=N` request run through the cell's variant as a user's server would run it
// (`sync` inline, `libuv-async` on the threadpool, a new Worker per request, the pool), `/ping`
// answered at once: the other users of the server, who feel whatever blocks its event loop.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { digestOutputs } from '../../measure/digest.js';
import { oneLine, statusOf } from '../../measure/failure.js';
import { MeasuredWindow } from '../../measure/measured-window.js';
import { ignoreTasks, type Runner } from '../../measure/runner.js';
import { choicesOf } from '../../plan/cell.js';
import { noColdStart, withRunner, withWorkload } from '../workload-life.js';
import { type ServerMessage, serverCommandSchema, serverSpecSchema } from './protocol.js';

const tell = (message: ServerMessage, then: () => void = () => {}) => process.send?.(message, then);

/** At most `limit` tasks at once, the rest queued in arrival order: a new Worker per request, capped. */
function limited(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function handler(runner: Runner, jobs: readonly unknown[], admit: <T>(task: () => Promise<T>) => Promise<T>) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://server');
    if (url.pathname === '/ping') {
      response.end('pong');
      return;
    }
    const index = Number(url.searchParams.get('i'));
    if (url.pathname !== '/work' || !Number.isSafeInteger(index) || index < 0) {
      response.writeHead(404).end(`no ${request.url}: GET /work?i=N or /ping`);
      return;
    }
    admit(() => runner.runBatch([jobs[index % jobs.length]], ignoreTasks)).then(
      ([output]) => response.end(digestOutputs([output])),
      (error: unknown) => response.writeHead(500).end(oneLine(error)),
    );
  };
}

async function serve(): Promise<void> {
  const spec = serverSpecSchema.parse(JSON.parse(process.argv[2] ?? 'null'));
  await withWorkload(spec, (scenario, jobs) => {
    // The reference every answer is checked against: the kernel on this main thread, untimed.
    const digests = jobs.map((job) => digestOutputs([scenario.run(job)]));
    const context = { scenario, params: spec.params, scenarioFile: spec.scenarioFile, threads: spec.threads, ...choicesOf(spec) };
    return withRunner(spec.variant, context, noColdStart, async (runner) => {
      const admit = spec.variant === 'spawn-per-task' ? limited(spec.threads) : <T>(task: () => Promise<T>) => task();
      const server = createServer({ keepAliveTimeout: 60_000 }, handler(runner, jobs, admit));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const window = new MeasuredWindow();
      // The load's window opens and closes; the server goes on answering what is still queued
      // until the load has its last answer, and only then is told to stop.
      const stopped = new Promise<void>((resolve) => {
        process.on('message', (message: unknown) => {
          const command = serverCommandSchema.parse(message);
          if (command.kind === 'open') window.resume({ timed: true, probed: true });
          else if (command.kind === 'close') {
            const figures = window.close();
            tell({ kind: 'measured', figures: { ...figures, peakRssMb: process.resourceUsage().maxRSS / 1024 } });
          } else resolve();
        });
      });
      tell({ kind: 'listening', port: (server.address() as AddressInfo).port, digests });
      await stopped;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  });
}

await serve().then(
  () => process.exit(0),
  (error: unknown) => tell({ kind: 'failed', status: statusOf(error), error: oneLine(error) }, () => process.exit(1)),
);
