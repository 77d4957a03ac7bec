// `npm run bench:process-modes [-- --processes 16 --limit 2000000]`: does a kernel run at one speed
// in every fresh process? The prime-sieve kernel (a fresh 2 MB Uint8Array a call) in fresh
// processes pinned to one vCPU, the host probe read in each, under two settings taken in turn:
// - `default`: glibc's malloc as Node gets it, whose mmap threshold moves the first time a large
//   block is freed, at a moment V8's garbage collector decides;
// - `heap, kept`: GLIBC_TUNABLES fixing large blocks on the heap and the heap never trimmed, so that
//   no call faults its buffer's pages in afresh.
// A process whose kernel runs 1.25x or more above the fastest process's time is at a slow level. If
// the default setting splits processes into levels while the host probe reads its usual in each,
// and the kept heap does not, the levels are the allocator's, not the host's.
//
// Prints a Markdown table and keeps it, with every process's reading, as dated evidence.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { allowedCpus } from '../harness/measure/allowed-cpus.js';
import { median } from '../harness/measure/median.js';
import { commitOf, evidenceDirAt } from './evidence-dir.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const child = fileURLToPath(new URL('./process-modes-child.js', import.meta.url));
const slowLevelFactor = 1.25;
const settings = {
  default: {},
  'heap, kept': { GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=8388608:glibc.malloc.trim_threshold=134217728' },
} as const satisfies Record<string, Record<string, string>>;
type Setting = keyof typeof settings;
/** This process's environment without what would change the allocator or Node's flags: the default is glibc's own. */
const baseEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== 'GLIBC_TUNABLES' && name !== 'NODE_OPTIONS' && !name.startsWith('MALLOC_')),
);

interface Reading {
  readonly setting: Setting;
  readonly ms: number;
  readonly userMs: number;
  readonly systemMs: number;
  readonly hostMbps: number;
}

const { values } = parseArgs({ options: { processes: { type: 'string', default: '16' }, limit: { type: 'string', default: '2000000' } } });
const processes = Number(values.processes);
const limit = Number(values.limit);
if (!Number.isSafeInteger(processes) || processes < 2 || !Number.isSafeInteger(limit) || limit < 2) {
  console.error('bench:process-modes: Expected --processes and --limit to be whole numbers, 2 or more');
  process.exit(2);
}
// The last allowed vCPU, not vCPU 0, which takes more of the machine's interrupts.
const vcpu = allowedCpus().at(-1) ?? 0;
const startedAt = new Date();
const readings: Reading[] = [];
// The settings in turn, process by process: both see the same moments of the host.
for (let index = 0; index < processes; index++) {
  for (const setting of Object.keys(settings) as Setting[]) {
    const run = await execa('taskset', ['-c', String(vcpu), process.execPath, child, String(limit)], {
      env: { ...baseEnv, ...settings[setting] },
      extendEnv: false,
    });
    readings.push({ setting, ...(JSON.parse(run.stdout) as Omit<Reading, 'setting'>) });
  }
}

const fastest = Math.min(...readings.map((reading) => reading.ms));
const fixed = (value: number | undefined, digits = 2) => (value === undefined ? 'n/a' : value.toFixed(digits));
const lines = [
  `Process modes, ${startedAt.toISOString().slice(0, 16)} UTC, commit ${await commitOf(projectRoot)}, ${cpus()[0]?.model ?? 'cpu'}, availableParallelism ${availableParallelism()}, Node ${process.version}, vCPU ${vcpu}, prime-sieve limit ${limit}, ${processes} processes a setting`,
  '',
  `Each process: the kernel warmed 500 ms, then 15 calls timed; its median call, and CPU time a call split into user and system. Slow level: ${slowLevelFactor}x or more above the fastest process (${fixed(fastest)} ms).`,
  '',
  '| setting | processes at a slow level | median call, ms (each process, in order) | user ms a call (median) | system ms a call (median) | host probe MB/s (median) |',
  '| --- | --: | --- | --: | --: | --: |',
  ...(Object.keys(settings) as Setting[]).map((setting) => {
    const own = readings.filter((reading) => reading.setting === setting);
    const slow = own.filter((reading) => reading.ms >= fastest * slowLevelFactor).length;
    return `| ${setting} | ${slow} of ${own.length} | ${own.map((reading) => fixed(reading.ms, 1)).join(' ')} | ${fixed(median(own.map((r) => r.userMs)))} | ${fixed(median(own.map((r) => r.systemMs)))} | ${fixed(median(own.map((r) => r.hostMbps)), 0)} |`;
  }),
];
const report = lines.join('\n');
console.log(report);
const dir = evidenceDirAt(projectRoot, 'process-modes', startedAt);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'README.md'), `${report}\n`);
writeFileSync(join(dir, 'readings.jsonl'), `${readings.map((reading) => JSON.stringify(reading)).join('\n')}\n`);
console.log(`\nevidence: ${dir}`);
