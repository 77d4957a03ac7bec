// Every temp directory the tests make, and those of the CLIs and cell processes they start, goes
// under one directory per test run (TMPDIR, which os.tmpdir() reads), removed when the run ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'threadbench-tests-'));
  process.env.TMPDIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
