// What `threadbench init` writes into a user's project: an example scenario (JavaScript or
// TypeScript, as the project is) and a GitHub Actions workflow that gates pull requests on it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export type ScenarioLanguage = 'js' | 'ts';

export interface ProjectTraits {
  readonly language: ScenarioLanguage;
  /** The install command its lock file asks for, for the workflow (npm ci without one). */
  readonly install: string;
  /** Its build script's command, where package.json has one: head is built as base is. */
  readonly build?: string;
  /** A file naming the project's Node version (.nvmrc, .node-version), for setup-node. */
  readonly nodeVersionFile?: string;
}

/** The scenario directory the gate measures (and `compare --base-ref` looks for) in a user's project. */
export const scenarioDir = 'threadbench';
export const workflowPath = join('.github', 'workflows', 'threadbench.yml');

export function exampleScenarioPath(language: ScenarioLanguage): string {
  // .mjs / .mts: ES modules whatever the package's "type" says.
  return join(scenarioDir, language === 'ts' ? 'example.mts' : 'example.mjs');
}

export function nodeVersionFileOf(dir: string): string | undefined {
  return ['.nvmrc', '.node-version'].find((name) => existsSync(join(dir, name)));
}

export function exampleScenario(language: ScenarioLanguage): string {
  const ts = language === 'ts';
  const jobType = ts
    ? `
interface Job {
  readonly password: string;
  readonly salt: string;
  readonly iterations: number;
}
`
    : '';
  const job = ts ? 'job: Job' : 'job';
  const inputType = ts ? ': Job' : '';
  return `// A threadbench scenario: one workload, which threadbench runs on the main thread (sync), on
// libuv's threadpool (libuv-async, from runAsync), in a new worker per task and in worker pools,
// and checks that every variant computes the same result. Replace the kernel with your own code
// (import it from your sources) and keep the shape; add more files beside this one.
//   npx threadbench bench --scenarios ${scenarioDir} --quick   what to run it on, measured here
//   npx threadbench list --scenarios ${scenarioDir}            its parameters and variants
// The workflow in ${workflowPath} measures it at a pull request's base and head.
import { pbkdf2, pbkdf2Sync } from 'node:crypto';
import { promisify } from 'node:util';
import { defineScenario } from 'threadbench';

const pbkdf2Async = promisify(pbkdf2);
${jobType}
export default defineScenario({
  // Lower case, digits and dashes: the first part of every cell's id.
  name: 'example-pbkdf2',
  description: 'PBKDF2-SHA256 key derivation (replace with your own kernel)',
  // Every combination is a cell; the smallest value first: --quick takes it.
  params: { iterations: [1000, 20000] },
  // The input of task \`index\`: deterministic and structured-cloneable (it is copied to workers).
  input: ({ iterations }, index)${inputType} => ({ password: \`password-\${index}\`, salt: 'threadbench', iterations }),
  // The kernel, synchronous. It must return its result: the digest compares the variants.
  run: (${job}) => pbkdf2Sync(job.password, job.salt, job.iterations, 32, 'sha256').toString('hex'),
  // The same work through Node's threadpool API; without one, say why: noThreadpoolForm: '…'.
  runAsync: async (${job}) => (await pbkdf2Async(job.password, job.salt, job.iterations, 32, 'sha256')).toString('hex'),
});
`;
}

export function gateWorkflow(traits: ProjectTraits): string {
  const node = traits.nodeVersionFile === undefined ? 'node-version: lts/*' : `node-version-file: ${traits.nodeVersionFile}`;
  const corepack = traits.install.startsWith('npm ') ? '' : `\n      - name: Package manager\n        run: corepack enable`;
  const build = traits.build === undefined ? '' : `\n      - name: Build\n        run: ${traits.build}`;
  return `# threadbench's regression gate, written by \`npx threadbench init\`. On every pull request it
# measures your scenarios (./${scenarioDir}) at the base branch and at the head, interleaved in this
# one job: both sides back to back, round after round, so that a moment of a noisy runner hits
# both alike. The comparison goes to the job summary; the job fails (exit 1) on a change beyond
# noise and beyond 5% that makes a cell slower. threadbench compare --help: every option.
name: threadbench

on:
  pull_request:

permissions:
  contents: read
  # To post the comparison on the pull request as well, uncomment this line and the last step.
  # (Pull requests from forks get a read-only token: there, the job summary is what there is.)
  # pull-requests: write

env:
  # What each side measures (threadbench bench's flags) and how many interleaved rounds: more
  # rounds see smaller changes, each round costs one run of the matrix on both sides.
  BENCH: --quick --scenarios ${scenarioDir}
  ROUNDS: 20

jobs:
  gate:
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0 # the base branch's history, which the A/B checks out beside this one
      - uses: actions/setup-node@v4
        with:
          ${node}${corepack}
      - name: Install
        run: ${traits.install}${build}
      - name: Compare with the base branch
        run: npx threadbench compare --base-ref "origin/$BASE_REF" --rounds "$ROUNDS" --bench "$BENCH" --markdown threadbench.md
        env:
          BASE_REF: \${{ github.base_ref }}
      - name: Job summary
        if: \${{ !cancelled() }}
        run: if [ -f threadbench.md ]; then cat threadbench.md >> "$GITHUB_STEP_SUMMARY"; fi
      # - name: Comment on the pull request
      #   if: \${{ !cancelled() }}
      #   run: if [ -f threadbench.md ]; then gh pr comment "$PR" --body-file threadbench.md; fi
      #   env:
      #     GH_TOKEN: \${{ github.token }}
      #     PR: \${{ github.event.pull_request.number }}
`;
}
