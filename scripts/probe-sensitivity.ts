// `npm run bench:probe-sensitivity [-- --seconds 150]`: does the host probe slow when the kernels
// slow? One process pinned to each vCPU (`taskset`) times every shipped kernel that needs no files,
// the host probe, and the probe it replaced, every 300 ms, all vCPUs at once. For each kernel, the
// moments it ran `hostSlowedFactor` below its usual speed, and how many of them each probe also
// read that far below its own: a probe that misses them cannot set aside the rounds they slowed.
//
// Prints a Markdown table and keeps it, with every moment's readings, as dated evidence.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { allowedCpus } from '../harness/measure/allowed-cpus.js';
import { hostSlowedFactor } from '../harness/results/fold-rounds.js';
import { commitOf, evidenceDirAt } from './evidence-dir.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./probe-sensitivity-child.js', import.meta.url));
const probes = ['probe: pbkdf2-sha512', 'probe: sha256 (before)'];

type Moment = Record<string, number>;

/** The usual speed of a column: its 90th percentile over every vCPU's moments (alike vCPUs, one slowed for long, still have one usual). */
function usualOf(moments: readonly Moment[], column: string): number {
  const sorted = moments
    .map((m) => m[column] ?? Number.NaN)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return sorted[Math.floor(0.9 * (sorted.length - 1))] ?? Number.NaN;
}

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '150' } } });
const seconds = Number(values.seconds);
const vcpus = allowedCpus();
const startedAt = new Date();
const byVcpu = await Promise.all(
  vcpus.map(async (vcpu) => {
    const run = await execa('taskset', ['-c', String(vcpu), process.execPath, child, String(seconds)]);
    return run.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => ({ vcpu, ...(JSON.parse(line) as Moment) }));
  }),
);
const moments = byVcpu.flat();
const columns = Object.keys(moments[0] ?? {}).filter((column) => column !== 'vcpu');
const usual = new Map(columns.map((column) => [column, usualOf(moments, column)]));
const slowedOn = (m: Moment, column: string) => (m[column] ?? Number.NaN) * hostSlowedFactor < (usual.get(column) ?? Number.NaN);
const share = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${part} of ${whole} (${((100 * part) / whole).toFixed(0)}%)`);

const lines = [
  `Probe sensitivity, ${startedAt.toISOString().slice(0, 16)} UTC, commit ${await commitOf(projectRoot)}, ${cpus()[0]?.model ?? 'cpu'}, availableParallelism ${availableParallelism()}, vCPUs ${vcpus.join(',')}, ${seconds} s, ${moments.length} moments`,
  '',
  `A moment is slowed for a kernel when it ran ${hostSlowedFactor}× below its usual speed (90th percentile over all vCPUs). Each probe column: of those moments, how many the probe read ${hostSlowedFactor}× below its own usual.`,
  '',
  `| kernel | slowed moments | ${probes.join(' | ')} |`,
  `| --- | --- | ${probes.map(() => '---').join(' | ')} |`,
  ...columns
    .filter((column) => !probes.includes(column))
    .map((kernel) => {
      const slowed = moments.filter((m) => slowedOn(m, kernel));
      const caught = probes.map((probe) => share(slowed.filter((m) => slowedOn(m, probe)).length, slowed.length));
      return `| ${kernel} | ${share(slowed.length, moments.length)} | ${caught.join(' | ')} |`;
    }),
  '',
  `Moments each probe read slowed: ${probes.map((probe) => `${probe} ${share(moments.filter((m) => slowedOn(m, probe)).length, moments.length)}`).join('; ')}.`,
];
process.stdout.write(`${lines.join('\n')}\n`);
const dir = evidenceDirAt(projectRoot, 'probe-sensitivity', startedAt);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'README.md'), `${lines.join('\n')}\n`);
writeFileSync(join(dir, 'moments.jsonl'), moments.map((m) => JSON.stringify(m)).join('\n'));
process.stderr.write(`kept in ${dir}\n`);
