// The pull-request workflow's own commands, run as written in .github/workflows/bench.yml on a tiny
// matrix: its shard steps (interleaved A/B against "origin/main"), then its merge and compare
// steps. GitHub's actions (checkout, artifacts) are stood in for by a git repository and a copy.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkoutCopy, projectRoot } from '../test/helpers.js';

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly env: Record<string, string | number>;
  readonly jobs: Record<string, { readonly steps: readonly Step[] }>;
}

const workflow = parse(readFileSync(join(projectRoot, '.github/workflows/bench.yml'), 'utf8')) as Workflow;

function step(job: string, name: string): Step & { readonly run: string } {
  const found = workflow.jobs[job]?.steps.find((s) => s.name === name);
  if (found?.run === undefined) throw new Error(`bench.yml has no step "${name}" with a run script in job ${job}`);
  return { ...found, run: found.run };
}

/** Runs a step's script the way GitHub runs `run:` with bash: -e, -o pipefail. */
function runStep(script: string, cwd: string, env: Record<string, string>) {
  return execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, reject: false, all: true });
}

describe('the pull-request workflow, as written in bench.yml', async () => {
  const repo = await checkoutCopy('threadbench-workflow-');
  const rounds = 2;
  const env = {
    ...Object.fromEntries(Object.entries(workflow.env).map(([name, value]) => [name, String(value)])),
    ROUNDS: String(rounds),
    // Two scenario-and-params groups, so that each of the two shards has one.
    BENCH:
      '--quick --warmup 0 --time 50 --scenarios dist/test/fixtures/scenarios --scenario steady --param size=10,20 --variant sync,pooled --threads 1',
  };
  const shardStep = step('ab', 'Interleaved A/B rounds (base and head alternating)');
  const shards: Awaited<ReturnType<typeof runStep>>[] = [];
  for (const shard of ['1', '2']) {
    // What GitHub puts in the step's env from the PR and the job matrix.
    const stepEnv = { ...env, ...shardStep.env, BASE_REF: 'main', SHARD: shard };
    const run = await runStep(shardStep.run, repo, stepEnv);
    shards.push(run);
    if (run.exitCode !== 0) break;
    // upload-artifact of results/ab/, then download-artifact into shards/ab-shard-<n>/.
    cpSync(join(repo, 'results', 'ab'), join(repo, 'shards', `ab-shard-${shard}`), { recursive: true });
    rmSync(join(repo, 'results', 'ab'), { recursive: true });
  }
  const merged = await runStep(step('compare', 'Merge the shards').run, repo, env);
  const compared = await runStep(step('compare', 'Compare base and head').run, repo, env);

  it('runs each shard step: A/B rounds of its share of the matrix, each cell on both sides back to back', () => {
    for (const run of shards) expect(run.exitCode, run.all).toBe(0);
    expect(shards[0]?.all).toMatch(/round 2\/2: 2 cells, base and head back to back/);
  });

  it('merges the shards, each side one file with every round', () => {
    expect(merged.exitCode, merged.all).toBe(0);
    expect(merged.all).toMatch(/merge: 8 cells from 2 pieces: results\/merged\/head\.csv/);
  });

  it('compares every cell of both shards, measured on both sides, with the paired test', () => {
    // An A/A: a regression verdict (exit 1) would be a 5% false alarm, not a broken pipeline.
    expect([0, 1], compared.all).toContain(compared.exitCode);
    const comparison = JSON.parse(readFileSync(join(repo, 'results', 'comparison.json'), 'utf8')) as {
      unit: string;
      cells: { id: string; verdict: string }[];
    };
    expect(comparison.unit).toBe('paired');
    expect(comparison.cells.map((cell) => cell.id).sort()).toEqual([
      'steady/size=10/pooled/1',
      'steady/size=10/sync/1',
      'steady/size=20/pooled/1',
      'steady/size=20/sync/1',
    ]);
    for (const cell of comparison.cells) expect(['unchanged', 'improvement', 'regression'], cell.id).toContain(cell.verdict);
  });
});
