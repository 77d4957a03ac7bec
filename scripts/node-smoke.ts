// `npm run smoke:node` (and .ci/run, after the suite): threadbench as a user gets it, packed and
// installed into a scratch project, run under every Node that .ci/node-versions pins (Linux x64
// binaries from the npm registry) besides the machine's own, which the suite covers: a --quick
// bench of two scenarios in every variant, a report of it, a compare of two files, and a user's
// TypeScript scenario run unbuilt (each of these Nodes strips types), and Doctor (Clinic.js, the
// optional peer, installed as docs/guide/doctor.md says) on a blocking and a pooled cell. Every cell must be
// ok (or n/a where a variant does not apply) and every command exit 0. Exit 0 when each version passes, 1 when one does not.
// With --this-node it checks only the Node it runs on: what the CI workflow's matrix does per version.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { exitCodes, runCli } from '../harness/cli/run-cli.js';
import { readCsvTable } from '../harness/results/csv-read.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const versionsDir = join(projectRoot, '.ci/node-versions');
/** Two scenarios with a threadpool form, so that every variant applies and every cell must be ok. */
const benchArgs = ['--quick', '--scenario', 'pbkdf2,gzip'];

/** A user's scenario in TypeScript, unbuilt: where Node strips types, cells and workers import it as it is. */
const typeScriptScenario = `import { defineScenario } from 'threadbench';

interface Job {
  readonly n: number;
}

export default defineScenario({
  name: 'square',
  description: 'squares a number, the slow way, typed',
  params: { n: [2000] },
  input: ({ n }: { n: number }, index: number): Job => ({ n: n + index }),
  run: ({ n }: Job): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += n;
    return sum;
  },
  noThreadpoolForm: 'plain JavaScript',
});
`;

interface Check {
  readonly what: string;
  readonly ok: boolean;
  readonly detail: string;
}

async function main(): Promise<number> {
  // `--this-node`: only the Node running this script (a CI job per version sets it up itself).
  const nodes = process.argv.includes('--this-node') ? [process.execPath] : await installedNodes();
  const project = await installPackedThreadbench();
  const cli = join(project, 'node_modules/threadbench/dist/harness/cli/main.js');
  let failed = 0;
  for (const node of nodes) {
    const version = (await execa(node, ['--version'])).stdout.trim();
    const checks = await smokeCheck(node, cli, project, version);
    const bad = checks.filter((check) => !check.ok);
    failed += bad.length > 0 ? 1 : 0;
    process.stdout.write(
      `node ${version}: ${checks.map((check) => `${check.what} ${check.detail}`).join('; ')}${bad.length > 0 ? ' FAILED' : ''}\n`,
    );
    for (const check of bad) process.stdout.write(`  ${check.what}: ${check.detail}\n`);
  }
  return failed > 0 ? exitCodes.resultSaysNo : exitCodes.ok;
}

/** The pinned Node binaries, installed from the lock file the first time. */
async function installedNodes(): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(versionsDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const names = Object.keys(manifest.dependencies);
  const binary = (name: string) => join(versionsDir, 'node_modules', name, 'bin/node');
  if (!names.every((name) => existsSync(binary(name)))) {
    await execa('npm', ['ci', '--no-audit', '--no-fund'], { cwd: versionsDir });
  }
  return names.map(binary);
}

/** `npm pack` of this checkout, installed into a fresh project outside it, as a user would. */
async function installPackedThreadbench(): Promise<string> {
  const project = mkdtempSync(join(tmpdir(), 'threadbench-smoke-'));
  const packed = await execa('npm', ['pack', '--silent', '--pack-destination', project], { cwd: projectRoot });
  const tarball = join(project, packed.stdout.trim().split('\n').at(-1) ?? '');
  await execa('npm', ['init', '-y'], { cwd: project });
  await execa('npm', ['pkg', 'set', 'type=module'], { cwd: project });
  mkdirSync(join(project, 'ts-scenarios'));
  writeFileSync(join(project, 'ts-scenarios', 'square.ts'), typeScriptScenario);
  // Doctor's peer at the version this package declares, as docs/guide/doctor.md's install line says.
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
  const doctor = `@clinic/doctor@${manifest.peerDependencies['@clinic/doctor']}`;
  await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, doctor], { cwd: project });
  return project;
}

async function smokeCheck(node: string, cli: string, project: string, version: string): Promise<Check[]> {
  const dir = mkdtempSync(join(project, 'run-'));
  const run = (args: readonly string[]) => execa(node, [cli, ...args], { cwd: project, reject: false, all: true });
  const csv = join(dir, 'run.csv');
  const bench = await run(['bench', ...benchArgs, '--out', csv]);
  const rows = existsSync(csv) ? readCsvTable(csv).rows : [];
  const notOk = rows.filter((row) => row.status !== 'ok');
  // The rows say which Node ran them; cell processes start from the same binary (execa's nodePath).
  const otherNode = rows.filter((row) => row.node_version !== version);
  // Each of these Nodes has process.threadCpuUsage(): the main thread's share, never above the process's.
  const mainCpuAbsent = rows.filter(
    (row) =>
      row.status === 'ok' && !(row.main_cpu_ms_per_task !== '' && Number(row.main_cpu_ms_per_task) <= Number(row.cpu_ms_per_task) * 1.001),
  );
  const checks: Check[] = [
    {
      what: 'bench',
      ok: bench.exitCode === 0 && rows.length > 0 && notOk.length === 0 && otherNode.length === 0 && mainCpuAbsent.length === 0,
      detail:
        `exit ${bench.exitCode}, ${rows.length - notOk.length} of ${rows.length} cells ok` +
        notOk.map((row) => `; ${row.cell} ${row.status}: ${row.error}`).join('') +
        (otherNode.length > 0 ? `; ${otherNode.length} rows say another Node (${otherNode[0]?.node_version})` : '') +
        (mainCpuAbsent.length > 0 ? `; ${mainCpuAbsent.length} rows without a main-thread CPU time within the process's` : '') +
        (bench.exitCode === 0 ? '' : `; ${lastLine(bench.all)}`),
    },
  ];
  if (rows.length === 0) return checks;
  const report = await run(['report', csv, '--out', join(dir, 'report.html')]);
  checks.push({
    what: 'report',
    ok: report.exitCode === 0,
    detail: `exit ${report.exitCode}${report.exitCode === 0 ? '' : `: ${lastLine(report.all)}`}`,
  });
  // A second file of the same cells: the comparison's reading, statistics and output under this Node.
  const again = join(dir, 'again.csv');
  copyFileSync(csv, again);
  copyFileSync(csv.replace(/\.csv$/, '.samples.csv'), again.replace(/\.csv$/, '.samples.csv'));
  const compare = await run(['compare', csv, again]);
  checks.push({
    what: 'compare',
    ok: compare.exitCode === 0,
    detail: `exit ${compare.exitCode}${compare.exitCode === 0 ? '' : `: ${lastLine(compare.all)}`}`,
  });
  // A TypeScript scenario, unbuilt, in every variant: workers import the .ts file as the cell process does.
  const tsCsv = join(dir, 'ts.csv');
  const typed = await run(['bench', '--scenarios', './ts-scenarios', '--quick', '--out', tsCsv]);
  const typedRows = existsSync(tsCsv) ? readCsvTable(tsCsv).rows : [];
  const typedBad = typedRows.filter((row) => row.status !== 'ok' && row.status !== 'n/a');
  const variants = new Set(typedRows.filter((row) => row.status === 'ok').map((row) => row.variant));
  checks.push({
    what: 'TypeScript scenario',
    ok:
      typed.exitCode === 0 &&
      typedBad.length === 0 &&
      ['sync', 'spawn-per-task', 'pooled'].every((v) => variants.has(v)) &&
      // Its spawn-per-task cell pays for stripping in every worker: the run says so.
      /^note: spawn-per-task on a TypeScript scenario/m.test(typed.stderr),
    detail:
      `exit ${typed.exitCode}, ${typedRows.length - typedBad.length} of ${typedRows.length} cells ok or n/a` +
      typedBad.map((row) => `; ${row.cell} ${row.status}: ${row.error}`).join('') +
      (typed.exitCode === 0 ? '' : `; ${lastLine(typed.all)}`),
  });
  checks.push(await doctorCheck(run, dir));
  return checks;
}

/**
 * Doctor on pbkdf2's sync and pooled cells: both diagnosed, threadbench's own verdict right on each
 * (sync blocks the main thread, pooled does not), and what Doctor itself called them, for the record.
 */
async function doctorCheck(
  run: (args: readonly string[]) => Promise<{ exitCode?: number | undefined; all?: string | undefined }>,
  dir: string,
): Promise<Check> {
  const out = join(dir, 'doctor');
  const doctor = await run([
    'doctor',
    '--scenario',
    'pbkdf2',
    '--variant',
    'sync,pooled',
    '--threads',
    '2',
    '--duration',
    '4000',
    '--out',
    out,
  ]);
  const csv = existsSync(out) ? readdirSync(out).find((name) => name.endsWith('.csv')) : undefined;
  const rows = csv === undefined ? [] : readCsvTable(join(out, csv)).rows;
  const verdict = rows.map((row) => `${row.variant} ${row.doctor_status} blocked=${row.blocked_main} doctor=${row.doctor_category}`);
  return {
    what: 'doctor',
    ok:
      doctor.exitCode === 0 &&
      rows.length === 2 &&
      rows.every((row) => row.doctor_status === 'ok') &&
      rows.find((row) => row.variant === 'sync')?.blocked_main === 'true' &&
      rows.find((row) => row.variant === 'pooled')?.blocked_main === 'false',
    detail: `exit ${doctor.exitCode}, ${verdict.join(', ')}${doctor.exitCode === 0 ? '' : `; ${lastLine(doctor.all)}`}`,
  };
}

function lastLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n').at(-1) ?? '';
}

runCli('threadbench smoke:node', main);
