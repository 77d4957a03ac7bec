// What a run ran on, written on every row: a figure without its machine is not a result.
import { randomBytes } from 'node:crypto';
import { arch, availableParallelism, cpus, release, type } from 'node:os';
import { execaSync } from 'execa';
import type { Cell } from '../plan/cell.js';
import { fileStamp } from './paths.js';

/** What a cell's rounds ran on: the project's commit, Node and the machine. */
export interface CellMachine {
  readonly gitCommit: string;
  readonly nodeVersion: string;
  readonly v8Version: string;
  readonly os: string;
  readonly cpuModel: string;
  /** os.availableParallelism(): thread counts above it oversubscribe the machine. */
  readonly availableCores: number;
}

/** A run's own machine, and its id. */
export interface RunMetadata extends CellMachine {
  readonly runId: string;
}

/** A cell's machine: the run's, with the cell's own Node where the run has several (--node). */
export function machineOfCell(meta: RunMetadata, cell?: Pick<Cell, 'node'>): CellMachine {
  return {
    gitCommit: meta.gitCommit,
    nodeVersion: cell?.node === undefined ? meta.nodeVersion : `v${cell.node.version}`,
    v8Version: cell?.node === undefined ? meta.v8Version : cell.node.v8,
    os: meta.os,
    cpuModel: meta.cpuModel,
    availableCores: meta.availableCores,
  };
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
