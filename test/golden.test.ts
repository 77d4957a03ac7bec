// What the CLIs write, byte for byte: the CSV schema, the report and the comparison. Inputs are
// real runs kept in test/fixtures/runs; `UPDATE_GOLDEN=1 npm test` rewrites test/golden after a
// change meant to alter the output. Paths in the output are written as <root>/ and <out>/.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, importCompiled, projectRoot, runBench, runCompare, runMerge, runReport } from './helpers.js';

const goldenDir = join(projectRoot, 'test/golden');
const runsDir = join(projectRoot, 'test/fixtures/runs');
const out = mkdtempSync(join(tmpdir(), 'threadbench-golden-'));

function normalized(text: string): string {
  return text.replaceAll(projectRoot, '<root>/').replaceAll(`${out}/`, '<out>/');
}

/** Compares `text` with the golden file `name`, or writes it under UPDATE_GOLDEN=1. */
function expectGolden(name: string, text: string): void {
  const path = join(goldenDir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, normalized(text));
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`${name}: no golden file yet; wrote one, check it in`);
  }
  expect(normalized(text), name).toBe(readFileSync(path, 'utf8'));
}

const run = (name: string) => join(runsDir, name);
const read = (path: string) => readFileSync(path, 'utf8');

describe('the CSV schema', () => {
  it('writes the same columns to the cells, samples and summary files', async () => {
    const csv = join(out, 'schema.csv');
    const bench = await runBench([
      '--scenarios',
      fixturesDir,
      '--scenario',
      'steady',
      '--quick',
      '--warmup',
      '0',
      '--time',
      '5',
      '--threads',
      '1',
      '--variant',
      'sync',
      '--out',
      csv,
    ]);
    expect(bench.exitCode, bench.all).toBe(0);
    const header = (path: string) => read(path).split('\n')[0] ?? '';
    expectGolden('schema.txt', [csv, csv.replace(/\.csv$/, '.samples.csv'), csv.replace(/\.csv$/, '.summary.csv')].map(header).join('\n'));
  });

  it('folds a run of rounds into the same summary rows', async () => {
    const { foldRounds } = await importCompiled<typeof import('../harness/results/fold-rounds.js')>('harness/results/fold-rounds.js');
    const { summaryColumns, toSummaryRow } =
      await importCompiled<typeof import('../harness/results/summary-csv.js')>('harness/results/summary-csv.js');
    const { formatCsv } = await importCompiled<typeof import('../harness/results/csv.js')>('harness/results/csv.js');
    const { readCsvTable } = await importCompiled<typeof import('../harness/results/csv-read.js')>('harness/results/csv-read.js');
    const { roundRecordsOf } = await importCompiled<typeof import('../harness/results/round-record.js')>('harness/results/round-record.js');
    const rows = readCsvTable(run('rounds-a.csv')).rows;
    const params = [
      ...new Set(
        Object.keys(rows[0] ?? {})
          .filter((c) => c.startsWith('param_'))
          .map((c) => c.slice('param_'.length)),
      ),
    ];
    expectGolden('rounds-a.summary.csv', formatCsv(foldRounds(roundRecordsOf(rows)).map(toSummaryRow), summaryColumns(params), true));
  });
});

describe('the report', () => {
  it.each([
    ['one round', ['quick-run.csv'], 'report-quick'],
    ['rounds folded', ['rounds-a.csv'], 'report-rounds'],
    ['base and head', ['rounds-a.csv', 'rounds-b.csv'], 'report-compare'],
    ['a server-mode run', ['server-tiny.server.csv'], 'report-server'],
  ])('writes the same page and Markdown for %s', async (_name, inputs, name) => {
    const html = join(out, `${name}.html`);
    const report = await runReport([...inputs.map(run), '--out', html]);
    expect(report.exitCode, report.all).toBe(0);
    expectGolden(`${name}.html`, read(html));
    expectGolden(`${name}.md`, read(html.replace(/\.html$/, '.md')));
  });
});

describe('the comparison', () => {
  it.each([
    ['separate runs of rounds (Welch)', 'rounds-a.csv', 'rounds-b.csv', 'compare-rounds'],
    ['an interleaved A/B (paired)', 'ab-base.csv', 'ab-head.csv', 'compare-paired'],
    ['two single runs (inconclusive within the floor)', 'single-a.csv', 'single-b.csv', 'compare-single'],
  ])('writes the same table, Markdown and JSON for %s', async (_name, base, head, name) => {
    const markdown = join(out, `${name}.md`);
    const json = join(out, `${name}.json`);
    const compare = await runCompare([run(base), run(head), '--markdown', markdown, '--json', json]);
    expect([0, 1]).toContain(compare.exitCode);
    expectGolden(`${name}.txt`, `exit ${compare.exitCode}\n${compare.stdout}`);
    expectGolden(`${name}.md`, read(markdown));
    expectGolden(`${name}.json`, read(json));
  });
});

describe('merge', () => {
  it('writes the same merged cells and samples', async () => {
    const merged = join(out, 'merged.csv');
    const merge = await runMerge([run('shard-1.csv'), run('shard-2.csv'), '--out', merged]);
    expect(merge.exitCode, merge.all).toBe(0);
    expectGolden('merged.csv', read(merged));
    expectGolden('merged.samples.csv', read(merged.replace(/\.csv$/, '.samples.csv')));
  });
});
