import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InterruptedError } from '../cli/run-cli.js';
import { UsageError } from '../usage-error.js';
import { runBenchRound } from './ab-run.js';

/** A checkout whose bench writes one line to stderr and exits with `code`. */
function treeWhoseBenchExits(code: number): string {
  const tree = mkdtempSync(join(tmpdir(), 'threadbench-ab-tree-'));
  mkdirSync(join(tree, 'dist', 'scripts'), { recursive: true });
  writeFileSync(join(tree, 'dist', 'scripts', 'bench.js'), `process.stderr.write('bench said ${code}\\n'); process.exit(${code});\n`);
  return tree;
}

describe('runBenchRound', () => {
  it('accepts 0 and 1: a cell that did not measure is a row the comparison judges', async () => {
    await expect(runBenchRound(treeWhoseBenchExits(0), ['--quick'], 'base')).resolves.toBeUndefined();
    await expect(runBenchRound(treeWhoseBenchExits(1), ['--quick'], 'base')).resolves.toBeUndefined();
  });

  it('ends the A/B as a tool failure when a round exits 3, with its last line', async () => {
    await expect(runBenchRound(treeWhoseBenchExits(3), ['--quick'], 'head')).rejects.toThrow("the head checkout's bench exited with code 3: bench said 3");
  });

  it('passes on bad input as bad input and Ctrl-C as an interruption', async () => {
    await expect(runBenchRound(treeWhoseBenchExits(2), ['--quick'], 'base')).rejects.toBeInstanceOf(UsageError);
    await expect(runBenchRound(treeWhoseBenchExits(130), ['--quick'], 'base')).rejects.toBeInstanceOf(InterruptedError);
  });
});
