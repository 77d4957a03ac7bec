import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, importCompiled } from '../../../test/helpers.js';
import type { Variant } from '../../api/variant.js';
import type { ServerSpec } from './protocol.js';

const { runServerCell } = await importCompiled<typeof import('./run-server-cell.js')>('harness/run/http/run-server-cell.js');
const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-server-'));
const spec = (fixture: string, variant: Variant, params: Record<string, number> = { size: 1 }): ServerSpec => ({
  scenarioFile: join(fixturesDir, `${fixture}.js`),
  params,
  tasks: 4,
  tmpDir: join(tmpDir, `${fixture}-${variant}`),
  variant,
  threads: 2,
});
const plan = { workRps: 40, pingRps: 40, warmupMs: 200, durationMs: 800, timeoutMs: 2000 };

/** Whether anything still listens on the port: the server must be gone with its cell. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('runServerCell', () => {
  it.each(['sync', 'libuv-async', 'spawn-per-task', 'pooled'] as const)(
    'serves %s: every /work answer checked, /ping answered, the server measured',
    async (variant) => {
      const outcome = await runServerCell(spec('steady', variant, { size: 10 }), plan, { timeoutMs: 60_000 });
      expect(outcome.status, JSON.stringify(outcome)).toBe('ok');
      if (outcome.status !== 'ok') return;
      expect(outcome.work).toMatchObject({ due: 32, errors: 0, failed: 0, wrong: 0 });
      expect(outcome.ping).toMatchObject({ due: 32, errors: 0 });
      expect(outcome.server.measuredMs).toBeGreaterThan(0);
      expect(outcome.loadCpuMs).toBeGreaterThan(0);
    },
  );

  it('calls a variant that answers something else than the kernel on the main thread a mismatch', async () => {
    const outcome = await runServerCell(spec('lies', 'pooled'), plan, { timeoutMs: 60_000 });
    expect(outcome).toMatchObject({
      status: 'mismatch',
      error: expect.stringMatching(/^\/work\?i=\d+: answered digest \w{12}, the kernel on the main thread \w{12}$/),
    });
  });

  it('calls a kernel that throws failed, before any load', async () => {
    expect(await runServerCell(spec('throws', 'sync'), plan, { timeoutMs: 60_000 })).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('kernel refused the job'),
    });
  });

  it('calls a server that answers no /work request a timeout, and one that never ends its cell a timeout too', async () => {
    const silent = await runServerCell(spec('hangs', 'pooled'), { ...plan, timeoutMs: 300 }, { timeoutMs: 60_000 });
    expect(silent).toMatchObject({ status: 'timeout', error: expect.stringMatching(/^the server answered none of 32 \/work requests/) });
    // sync: the kernel never returns on a worker, but here it runs on the main thread and returns;
    // a cell timeout shorter than the load ends the cell all the same.
    const cut = await runServerCell(spec('steady', 'sync', { size: 10 }), plan, { timeoutMs: 500 });
    expect(cut).toMatchObject({ status: 'timeout', error: 'server cell did not finish within 500 ms (--timeout)' });
  });

  it('ends as canceled on Ctrl-C, and leaves nothing listening', async () => {
    const controller = new AbortController();
    const ports: number[] = [];
    const outcome = runServerCell(
      spec('steady', 'pooled', { size: 10 }),
      { ...plan, durationMs: 5000 },
      { timeoutMs: 60_000, signal: controller.signal, onListening: (port) => ports.push(port) },
    );
    setTimeout(() => controller.abort(), 1000);
    expect(await outcome).toEqual({ status: 'canceled' });
    expect(ports).toHaveLength(1);
    expect(await listening(ports[0] ?? 0)).toBe(false);
  });
});
