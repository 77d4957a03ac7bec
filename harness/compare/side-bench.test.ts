import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedError, UsageError } from '../plan/errors.js';
import { benchEntry, startSideBench } from './side-bench.js';

/** A checkout from before the `threadbench` binary, whose dist/scripts/bench.js is `script`. */
function treeWithBench(script: string): string {
  const tree = mkdtempSync(join(tmpdir(), 'threadbench-server-tree-'));
  mkdirSync(join(tree, 'dist', 'scripts'), { recursive: true });
  writeFileSync(join(tree, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(tree, 'dist', 'scripts', 'bench.js'), script);
  return tree;
}

const exitsAtOnce = (code: number, said = `bench said ${code}`) =>
  treeWithBench(`process.stderr.write(${JSON.stringify(said)} + '\\n'); process.exit(${code});\n`);

/** A bench that serves two cells, answers each request, and exits with `closeCode` at the end of input; or with 3 on request number `crashOn`. */
function fakeServer(closeCode: number, crashOn?: number): string {
  return treeWithBench(`
    import { createInterface } from 'node:readline';
    console.log('a scenario that talks when imported');
    console.log(JSON.stringify({ kind: 'ready', cells: ['a/n=1/sync/1', 'a/n=1/pooled/2'] }));
    let requests = 0;
    const lines = createInterface({ input: process.stdin });
    lines.on('line', (line) => {
      const { round, cell } = JSON.parse(line);
      if (++requests === ${crashOn ?? -1}) { process.stderr.write('kernel blew up the server\\n'); process.exit(3); }
      console.log(JSON.stringify({ kind: 'done', round, cell, status: 'ok' }));
    });
    lines.on('close', () => process.exit(${closeCode}));
  `);
}

/** A checkout whose package.json names its `threadbench` binary, `script`. */
function treeWithBinary(script: string): string {
  const tree = mkdtempSync(join(tmpdir(), 'threadbench-server-tree-'));
  mkdirSync(join(tree, 'dist', 'cli'), { recursive: true });
  writeFileSync(join(tree, 'package.json'), '{ "type": "module", "bin": { "threadbench": "dist/cli/main.js" } }\n');
  writeFileSync(join(tree, 'dist', 'cli', 'main.js'), script);
  return tree;
}

describe('benchEntry', () => {
  it("runs a checkout's threadbench binary as `threadbench bench`, and an older checkout's own scripts/bench.js", () => {
    const current = treeWithBinary('');
    expect(benchEntry(current)).toEqual([join(current, 'dist/cli/main.js'), 'bench']);
    const older = exitsAtOnce(0);
    expect(benchEntry(older)).toEqual([join(older, 'dist/scripts/bench.js')]);
  });

  it('serves through the binary, which is asked for its bench command', async () => {
    const tree = treeWithBinary(`
      if (process.argv[2] !== 'bench' || !process.argv.includes('--serve')) { process.stderr.write('not asked to serve\\n'); process.exit(2); }
      console.log(JSON.stringify({ kind: 'ready', cells: ['a/n=1/sync/1'] }));
      process.stdin.resume().on('end', () => process.exit(0));
    `);
    const server = await startSideBench(tree, ['--quick'], 'head');
    expect(server.cells).toEqual(['a/n=1/sync/1']);
    await expect(server.close()).resolves.toBeUndefined();
  });
});

describe('startSideBench', () => {
  it('serves cells on request, past a line a scenario printed, and accepts exit 1 at the end: a cell that did not measure is a row', async () => {
    const server = await startSideBench(fakeServer(1), ['--quick'], 'base');
    expect(server.cells).toEqual(['a/n=1/sync/1', 'a/n=1/pooled/2']);
    await expect(server.run(1, 'a/n=1/pooled/2')).resolves.toBe('ok');
    await expect(server.close()).resolves.toBeUndefined();
  });

  it('ends the A/B as a tool failure when a side dies mid-run, with its last words', async () => {
    const server = await startSideBench(fakeServer(0, 2), ['--quick'], 'head');
    await server.run(1, 'a/n=1/sync/1');
    await expect(server.run(1, 'a/n=1/pooled/2')).rejects.toThrow(
      "the head checkout's bench exited with code 3: kernel blew up the server",
    );
  });

  it('ends the A/B as a tool failure when a side exits 3 before serving', async () => {
    await expect(startSideBench(exitsAtOnce(3), ['--quick'], 'head')).rejects.toThrow(
      "the head checkout's bench exited with code 3: bench said 3",
    );
  });

  it('passes on bad input as bad input, naming a checkout too old to serve, and Ctrl-C as an interruption', async () => {
    await expect(startSideBench(exitsAtOnce(2), ['--quick'], 'base')).rejects.toBeInstanceOf(UsageError);
    const old = startSideBench(exitsAtOnce(2, "threadbench: Unknown option '--serve'."), ['--quick'], 'base');
    await expect(old).rejects.toThrow(/predates bench --serve/);
    await expect(startSideBench(exitsAtOnce(130), ['--quick'], 'base')).rejects.toBeInstanceOf(InterruptedError);
  });
});
