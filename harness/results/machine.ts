// What a run ran on, written on every row: a figure without its machine is not a result.
import { randomBytes } from 'node:crypto';
import { arch, availableParallelism, cpus, release, type } from 'node:os';
import { execaSync } from 'execa';
import { fileStamp } from './paths.js';

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

export function describeRun(startedAt: Date): RunMetadata {
  return {
    runId: `${fileStamp(startedAt)}-${randomBytes(2).toString('hex')}`,
    gitCommit: readGitCommit(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    os: `${type()} ${release()} ${arch()}`,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    availableCores: availableParallelism(),
  };
}

/**
 * The commit of the project being benchmarked (the working directory: this repository, or the
 * user's project that installed threadbench), `-dirty` when tracked files differ; empty outside git.
 */
function readGitCommit(): string {
  const git = (...args: string[]) => execaSync('git', args, { reject: false });
  const head = git('rev-parse', '--short=12', 'HEAD');
  if (head.exitCode !== 0) return '';
  const dirty = git('status', '--porcelain', '--untracked-files=no').stdout !== '';
  return `${head.stdout}${dirty ? '-dirty' : ''}`;
}
