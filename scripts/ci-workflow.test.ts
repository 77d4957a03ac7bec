// The GitHub workflow's Node matrix and the Nodes .ci/run smoke-checks here are one list: a
// version added to or dropped from one and not the other would leave a Node checked in one CI only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../test/helpers.js';

const workflow = parse(readFileSync(join(projectRoot, '.github/workflows/ci.yml'), 'utf8')) as {
  jobs: Record<string, { strategy?: { matrix?: { node?: number[] } }; steps: { run?: string; with?: Record<string, unknown> }[] }>;
};
const pinned = JSON.parse(readFileSync(join(projectRoot, '.ci/node-versions/package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

describe('the CI workflow', () => {
  it('smoke-checks the Node majors .ci/node-versions pins, each on its own Node', () => {
    const majors = Object.values(pinned.dependencies).map((spec) => Number(/@(\d+)\./.exec(spec)?.[1]));
    expect(workflow.jobs.smoke?.strategy?.matrix?.node).toEqual(majors);
    expect(workflow.jobs.smoke?.steps.map((step) => step.run).filter(Boolean)).toContain('node dist/scripts/node-smoke.js --this-node');
  });

  it("runs the README's test command on the machine's Node", () => {
    expect(workflow.jobs.test?.steps.map((step) => step.run)).toContain('npm test');
  });
});
