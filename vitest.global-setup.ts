// Every temp directory the tests make, and those of the CLIs and cell processes they start, goes
// under one directory per test run (TMPDIR, which os.tmpdir() reads), removed when the run ends.
// Each project of the config runs this setup: the first makes the directory, the others keep it
// (nested, the path outgrew what Chromium allows its socket).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const runDirVariable = 'THREADBENCH_TESTS_TMPDIR';

export default function setup(): () => void {
  if (process.env[runDirVariable] !== undefined) return () => {};
  const runDir = mkdtempSync(join(tmpdir(), 'threadbench-tests-'));
  process.env[runDirVariable] = runDir;
  process.env.TMPDIR = runDir;
  return () => rmSync(runDir, { recursive: true, force: true });
}
