// `npm run bench:selftest`: the figures the README quotes about the harness's own trustworthiness,
// measured on this machine, never asserted by a test:
//   gate   the interleaved A/B on the quick matrix of pbkdf2 and gzip: A/A repeats (false verdicts)
//          and a head whose pbkdf2 does 10% more iterations under the same name (regressions found)
//   repro  pairs of back-to-back budgeted runs of a subset: how far each cell's speedup moved between the two
//   floor  pairs of single quick runs of the same code: how far apart one run a side can land
//   check  `bench:check` (the A/B against results/baseline.csv's commit) on unchanged code, and
//          against a head whose pbkdf2 does 20% more iterations
//   server server mode's physics on pbkdf2 (scripts/selftest-server.ts)
//   calibration  back-to-back budgeted runs of the repro subset: of the cells a run does not mark
//          unstable, how many hold in their speedup interval the cell's median over all the runs;
//          and, run against run, how far each pbkdf2 cell's speedup moved; the runs' CSVs are kept in
//          results/calibration/, and `--from results/calibration` folds them again without running
// Writes a dated Markdown report to results/selftest-<time>.md and prints it; with --evidence, also
// into docs/evidence/<date>-<cpu>-<cores>/selftest-<time>/, with the calibration's runs.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { list, positiveInteger } from '../harness/cli/flags.js';
import { parseOptions } from '../harness/cli/parse-options.js';
import { exitCodes, runCli } from '../harness/cli/run-cli.js';
import { formatPercent } from '../harness/compare/output/format.js';
import { median } from '../harness/measure/median.js';
import { parseCellId } from '../harness/plan/cell.js';
import { UsageError } from '../harness/plan/errors.js';
import { samplesPathFor, summaryPathFor } from '../harness/results/csv-file.js';
import { readCsvTable } from '../harness/results/csv-read.js';
import { type CellSummary, foldRounds, runToRunLogSd, unstableHalfWidth } from '../harness/results/fold-rounds.js';
import { fileStamp } from '../harness/results/paths.js';
import { roundRecordsOf } from '../harness/results/round-record.js';
import { evidenceDirAt } from './evidence-dir.js';
import { serverPhysics } from './selftest-server.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const threadbench = join(projectRoot, 'dist/harness/cli/main.js');
const parts = ['gate', 'repro', 'floor', 'check', 'server', 'calibration'] as const;
type Part = (typeof parts)[number];

const gateBench = '--quick --scenario pbkdf2,gzip';
/** The subset repro and calibration run back to back, within a budget that gives its 16 cells several rounds each. */
const reproArgs = ['--scenario', 'pbkdf2,prime-sieve', '--variant', 'sync,libuv-async,pooled', '--threads', '1,2', '--budget', '90s'];

interface ComparisonJson {
  readonly unit: string;
  readonly cells: readonly { id: string; verdict: string; variant: string; scenario: string; change?: number; mde?: number }[];
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseOptions(argv, {
    part: { type: 'string' },
    repeats: { type: 'string' },
    rounds: { type: 'string' },
    runs: { type: 'string' },
    from: { type: 'string' },
    evidence: { type: 'boolean' },
  });
  const chosen = values.part === undefined ? [...parts] : list('--part', values.part).map(toPart);
  const repeats = values.repeats === undefined ? 3 : positiveInteger('--repeats', values.repeats);
  const rounds = values.rounds === undefined ? 20 : positiveInteger('--rounds', values.rounds);
  const runs = values.runs === undefined ? 10 : positiveInteger('--runs', values.runs);
  const work = mkdtempSync(join(tmpdir(), 'threadbench-selftest-'));
  const sections: string[] = [];
  const log = (line: string) => process.stderr.write(`selftest: ${line}\n`);
  try {
    if (chosen.includes('gate')) sections.push(await gate(work, repeats, rounds, log));
    if (chosen.includes('repro')) sections.push(await repro(work, repeats, log));
    if (chosen.includes('floor')) sections.push(await floor(work, repeats, log));
    if (chosen.includes('check')) sections.push(await check(work, repeats, log));
    if (chosen.includes('server')) sections.push(await serverPhysics(threadbench, projectRoot, work, log));
    if (chosen.includes('calibration'))
      sections.push(values.from === undefined ? await calibration(work, runs, log) : calibrationFrom(values.from));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const stamp = new Date();
  const head = (await execa('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: projectRoot })).stdout;
  const report = [
    `# threadbench self-test, ${stamp.toISOString().slice(0, 10)}`,
    '',
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores available, Node ${process.version}, commit ${head}.`,
    '',
    ...sections,
  ].join('\n');
  mkdirSync(join(projectRoot, 'results'), { recursive: true });
  const path = join(projectRoot, 'results', `selftest-${fileStamp(stamp)}.md`);
  writeFileSync(path, `${report}\n`);
  process.stdout.write(`${report}\n`);
  log(`written to ${path}`);
  if (values.evidence) log(`evidence: ${keepEvidence(report, stamp, chosen.includes('calibration') && values.from === undefined)}`);
  return exitCodes.ok;
}

/** The A/B on unchanged code (A/A), then against a head whose pbkdf2 does 10% more work. */
async function gate(work: string, repeats: number, rounds: number, log: (line: string) => void): Promise<string> {
  const lines = ['## Gate: interleaved A/B, quick matrix of pbkdf2 and gzip', '', `${rounds} rounds, \`--bench "${gateBench}"\`.`, ''];
  lines.push(
    '| run | wall | verdicts | false verdicts | pbkdf2 cells caught (not spawn-per-task) | gzip verdicts | typical could-see |',
    '|---|--:|---|--:|--:|--:|--:|',
  );
  const slower = await commitSlowerPbkdf2(work, 1.1);
  const runs: [string, string][] = [
    ...Array.from({ length: repeats }, (_, i): [string, string] => [`A/A ${i + 1}`, 'HEAD']),
    ['A/B: pbkdf2 +10% iterations', slower],
  ];
  for (const [name, headRef] of runs) {
    log(`gate: ${name}`);
    const started = Date.now();
    const comparison = await compareRun(work, name, [
      '--base-ref',
      'HEAD',
      '--head-ref',
      headRef,
      '--rounds',
      String(rounds),
      '--bench',
      gateBench,
    ]);
    const judged = comparison.cells.filter((c) => c.verdict === 'regression' || c.verdict === 'improvement');
    const kernelCells = comparison.cells.filter((c) => c.scenario === 'pbkdf2' && c.variant !== 'spawn-per-task' && c.verdict !== 'failed');
    const caught = kernelCells.filter((c) => c.verdict === 'regression').length;
    const isAa = headRef === 'HEAD';
    const mdes = comparison.cells.flatMap((c) => (c.mde !== undefined ? [c.mde] : [])).sort((a, b) => a - b);
    lines.push(
      `| ${name} | ${((Date.now() - started) / 60_000).toFixed(1)} min | ${judged.map((c) => `${c.id} ${c.verdict} ${formatPercent(c.change)}`).join('; ') || 'none'} | ` +
        `${isAa ? judged.length : judged.filter((c) => c.scenario !== 'pbkdf2').length} | ${isAa ? '' : `${caught} of ${kernelCells.length}`} | ` +
        `${comparison.cells.filter((c) => c.scenario === 'gzip' && (c.verdict === 'regression' || c.verdict === 'improvement')).length} | ±${formatPercent(mdes[Math.floor(mdes.length / 2)]).replace(/^\+/, '')} |`,
    );
  }
  return lines.join('\n');
}

/** `compare` with these arguments, its JSON read back; exit 0 or 1 are results, anything else a failure. */
async function compareRun(work: string, name: string, args: readonly string[]): Promise<ComparisonJson> {
  const slug = name.replace(/\W+/g, '-');
  const json = join(work, `${slug}.json`);
  const run = await execa('node', [threadbench, 'compare', ...args, '--out-dir', join(work, 'ab', slug), '--json', json], {
    cwd: projectRoot,
    reject: false,
  });
  if (run.exitCode !== 0 && run.exitCode !== 1) throw new Error(`compare exited ${run.exitCode}: ${run.stderr.split('\n').at(-1)}`);
  return JSON.parse(readFileSync(json, 'utf8')) as ComparisonJson;
}

/** `npm run bench:check` on this checkout, then against a head whose pbkdf2 does 20% more work. */
async function check(work: string, repeats: number, log: (line: string) => void): Promise<string> {
  const lines = ["## bench:check: the A/B against results/baseline.csv's commit", ''];
  lines.push('| run | wall | verdicts | false verdicts | pbkdf2 cells caught (not spawn-per-task) |', '|---|--:|---|--:|--:|');
  const slower = await commitSlowerPbkdf2(work, 1.2);
  const runs: [string, readonly string[]][] = [
    ...Array.from({ length: repeats }, (_, i): [string, readonly string[]] => [`unchanged ${i + 1}`, []]),
    ['pbkdf2 +20% iterations', ['--head-ref', slower]],
  ];
  for (const [name, extra] of runs) {
    log(`check: ${name}`);
    const started = Date.now();
    const comparison = await compareRun(work, `check ${name}`, ['--baseline', join(projectRoot, 'results', 'baseline.csv'), ...extra]);
    const judged = comparison.cells.filter((c) => c.verdict === 'regression' || c.verdict === 'improvement');
    const kernelCells = comparison.cells.filter((c) => c.scenario === 'pbkdf2' && c.variant !== 'spawn-per-task' && c.verdict !== 'failed');
    const unchanged = extra.length === 0;
    lines.push(
      `| ${name} | ${((Date.now() - started) / 60_000).toFixed(1)} min | ${judged.map((c) => `${c.id} ${c.verdict} ${formatPercent(c.change)}`).join('; ') || 'none'} | ` +
        `${unchanged ? judged.length : judged.filter((c) => c.scenario !== 'pbkdf2').length} | ${unchanged ? '' : `${kernelCells.filter((c) => c.verdict === 'regression').length} of ${kernelCells.length}`} |`,
    );
  }
  return lines.join('\n');
}

/** A commit, off HEAD, whose pbkdf2 does `factor` times the iterations under the same name and params. */
async function commitSlowerPbkdf2(work: string, factor: number): Promise<string> {
  const tree = join(work, `slower-${factor}`);
  await execa('git', ['worktree', 'add', '--detach', tree, 'HEAD'], { cwd: projectRoot });
  try {
    const file = join(tree, 'scenarios', 'pbkdf2.ts');
    const source = readFileSync(file, 'utf8');
    const patched = source.replace(/iterations\s*\}\s*\)/, `iterations: Math.round(iterations * ${factor}) })`);
    if (patched === source) throw new Error('could not find where scenarios/pbkdf2.ts builds its input, to make it slower');
    writeFileSync(file, patched);
    const git = (...args: string[]) =>
      execa('git', ['-c', 'user.name=selftest', '-c', 'user.email=selftest@example.invalid', ...args], { cwd: tree });
    await git('commit', '-qam', `selftest: pbkdf2 does ${factor}x the iterations`);
    return (await git('rev-parse', 'HEAD')).stdout.trim();
  } finally {
    await execa('git', ['worktree', 'remove', '--force', tree], { cwd: projectRoot, reject: false });
  }
}

/** Back-to-back budgeted runs of a subset: how far each cell's folded speedup moved, and whether the best agreed. */
async function repro(work: string, pairs: number, log: (line: string) => void): Promise<string> {
  const lines = [
    '## Reproducibility: back-to-back budgeted runs',
    '',
    `\`npm run bench -- ${reproArgs.join(' ')}\`, twice in a row, ${pairs} times.`,
    '',
  ];
  lines.push(
    '| pair | wall per run | cells | speedups within ±10% | beyond ±10%, marked unstable in a run | largest move | cell that moved most | best variant, where separated |',
    '|---|--:|--:|--:|--:|--:|---|---|',
  );
  for (let pair = 1; pair <= pairs; pair++) {
    const runs: Summary[] = [];
    let wall = 0;
    for (const run of [1, 2]) {
      log(`repro: pair ${pair}, run ${run}`);
      const out = join(work, `repro-${pair}-${run}.csv`);
      const started = Date.now();
      await execa('node', [threadbench, 'bench', ...reproArgs, '--out', out], { cwd: projectRoot, reject: false });
      wall += Date.now() - started;
      runs.push(readSummary(summaryPathFor(out)));
    }
    const [first, second] = runs as [Summary, Summary];
    const moves = [...first.speedups].flatMap(([cell, value]) => {
      const other = second.speedups.get(cell);
      return other === undefined ? [] : [{ cell, move: other / value - 1, marked: first.unstable.has(cell) || second.unstable.has(cell) }];
    });
    const beyond = moves.filter((m) => Math.abs(m.move) > 0.1);
    const worst = [...moves].sort((a, b) => Math.abs(b.move) - Math.abs(a.move))[0];
    const groups = [...first.best.keys()].filter((group) => first.best.get(group) !== undefined && second.best.get(group) !== undefined);
    const agree = groups.filter((group) => first.best.get(group) === second.best.get(group)).length;
    lines.push(
      `| ${pair} | ${(wall / 2 / 60_000).toFixed(1)} min | ${moves.length} | ${moves.length - beyond.length} | ${beyond.filter((m) => m.marked).length} of ${beyond.length} | ` +
        `${formatPercent(worst?.move)} | ${worst?.cell ?? ''} | ${groups.length === 0 ? 'none separated in both' : `same in ${agree} of ${groups.length}`} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Back-to-back budgeted runs of the repro subset. Each cell's reference is its median speedup over
 * all the runs; a run's interval for a cell it does not mark unstable should hold it 95% of the time.
 * Runs 1 and 2, 3 and 4, … are compared as pairs: a pbkdf2 cell that moved more than 10% should have been
 * marked unstable by one of the two.
 */
async function calibration(work: string, runs: number, log: (line: string) => void): Promise<string> {
  const summaries: CalibrationRow[][] = [];
  const walls: number[] = [];
  rmSync(keptRunsDir, { recursive: true, force: true });
  for (let run = 1; run <= runs; run++) {
    log(`calibration: run ${run} of ${runs}`);
    const out = join(work, `calibration-${run}.csv`);
    const started = Date.now();
    await execa('node', [threadbench, 'bench', ...reproArgs, '--out', out], { cwd: projectRoot, reject: false });
    walls.push(Date.now() - started);
    keepRun(out, run);
    summaries.push(readCalibrationRows(summaryPathFor(out)));
  }
  const wall = `Each run ${(Math.min(...walls) / 1000).toFixed(0)}-${(Math.max(...walls) / 1000).toFixed(0)} s.`;
  return calibrationReport(summaries, wall);
}

/**
 * The calibration figures again from kept runs (`--from results/calibration`), each run's rounds
 * folded by this commit's fold: what a change to the fold does to the same measurements.
 */
function calibrationFrom(dir: string): string {
  // results/calibration/<run>/, or an evidence folder's run-<run>/.
  const runNumber = (name: string) => Number(/^(?:run-)?(\d+)$/.exec(name)?.[1]);
  const runDirs = readdirSync(dir)
    .filter((name) => Number.isInteger(runNumber(name)))
    .sort((a, b) => runNumber(a) - runNumber(b));
  const summaries = runDirs.map((run) => {
    const cells = readdirSync(join(dir, run)).find((name) => name.endsWith('.csv') && !/\.(summary|samples)\.csv$/.test(name));
    if (cells === undefined) throw new UsageError(`--from: ${join(dir, run)} holds no run's CSV`);
    return foldRounds(roundRecordsOf(readCsvTable(join(dir, run, cells)).rows)).flatMap(calibrationRowOf);
  });
  return calibrationReport(summaries, `The rounds of ${dir}, folded again at this commit.`);
}

function calibrationReport(summaries: readonly CalibrationRow[][], wall: string): string {
  const runs = summaries.length;
  const byCell = new Map<string, CalibrationRow[]>();
  for (const row of summaries.flat()) byCell.set(row.cell, [...(byCell.get(row.cell) ?? []), row]);
  const lines = [
    `## Calibration: ${runs} back-to-back runs of \`${reproArgs.join(' ')}\``,
    '',
    `${wall} A cell's reference: its median speedup over the ${runs} runs.`,
    '',
    '| cell | reference | runs not unstable | of those, interval holds the reference | speedups (unstable ones marked !) |',
    '|---|--:|--:|--:|---|',
  ];
  let stable = 0;
  let held = 0;
  for (const [cell, rows] of byCell) {
    const reference = median(rows.map((row) => row.speedup)) ?? Number.NaN;
    const trusted = rows.filter((row) => !row.unstable);
    const holding = trusted.filter((row) => row.low <= reference && reference <= row.high);
    stable += trusted.length;
    held += holding.length;
    const readings = rows.map((row) => `${row.speedup.toFixed(2)}${row.unstable ? '!' : ''}`).join(' ');
    lines.push(`| ${cell} | ${reference.toFixed(3)} | ${trusted.length} | ${holding.length} | ${readings} |`);
  }
  const spreads = [...byCell.values()].filter((rows) => rows.length > 1).map((rows) => logSd(rows.map((row) => row.speedup)));
  // Runs 1 and 2, 3 and 4, …: pairs of back-to-back runs, none shared between two pairs.
  const pairs = summaries.flatMap((second, index) => (index % 2 === 1 ? [[summaries[index - 1] ?? [], second] as const] : []));
  const pbkdf2Moves = pairs.flatMap(([first, second]) =>
    first
      .filter((row) => row.cell.startsWith('pbkdf2/'))
      .flatMap((row) => {
        const other = second.find((candidate) => candidate.cell === row.cell);
        return other ? [{ move: Math.abs(other.speedup / row.speedup - 1), marked: row.unstable || other.unstable }] : [];
      }),
  );
  const unmarked = pbkdf2Moves.filter((m) => m.move > 0.1 && !m.marked).length;
  lines.push(
    '',
    `**Coverage: ${held} of ${stable} (run, cell) readings not marked unstable hold the reference in their interval (${((100 * held) / stable).toFixed(1)}%); ` +
      `${summaries.flat().length - stable} readings were marked unstable.**`,
    '',
    `Runs 1 and 2, 3 and 4, … as pairs (${pairs.length}): pbkdf2 cells moved by a median of ${formatPercent(median(pbkdf2Moves.map((m) => m.move)))}; ` +
      `${pbkdf2Moves.filter((m) => m.move > 0.1).length} of ${pbkdf2Moves.length} moved more than 10%, ${unmarked} of those unmarked by either run.`,
    '',
    `Between runs, each cell's speedup spread by a standard deviation (in logs) of ${percent(median(spreads))} at the median cell, ` +
      `${percent(Math.min(...spreads))} at the steadiest; the fold adds ${percent(runToRunLogSd)} (runToRunLogSd) for what rounds inside one run cannot see.`,
  );
  return lines.join('\n');
}

/**
 * The run's CSVs are the figure's evidence, kept in results/calibration/<run>/; `--from` folds them
 * again, so that a change to the fold is judged on the same rounds.
 */
const keptRunsDir = join(projectRoot, 'results', 'calibration');

/**
 * `--evidence`: the report, and the calibration's runs where it ran them, as dated evidence in
 * docs/evidence/<date>-<cpu>-<cores>/selftest-<time>/ (the samples files gzipped).
 */
function keepEvidence(report: string, stamp: Date, withRuns: boolean): string {
  const dir = evidenceDirAt(projectRoot, 'selftest', stamp);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'README.md'),
    `${report}\n\nProduced by \`npm run bench:selftest -- ${process.argv.slice(2).join(' ')}\` (scripts/selftest.ts).\n`,
  );
  if (withRuns) {
    for (const run of readdirSync(keptRunsDir)) {
      mkdirSync(join(dir, `run-${run}`), { recursive: true });
      for (const name of readdirSync(join(keptRunsDir, run))) {
        const text = readFileSync(join(keptRunsDir, run, name));
        if (name.endsWith('.samples.csv')) writeFileSync(join(dir, `run-${run}`, `${name}.gz`), gzipSync(text));
        else writeFileSync(join(dir, `run-${run}`, name), text);
      }
    }
  }
  return dir;
}

function keepRun(out: string, run: number): void {
  const kept = join(keptRunsDir, String(run));
  mkdirSync(kept, { recursive: true });
  for (const path of [out, summaryPathFor(out), samplesPathFor(out)]) {
    if (existsSync(path)) copyFileSync(path, join(kept, basename(path)));
  }
}

const percent = (value: number | undefined) => (value === undefined ? '' : `${(100 * value).toFixed(1)}%`);

/** The sample standard deviation of the logs. */
function logSd(values: readonly number[]): number {
  const logs = values.map(Math.log);
  const mean = logs.reduce((sum, value) => sum + value, 0) / logs.length;
  return Math.sqrt(logs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (logs.length - 1));
}

interface CalibrationRow {
  readonly cell: string;
  readonly speedup: number;
  readonly low: number;
  readonly high: number;
  readonly unstable: boolean;
}

function calibrationRowOf(summary: CellSummary): CalibrationRow[] {
  const f = summary.figures;
  if (!f || summary.variant === 'sync' || f.speedup === undefined) return [];
  return [
    {
      cell: summary.cell,
      speedup: f.speedup,
      low: f.speedupCiLow ?? Number.NaN,
      high: f.speedupCiHigh ?? Number.NaN,
      unstable: f.unstable,
    },
  ];
}

function readCalibrationRows(path: string): CalibrationRow[] {
  return readCsvTable(path)
    .rows.filter((row) => row.status === 'ok' && row.variant !== 'sync')
    .map((row) => ({
      cell: row.cell ?? '',
      speedup: Number(row.speedup_vs_sync),
      low: Number(row.speedup_ci95_low || Number.NaN),
      high: Number(row.speedup_ci95_high || Number.NaN),
      unstable: row.unstable === 'true',
    }));
}

interface Summary {
  /** Every ok non-sync cell's folded speedup. */
  readonly speedups: ReadonlyMap<string, number>;
  /** Cells the run marked unstable: its speedup interval wider than ±10%. */
  readonly unstable: ReadonlySet<string>;
  /** Per scenario-and-params group, the best cell where its interval stands apart from every other's. */
  readonly best: ReadonlyMap<string, string | undefined>;
}

function readSummary(path: string): Summary {
  const rows = readCsvTable(path).rows.filter((row) => row.status === 'ok');
  const speedups = new Map(rows.filter((row) => row.variant !== 'sync').map((row) => [row.cell ?? '', Number(row.speedup_vs_sync)]));
  const groups = new Map<string, typeof rows>();
  for (const row of rows) {
    const group = parseCellId(row.cell ?? '')?.group ?? '';
    groups.set(group, [...(groups.get(group) ?? []), row]);
  }
  const best = new Map(
    [...groups].map(([group, cells]) => {
      const [top, ...rest] = [...cells].sort((a, b) => Number(b.throughput) - Number(a.throughput));
      const low = Number(top?.throughput_ci95_low || Number.NaN);
      const separated = top !== undefined && rest.every((cell) => Number(cell.throughput_ci95_high || Number.POSITIVE_INFINITY) < low);
      return [group, separated ? `${top.variant}×${top.threads}` : undefined] as const;
    }),
  );
  const unstable = new Set(
    rows
      .filter((row) => Number(row.speedup_ci95_high) / Number(row.speedup_vs_sync) > 1 + unstableHalfWidth || row.unstable === 'true')
      .map((row) => row.cell ?? ''),
  );
  return { speedups, unstable, best };
}

/** Pairs of single quick runs: how far apart two runs of the same code land, cell by cell. */
async function floor(work: string, pairs: number, log: (line: string) => void): Promise<string> {
  const lines = [
    '## Single-run noise floor: pairs of `npm run bench -- --quick`',
    '',
    '| pair | cells | largest factor apart | cell |',
    '|---|--:|--:|---|',
  ];
  for (let pair = 1; pair <= pairs; pair++) {
    const medians: Map<string, number>[] = [];
    for (const run of [1, 2]) {
      log(`floor: pair ${pair}, run ${run}`);
      const out = join(work, `floor-${pair}-${run}.csv`);
      await execa('node', [threadbench, 'bench', '--quick', '--out', out], { cwd: projectRoot });
      medians.push(
        new Map(
          readCsvTable(out)
            .rows.filter((r) => r.status === 'ok')
            .map((r) => [r.cell ?? '', Number(r.throughput_median)]),
        ),
      );
    }
    const [first, second] = medians as [Map<string, number>, Map<string, number>];
    const factors = [...first].flatMap(([cell, value]) => {
      const other = second.get(cell);
      return other === undefined ? [] : [{ cell, factor: Math.max(other / value, value / other) }];
    });
    const worst = [...factors].sort((a, b) => b.factor - a.factor)[0];
    lines.push(`| ${pair} | ${factors.length} | ${worst?.factor.toFixed(2) ?? ''}× | ${worst?.cell ?? ''} |`);
  }
  return lines.join('\n');
}

function toPart(text: string): Part {
  const part = parts.find((p) => p === text);
  if (!part) throw new UsageError(`Expected --part to be one of ${parts.join(', ')}, got "${text}"`);
  return part;
}

runCli('selftest', () => main(process.argv.slice(2)));
