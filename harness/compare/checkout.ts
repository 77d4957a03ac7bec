// What the A/B measures in the repository it runs in, and how a checked-out ref is made ready.
// In threadbench's own repository each ref's harness is what changes: each side runs its own build.
// In a user's project the user's code is what changes: both sides run the one threadbench
// installed here, on the scenarios each ref has, so that a difference is the user's and not ours.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';
import { StepError, UsageError } from '../plan/errors.js';

export type ProjectKind = 'threadbench' | 'user';

export interface AbProject {
  readonly kind: ProjectKind;
  /** The git work tree the refs are checked out of. */
  readonly gitRoot: string;
  /** Where the project lies in it: '' at its root, 'packages/app/' in a monorepo. */
  readonly prefix: string;
}

/** The scenarios directory a user's project keeps for the gate (what `threadbench init` writes). */
export const userScenarioDir = 'threadbench';

const projectManifestSchema = z.object({
  name: z.string().optional(),
  scripts: z.record(z.string(), z.string()).optional(),
});

function projectManifest(dir: string): z.infer<typeof projectManifestSchema> {
  const path = join(dir, 'package.json');
  return existsSync(path) ? projectManifestSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : {};
}

export async function describeProject(cwd: string): Promise<AbProject> {
  const git = await execa('git', ['rev-parse', '--show-toplevel', '--show-prefix'], { cwd, reject: false });
  if (git.exitCode !== 0) {
    throw new UsageError(`Expected to run in a git repository (the A/B checks its refs out), got none at ${cwd}`);
  }
  const [gitRoot = cwd, prefix = ''] = git.stdout.split('\n');
  return { kind: projectManifest(cwd).name === 'threadbench' ? 'threadbench' : 'user', gitRoot, prefix };
}

/** A lock file and the command that installs exactly what it pins. */
const lockFiles: readonly (readonly [file: string, install: string])[] = [
  ['package-lock.json', 'npm ci'],
  ['npm-shrinkwrap.json', 'npm ci'],
  ['pnpm-lock.yaml', 'pnpm install --frozen-lockfile'],
  ['yarn.lock', 'yarn install --frozen-lockfile'],
  ['bun.lock', 'bun install --frozen-lockfile'],
  ['bun.lockb', 'bun install --frozen-lockfile'],
];

/** The install a project's lock file asks for (`npm install` without one). */
export function installCommand(dir: string): string {
  return lockFiles.find(([file]) => existsSync(join(dir, file)))?.[1] ?? 'npm install';
}

/** What `--setup` is when not given, in words: the install its lock file asks for, then its build. */
export function defaultSetup(dir: string, kind: ProjectKind): string {
  const build = kind === 'threadbench' ? 'npx tsc -p .' : buildScript(dir);
  return build === undefined ? installCommand(dir) : `${installCommand(dir)} && ${build}`;
}

/** The project's build script, run with its package manager, where package.json has one. */
export function buildScript(dir: string): string | undefined {
  if (projectManifest(dir).scripts?.build === undefined) return undefined;
  const runner = lockFiles.find(([file]) => existsSync(join(dir, file)))?.[1].split(' ')[0] ?? 'npm';
  return `${runner} run build`;
}

/**
 * Makes a checked-out ref ready: the user's `setup` as given, or the default. The default's
 * install is skipped where the ref pins the same dependencies as `head` (its lock file byte for
 * byte): then the installed tree would be the same, and head's node_modules is linked instead.
 */
export async function prepareCheckout(
  dir: string,
  head: string,
  kind: ProjectKind,
  setup: string | undefined,
  side: string,
  log: (line: string) => void,
): Promise<void> {
  if (setup !== undefined) {
    log(`${side}: setup: ${setup}`);
    return runStep(setup, dir, side);
  }
  const command = defaultSetup(dir, kind);
  const [install, build] = command.split(' && ');
  const lock = lockFiles.find(([file]) => existsSync(join(dir, file)))?.[0];
  const sameLock =
    lock !== undefined && existsSync(join(head, lock)) && readFileSync(join(dir, lock), 'utf8') === readFileSync(join(head, lock), 'utf8');
  if (sameLock && existsSync(join(head, 'node_modules'))) {
    log(`${side}: setup: the same ${lock} as this checkout: linking its node_modules${build ? `, then ${build}` : ''} (--setup to change)`);
    symlinkSync(join(head, 'node_modules'), join(dir, 'node_modules'), 'dir');
    if (build !== undefined) await runStep(build, dir, side);
    return;
  }
  log(`${side}: setup: ${command} (from ${lock ?? 'no lock file'}; --setup to change)`);
  if (install !== undefined) await runStep(install, dir, side);
  if (build !== undefined) await runStep(build, dir, side);
}

async function runStep(command: string, cwd: string, side: string): Promise<void> {
  const step = await execa(command, { cwd, shell: true, reject: false, all: true, stdin: 'ignore' });
  if (step.exitCode === 0) return;
  const tail = (step.all ?? '').trim().split('\n').slice(-3).join(' ').replace(/\s+/g, ' ');
  const how = step.signal ? `was killed by ${step.signal}` : `exited with code ${step.exitCode}`;
  throw new StepError(`the ${side} checkout's setup step "${command}" ${how}${tail ? `: ${tail}` : ''}`);
}
