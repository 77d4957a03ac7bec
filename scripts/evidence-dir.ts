// Where a script's dated evidence goes: docs/evidence/<date>-<cpu>-<cores>/<name>/, the date UTC,
// the CPU model as a slug (`AMD EPYC` → amd-epyc), the cores os.availableParallelism().
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export function evidenceDir(projectRoot: string, name: string, at = new Date()): string {
  const cpu = (cpus()[0]?.model ?? 'cpu')
    .replace(/[^\w]+/g, '-')
    .replace(/-+$/, '')
    .toLowerCase();
  return join(projectRoot, 'docs/evidence', `${at.toISOString().slice(0, 10)}-${cpu}-${availableParallelism()}`, name);
}

/** One run's evidence, named for the UTC minute it began (`selftest-1948`), under `evidenceDir`. */
export function evidenceDirAt(projectRoot: string, name: string, at: Date): string {
  return evidenceDir(projectRoot, `${name}-${at.toISOString().slice(11, 16).replace(':', '')}`, at);
}

/** The commit measured, `-dirty` when tracked files differ: evidence names what produced it. */
export async function commitOf(projectRoot: string): Promise<string> {
  const git = (...args: string[]) => execa('git', args, { cwd: projectRoot, reject: false });
  const head = (await git('rev-parse', '--short=12', 'HEAD')).stdout.trim();
  const dirty = (await git('status', '--porcelain', '--untracked-files=no')).stdout.trim() !== '';
  return `${head}${dirty ? '-dirty' : ''}`;
}
