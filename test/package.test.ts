// threadbench as a user gets it: `npm pack`, installed from the tarball into a fresh project
// outside this repository: its binary, the types it ships, what it leaves out. A project's own
// scenario run through it, as the README says, is test/own-project.test.ts.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from './helpers.js';

const project = mkdtempSync(join(tmpdir(), 'threadbench-user-'));
const tsc = join(projectRoot, 'node_modules/.bin/tsc');
const manifest: { peerDependencies: Record<string, string> } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
const doctorPeer = manifest.peerDependencies['@clinic/doctor'];
const inProject = (command: string, args: readonly string[]) => execa(command, [...args], { cwd: project, reject: false, all: true });

const squareScenario = `import { defineScenario } from 'threadbench';

export default defineScenario({
  name: 'square',
  description: 'squares a number, the slow way',
  params: { n: [2000, 4000] },
  input: ({ n }, index) => ({ n: n + index }),
  run: ({ n }) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += n;
    return sum;
  },
  noThreadpoolForm: 'plain JavaScript',
});
`;

beforeAll(async () => {
  const packed = await execa('npm', ['pack', '--silent', '--pack-destination', project], { cwd: projectRoot });
  const tarball = join(project, packed.stdout.trim().split('\n').at(-1) ?? '');
  await execa('npm', ['init', '-y'], { cwd: project });
  await execa('npm', ['pkg', 'set', 'type=module'], { cwd: project });
  await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project });
}, 300_000);

describe('an installed threadbench', () => {
  it('lists the built-in scenarios when given none of its own', async () => {
    const list = await inProject('npx', ['threadbench', 'list']);
    expect(list.exitCode, list.all).toBe(0);
    expect(list.stdout).toMatch(/^pbkdf2: /m);
  });

  it('type-checks a TypeScript scenario against the types it ships, and rejects one whose async form disagrees', async () => {
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true, noEmit: true, types: [] }, include: ['*.ts'] }),
    );
    writeFileSync(join(project, 'square.ts'), squareScenario);
    const good = await execa(tsc, ['-p', '.'], { cwd: project, reject: false, all: true });
    expect(good.exitCode, good.all).toBe(0);
    writeFileSync(
      join(project, 'wrong.ts'),
      squareScenario.replace("noThreadpoolForm: 'plain JavaScript',", 'runAsync: async ({ n }) => String(n * n),'),
    );
    const wrong = await execa(tsc, ['-p', '.'], { cwd: project, reject: false, all: true });
    expect(wrong.exitCode).not.toBe(0);
    // The kernel's output type and its async form's must agree: the digest compares them.
    expect(wrong.all).toMatch(/wrong\.ts\(\d+,\d+\): error TS2322: Type '[^']*=> number' is not assignable to type '[^']*=> string'/);
  });

  it('leaves the browser and Clinic Doctor out of the install, and says how to add Doctor when asked for it', async () => {
    const installed = readdirSync(join(project, 'node_modules'));
    expect(installed).not.toContain('playwright-core');
    expect(existsSync(join(project, 'node_modules/@clinic/doctor'))).toBe(false);
    const doctor = await inProject('npx', ['threadbench', 'doctor', '--scenario', 'pbkdf2']);
    expect(doctor.exitCode).toBe(2);
    expect(doctor.stderr.trim()).toBe(
      `threadbench doctor: Expected @clinic/doctor to be installed for threadbench doctor, found none: npm install --save-dev @clinic/doctor@${doctorPeer}`,
    );
  });
});
