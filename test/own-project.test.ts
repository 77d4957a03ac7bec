// threadbench in a user's own project, as the README tells it: the packed tarball beside the
// project, the README's scenario and commands run verbatim; then `threadbench init`, and the
// workflow it writes run step by step (as GitHub would) on two pull requests of that project: one
// that gives its kernel twice the work, which the gate must flag, and one that changes nothing
// measured, which it must pass. Twice, not a quarter: this test runs 6 quick rounds, not the gate's
// 20, and on a host that loses a core for seconds at a time so short an A/B can miss a quarter (its
// "could see" is then wider than that). What the gate sees at its defaults is measured as evidence
// (docs/guide/regression-gate.md), not asserted here.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot, readCsv } from './helpers.js';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

/** The fenced block that follows the README's comment naming this test and `what`. */
function readmeBlock(what: string): string {
  const marker = readme.indexOf(`<!-- test/own-project.test.ts ${what}`);
  if (marker < 0) throw new Error(`the README has no block marked "test/own-project.test.ts ${what}"`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(marker));
  if (!block?.[1]) throw new Error(`no fenced block after the README's marker "${what}"`);
  return block[1];
}

/** Runs a script the way GitHub runs `run:` with bash: -e, -o pipefail. */
function bash(script: string, cwd: string, env: Record<string, string> = {}) {
  return execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, reject: false, all: true });
}

const root = mkdtempSync(join(tmpdir(), 'threadbench-own-project-'));
// The README's layout: a threadbench checkout's tarball in ../threadbench, beside the project.
const project = join(root, 'my-project');
const git = (cwd: string, ...args: string[]) =>
  execa('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.invalid', ...args], { cwd });

describe("the README's own-project example, verbatim", async () => {
  mkdirSync(join(root, 'threadbench'));
  mkdirSync(project);
  await execa('npm', ['pack', '--silent', '--pack-destination', join(root, 'threadbench')], { cwd: projectRoot });
  await execa('npm', ['init', '-y'], { cwd: project });
  const scenario = readmeBlock('writes this block');
  const path = /^\/\/ (\S+)\n/.exec(scenario)?.[1] ?? '';
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), scenario);
  const commands = readmeBlock('runs the lines');
  // npm reads its cache before the registry (npm's own setting, in the environment: the commands stay as written).
  const readmeRun = await bash(commands.slice(commands.indexOf('# in your project')), project, { npm_config_prefer_offline: 'true' });

  it('installs the tarball, runs the scenario in every variant with one digest, and reports', () => {
    expect(readmeRun.exitCode, readmeRun.all).toBe(0);
    const csv = readdirSync(join(project, 'results')).find((name) => /^\d{8}T\d{6}Z-[0-9a-f]+\.csv$/.test(name)) ?? '';
    const rows = readCsv(join(project, 'results', csv));
    expect(rows.map((row) => `${row.variant}/${row.threads}:${row.status}`)).toEqual([
      'sync/1:ok',
      'libuv-async/1:n/a',
      'libuv-async/2:n/a',
      'spawn-per-task/2:ok',
      'pooled/1:ok',
      'pooled/2:ok',
    ]);
    expect(new Set(rows.filter((row) => row.status === 'ok').map((row) => row.digest)).size).toBe(1);
    expect(readmeRun.all).toMatch(/report: .*results\/report\.html/);
    expect(existsSync(join(project, 'results', 'report.html'))).toBe(true);
  });
});

describe('threadbench init, and the workflow it writes run on two pull requests', async () => {
  const npx = (args: readonly string[], cwd = project) => execa('npx', ['threadbench', ...args], { cwd, reject: false, all: true });
  const init = await npx(['init']);
  const example = join(project, 'threadbench', 'example.mjs');
  const workflowFile = join(project, '.github', 'workflows', 'threadbench.yml');
  const written = existsSync(example) ? readFileSync(example, 'utf8') : '';
  const again = await npx(['init']);
  const exampleRun = await npx(['bench', '--scenarios', 'threadbench', '--quick', '--out', 'results/example.csv']);

  // The project's own code, which its scenario measures; a pull request edits `repeats`.
  mkdirSync(join(project, 'src'));
  const work = (repeats: number) => `export function primesBelow(limit) {
  let count = 0;
  for (let r = 0; r < ${repeats}; r++) {
    const composite = new Uint8Array(limit);
    count = 0;
    for (let i = 2; i < limit; i++) {
      if (composite[i]) continue;
      count++;
      for (let j = i * i; j < limit; j += i) composite[j] = 1;
    }
  }
  return count;
}
`;
  writeFileSync(join(project, 'src', 'work.mjs'), work(4));
  writeFileSync(
    join(project, 'threadbench', 'sieve.mjs'),
    `import { defineScenario } from 'threadbench';
import { primesBelow } from '../src/work.mjs';

export default defineScenario({
  name: 'sieve',
  description: "the project's sieve",
  params: { limit: [200000] },
  input: ({ limit }) => ({ limit }),
  run: ({ limit }) => primesBelow(limit),
  noThreadpoolForm: 'plain JavaScript',
});
`,
  );
  writeFileSync(join(project, '.gitignore'), 'node_modules\nresults\n');
  await git(project, 'init', '-q', '-b', 'main');
  await git(project, 'add', '-A');
  await git(project, 'commit', '-qm', 'the project, its scenarios and the gate');
  await git(project, 'checkout', '-qb', 'slower');
  writeFileSync(join(project, 'src', 'work.mjs'), work(8));
  await git(project, 'commit', '-qam', 'twice the work in the kernel');
  await git(project, 'checkout', '-qb', 'unchanged', 'main');
  writeFileSync(join(project, 'NOTES.md'), 'nothing measured changes\n');
  await git(project, 'add', 'NOTES.md');
  await git(project, 'commit', '-qm', 'notes');

  // The runner: actions/checkout of the pull request (fetch-depth 0), beside ../threadbench as the project is.
  const runner = join(root, 'runner');
  await execa('git', ['clone', '-q', project, runner]);
  const workflow = parse(readFileSync(workflowFile, 'utf8')) as {
    env: Record<string, string | number>;
    jobs: { gate: { steps: { name?: string; run?: string; env?: Record<string, string> }[] } };
  };
  const step = (name: string) => {
    const found = workflow.jobs.gate.steps.find((s) => s.name === name);
    if (found?.run === undefined) throw new Error(`threadbench.yml has no step "${name}"`);
    return found.run;
  };
  const env = {
    ...Object.fromEntries(Object.entries(workflow.env).map(([name, value]) => [name, String(value)])),
    // The gate's own matrix, shortened: the project's sieve on the main thread, a few rounds.
    BENCH: '--quick --scenarios threadbench --scenario sieve --variant sync',
    ROUNDS: '6',
    BASE_REF: 'main',
    npm_config_prefer_offline: 'true',
  };
  const pullRequest = async (branch: string) => {
    await git(runner, 'checkout', '-q', branch);
    rmSync(join(runner, 'threadbench.md'), { force: true });
    const summary = join(root, `summary-${branch}.md`);
    // The runner keeps node_modules from one pull request to the next, as a cache would; the lock is the same.
    const install = existsSync(join(runner, 'node_modules')) ? undefined : await bash(step('Install'), runner, env);
    const compare = await bash(step('Compare with the base branch'), runner, env);
    const published = await bash(step('Job summary'), runner, { ...env, GITHUB_STEP_SUMMARY: summary });
    return { install, compare, published, summary: existsSync(summary) ? readFileSync(summary, 'utf8') : '' };
  };
  const slower = await pullRequest('slower');
  const unchanged = await pullRequest('unchanged');

  it('writes an example scenario and the workflow, and refuses to overwrite them', () => {
    expect(init.exitCode, init.all).toBe(0);
    expect(init.stdout).toMatch(/wrote threadbench\/example\.mjs\nwrote \.github\/workflows\/threadbench\.yml/);
    expect(again.exitCode, again.all).toBe(2);
    expect(again.stderr).toMatch(/^threadbench init: Expected to write .* already there: nothing written$/m);
    expect(readFileSync(example, 'utf8')).toBe(written);
  });

  it('writes an example that runs in every variant, its threadpool form included, with one digest', () => {
    expect(exampleRun.exitCode, exampleRun.all).toBe(0);
    const rows = readCsv(join(project, 'results', 'example.csv'));
    expect(rows.map((row) => `${row.variant}:${row.status}`)).toEqual([
      'sync:ok',
      'libuv-async:ok',
      'libuv-async:ok',
      'spawn-per-task:ok',
      'pooled:ok',
      'pooled:ok',
    ]);
    expect(new Set(rows.map((row) => row.digest)).size).toBe(1);
  });

  it('flags the pull request that slows the kernel, with the installed threadbench on both sides', () => {
    expect(slower.install?.exitCode, slower.install?.all).toBe(0);
    expect(slower.compare.exitCode, slower.compare.all).toBe(1);
    expect(slower.compare.all).toMatch(
      /measuring your scenarios .* at both refs with threadbench \S+ from .*runner\/node_modules\/threadbench\//,
    );
    expect(slower.compare.all).toMatch(/base: setup: the same package-lock\.json as this checkout: linking its node_modules/);
    expect(slower.published.exitCode, slower.published.all).toBe(0);
    expect(slower.summary).toMatch(/sieve\/limit=200000\/sync\/1.*regression/);
  });

  it('passes the pull request that changes nothing measured', () => {
    expect(unchanged.compare.exitCode, unchanged.compare.all).toBe(0);
    expect(unchanged.summary).toMatch(/sieve\/limit=200000\/sync\/1.*unchanged/);
  });
});
