// `threadbench init` before anything runs: what it writes where, and when it refuses. The files it
// writes are run for real in test/own-project.test.ts.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runThreadbench } from '../../../test/helpers.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-init-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
const init = (cwd: string, args: readonly string[] = []) => runThreadbench('init', args, cwd);

describe('threadbench init', () => {
  it('writes TypeScript where the project has a tsconfig.json, and a workflow that installs, builds and runs the gate', async () => {
    const dir = project({
      'package.json': '{"name":"app","scripts":{"build":"tsc"}}',
      'package-lock.json': '{}',
      'tsconfig.json': '{}',
      '.nvmrc': '24\n',
    });
    const run = await init(dir);
    expect(run.exitCode, run.all).toBe(0);
    expect(readFileSync(join(dir, 'threadbench', 'example.mts'), 'utf8')).toMatch(/run: \(job: Job\) =>/);
    const workflow = parse(readFileSync(join(dir, '.github', 'workflows', 'threadbench.yml'), 'utf8'));
    const steps: { name?: string; run?: string; with?: Record<string, unknown> }[] = workflow.jobs.gate.steps;
    expect(steps.find((s) => s.with?.['node-version-file'])?.with?.['node-version-file']).toBe('.nvmrc');
    expect(steps.find((s) => s.with?.['fetch-depth'] !== undefined)?.with?.['fetch-depth']).toBe(0);
    expect(steps.find((s) => s.name === 'Install')?.run).toBe('npm ci');
    expect(steps.find((s) => s.name === 'Build')?.run).toBe('npm run build');
    expect(steps.find((s) => s.name === 'Compare with the base branch')?.run).toMatch(
      /^npx threadbench compare --base-ref "origin\/\$BASE_REF"/,
    );
    expect(workflow.on).toHaveProperty('pull_request');
  });

  it('writes JavaScript (.mjs) without a tsconfig.json, or as --language says', async () => {
    const dir = project({ 'package.json': '{}' });
    expect((await init(dir)).exitCode).toBe(0);
    expect(existsSync(join(dir, 'threadbench', 'example.mjs'))).toBe(true);
    const bad = await init(project({ 'package.json': '{}' }), ['--language', 'rust']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('threadbench init: Expected --language to be js or ts, got "rust"');
  });

  it('refuses, writing nothing, where either file is already there or there is no package.json', async () => {
    const dir = project({ 'package.json': '{}' });
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.github', 'workflows', 'threadbench.yml'), 'mine\n');
    const refused = await init(dir);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/found \.github\/workflows\/threadbench\.yml already there: nothing written$/);
    expect(existsSync(join(dir, 'threadbench'))).toBe(false);
    expect(readFileSync(join(dir, '.github', 'workflows', 'threadbench.yml'), 'utf8')).toBe('mine\n');
    const bare = await init(project({}));
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toMatch(
      /^threadbench init: Expected to run in your project's directory \(its package\.json\), found no package\.json in /,
    );
  });
});
