// What a run ran on, written on every row: a figure without its machine is not a result.
import { randomBytes } from 'node:crypto';
import { availableParallelism, cpus, arch, release, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { execaSync } from 'execa';

export interface RunMetadata {
  readonly runId: string;
  readonly gitCommit: string;
  readonly nodeVersion: string;
  readonly v8Version: string;
  readonly os: string;
  readonly cpuModel: string;
  /** os.availableParallelism(): thread counts above it oversubscribe the machine. */
  readonly availableCores: number;
}

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export function describeRun(startedAt: Date): RunMetadata {
  const stamp = startedAt.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return {
    runId: `${stamp}-${randomBytes(2).toString('hex')}`,
    gitCommit: readGitCommit(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    os: `${type()} ${release()} ${arch()}`,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    availableCores: availableParallelism(),
  };
}

/** The commit the harness was built from, `-dirty` when tracked files differ; empty outside git. */
function readGitCommit(): string {
  const git = (...args: string[]) => execaSync('git', args, { cwd: projectRoot, reject: false });
  const head = git('rev-parse', '--short=12', 'HEAD');
  if (head.exitCode !== 0) return '';
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout !== '';
  return `${head.stdout}${dirty ? '-dirty' : ''}`;
}
