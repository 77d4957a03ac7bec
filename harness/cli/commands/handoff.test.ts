// End to end: the hand-off dimension through real cell processes and pools. A transfer that would
// send a buffer some other job already gave away, an answer copied where it should have moved, and
// a kernel that keeps reading a buffer its answer moved away are failure rows; clone and shared
// agree with the kernel on the main thread.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runBench, runReport } from '../../../test/helpers.js';

describe('npm run bench -- --handoff clone,transfer,shared', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-handoff-')), 'handoff.csv');
  const run = await runBench([
    ...['--scenarios', fixturesDir, '--scenario', 'shares-a-buffer,reuses-its-output,answers-a-pooled-buffer', '--quick', '--threads', '1'],
    ...['--variant', 'sync,spawn-per-task,pooled', '--pool', 'piscina,workerpool,hand-rolled', '--handoff', 'clone,transfer,shared'],
    ...['--out', out],
  ]);
  const rows = readCsv(out);
  const of = (scenario: string) => rows.filter((row) => row.scenario === scenario);
  const syncDigest = (scenario: string) => of(scenario).find((row) => row.variant === 'sync')?.digest;

  it('exits 1, a row for every cell, the hand-off in its own column for worker variants only', () => {
    expect(run.exitCode, run.all).toBe(1);
    expect(rows).toHaveLength(3 * (1 + 3 + 3 * 3));
    expect(new Set(rows.filter((row) => row.variant === 'sync').map((row) => row.handoff))).toEqual(new Set(['']));
    expect(
      rows
        .filter((row) => row.variant !== 'sync')
        .map((row) => row.handoff)
        .sort(),
    ).toEqual(['clone', 'transfer', 'shared'].flatMap((handoff) => Array<string>(12).fill(handoff)).sort());
  });

  it('fails every transfer of jobs that share one buffer before sending, and runs their clone and shared cells', () => {
    for (const row of of('shares-a-buffer').filter((r) => r.handoff === 'transfer')) {
      expect(row.status, row.cell).toBe('failed');
      expect(row.error).toMatch(/transfer: jobs 0 and 1 share an ArrayBuffer/);
    }
    const others = of('shares-a-buffer').filter((r) => r.handoff !== 'transfer');
    expect(others.map((row) => `${row.cell} ${row.status} ${row.digest}`)).toEqual(
      others.map((row) => `${row.cell} ok ${syncDigest('shares-a-buffer')}`),
    );
  });

  it("catches a pooled kernel that reads a buffer its answer moved away: a mismatch, not the zero's digest", () => {
    const pooledTransfer = of('reuses-its-output').filter((r) => r.variant === 'pooled' && r.handoff === 'transfer');
    expect(pooledTransfer.map((row) => row.status)).toEqual(['mismatch', 'mismatch', 'mismatch']);
    // A fresh worker per task keeps nothing from one task to the next: nothing to read once moved.
    const rest = of('reuses-its-output').filter((r) => !pooledTransfer.includes(r));
    expect(rest.map((row) => `${row.cell} ${row.status} ${row.digest}`)).toEqual(
      rest.map((row) => `${row.cell} ok ${syncDigest('reuses-its-output')}`),
    );
  });

  // Node 20 copies a pooled Buffer without a word (the next task finds it still here); Node 21 and
  // later mark it untransferable (the harness asks before it answers). Either way, said in words.
  it('fails a transfer whose answer cannot move, on every runner, saying why', () => {
    const transfer = of('answers-a-pooled-buffer').filter((r) => r.handoff === 'transfer');
    expect(transfer).toHaveLength(4);
    for (const row of transfer) {
      expect(row.status, row.cell).toBe('failed');
      expect(row.error).toMatch(
        /transfer: the answer's \d+-byte ArrayBuffer (was still the worker's after it was sent: it was copied, not moved|cannot move: Node marks it untransferable)/,
      );
    }
    const clone = of('answers-a-pooled-buffer').filter((r) => r.handoff === 'clone');
    expect(clone.map((row) => `${row.status} ${row.digest}`)).toEqual(clone.map(() => `ok ${syncDigest('answers-a-pooled-buffer')}`));
    // It declares no shared hand-off: those cells are n/a.
    expect(
      of('answers-a-pooled-buffer')
        .filter((r) => r.handoff === 'shared')
        .map((r) => r.status),
    ).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
  });

  it('gives the report a hand-off section per scenario, which says a single round cannot tell a crossover', async () => {
    const page = out.replace(/\.csv$/, '.html');
    const report = await runReport([out, '--out', page]);
    expect(report.exitCode, report.all).toBe(0);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('<h2>Data hand-off</h2>');
    expect(html).toContain('<section class="handoffs" data-scenario="shares-a-buffer">');
    expect(readFileSync(page.replace(/\.html$/, '.md'), 'utf8')).toContain('| reuses-its-output | pooled ×1 | no interval (one round) |');
  });
});
