import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepError, UsageError } from '../plan/errors.js';
import { abBenchArgs } from './ab-run.js';
import { defaultSetup, prepareCheckout } from './checkout.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-checkout-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('defaultSetup', () => {
  it("installs what the lock file pins, with its package manager, then runs the project's build script", () => {
    expect(defaultSetup(project({ 'package-lock.json': '{}', 'package.json': '{}' }), 'user')).toBe('npm ci');
    expect(defaultSetup(project({ 'pnpm-lock.yaml': '', 'package.json': '{"scripts":{"build":"tsc"}}' }), 'user')).toBe(
      'pnpm install --frozen-lockfile && pnpm run build',
    );
    expect(defaultSetup(project({ 'yarn.lock': '' }), 'user')).toBe('yarn install --frozen-lockfile');
    expect(defaultSetup(project({ 'package.json': '{}' }), 'user')).toBe('npm install');
  });

  it("builds threadbench's own checkout with tsc, whatever its scripts say", () => {
    expect(defaultSetup(project({ 'package-lock.json': '{}', 'package.json': '{"name":"threadbench"}' }), 'threadbench')).toBe(
      'npm ci && npx tsc -p .',
    );
  });
});

describe('prepareCheckout', () => {
  it('runs --setup as given, and a failing one is one line naming the step and the end of its output', async () => {
    const dir = project({});
    const lines: string[] = [];
    await prepareCheckout(dir, dir, 'user', 'echo ready > setup.txt', 'base', (line) => lines.push(line));
    expect(lines).toEqual(['base: setup: echo ready > setup.txt']);
    const failing = prepareCheckout(dir, dir, 'user', 'echo "missing module" >&2; exit 7', 'head', () => {});
    await expect(failing).rejects.toBeInstanceOf(StepError);
    await expect(failing).rejects.toThrow(/^the head checkout's setup step ".*" exited with code 7: missing module$/);
  });
});

describe('abBenchArgs', () => {
  const user = { kind: 'user', gitRoot: '/', prefix: '' } as const;

  it("measures threadbench's own scenarios --quick in its own repository", () => {
    expect(abBenchArgs({ ...user, kind: 'threadbench' }, undefined, '/')).toEqual(['--quick']);
  });

  it("measures a user's ./threadbench by default, and refuses a project without it or a --bench that names no scenarios", () => {
    const withDir = mkdtempSync(join(tmpdir(), 'threadbench-checkout-'));
    expect(() => abBenchArgs(user, undefined, withDir)).toThrow(UsageError);
    expect(() => abBenchArgs(user, undefined, withDir)).toThrow(/^Expected your scenarios in \.\/threadbench/);
    expect(() => abBenchArgs(user, ['--quick'], withDir)).toThrow(/^Expected --bench to name your scenarios/);
    expect(abBenchArgs(user, ['--quick', '--scenarios', 'bench'], withDir)).toEqual(['--quick', '--scenarios', 'bench']);
  });
});
