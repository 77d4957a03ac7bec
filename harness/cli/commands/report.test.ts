// The report from a fixed CSV: every scenario's charts, and a verdict table whose numbers are the CSV's.
// The fixture is a real quick run with one row edited to `crashed`, to cover a failed cell.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, readCsv, reportFixture, runReport } from '../../../test/helpers.js';
import { formatCsv } from '../../results/csv.js';
import { readCsvTable } from '../../results/csv-read.js';

describe('npm run report on a fixed CSV', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-report-')), 'report.html');
  const run = await runReport([reportFixture, '--out', out]);
  const html = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const rows = readCsv(reportFixture);
  const groups = [...new Set(rows.map((row) => `${row.scenario}|${row.cell?.split('/')[1]}`))];

  it('writes the page and a Markdown summary beside it', () => {
    expect(run.exitCode, run.all).toBe(0);
    expect(readFileSync(out.replace(/\.html$/, '.md'), 'utf8')).toMatch(/^# threadbench: which variant, how many threads/);
  });

  it('draws four charts for every scenario and params', () => {
    const sections = html.split('<section class="group"').slice(1);
    expect(sections).toHaveLength(groups.length);
    for (const section of sections) expect(section.match(/<figure[^>]*><svg/g)).toHaveLength(4);
  });

  it("puts the CSV's own numbers in the verdict table: the fastest cell, its threads, speedup and event-loop p99", () => {
    const table = html.slice(html.indexOf('<table id="verdict">'), html.indexOf('</table>'));
    for (const group of groups) {
      const [scenario, params] = group.split('|');
      const measured = rows.filter((r) => r.scenario === scenario && r.cell?.split('/')[1] === params && r.status === 'ok');
      const best = measured.reduce((a, b) => (Number(b.throughput_median) > Number(a.throughput_median) ? b : a));
      // One round: the throughput is the round's own median, and there is no interval to rank by.
      const expected =
        `<tr><td>${scenario}</td><td>${params}</td><td>${best.variant}<br><small>one round: no interval to separate it by</small></td><td class="num">${best.threads}</td>` +
        `<td class="num">${Number(best.speedup_vs_sync).toFixed(2)}x</td><td class="num">${Number(best.eld_p99_ms).toFixed(1)}</td>`;
      expect(table).toContain(expected);
    }
  });

  it('shows failed and n/a cells with their reason instead of plotting them', () => {
    expect(html).toContain(
      '<td class="status">crashed</td><td>WorkerExitError: spawned worker exited with code 3 before returning a result</td>',
    );
    expect(html.match(/<td class="status">n\/a<\/td><td>pure JavaScript runs on the thread that calls it/g)).toHaveLength(2);
  });

  it('names the machine and the run', () => {
    expect(html).toContain(`Node ${rows[0]?.node_version}`);
    expect(html).toContain(`${rows[0]?.available_cores} cores available`);
  });

  it('is self-contained: no scripts, stylesheets or images fetched from anywhere', () => {
    expect(html).not.toMatch(/<script|<link|<img|url\(/);
  });

  it("with a base and a head CSV of several rounds, adds the regression check's table and a chart of the changes", async () => {
    const compared = join(mkdtempSync(join(tmpdir(), 'threadbench-report-')), 'compared.html');
    const baseline = join(projectRoot, 'results', 'baseline.csv');
    const two = await runReport([baseline, baseline, '--out', compared]);
    expect(two.exitCode, two.all).toBe(0);
    const page = readFileSync(compared, 'utf8');
    expect(page).toMatch(/<h2>Compared with baseline\.csv: \d+ unchanged<\/h2>/);
    expect(page).toMatch(/<figure aria-label="Change vs base"><svg/);
    expect(page).toContain('<td>gzip/payload_kib=16/spawn-per-task/2</td>');
  });

  it('with two single runs, says it cannot judge them and draws no chart of changes', async () => {
    const compared = join(mkdtempSync(join(tmpdir(), 'threadbench-report-')), 'single.html');
    const two = await runReport([reportFixture, reportFixture, '--out', compared]);
    expect(two.exitCode, two.all).toBe(0);
    const page = readFileSync(compared, 'utf8');
    expect(page).toMatch(/<h2>Compared with quick-run\.csv: 1 failed, 25 inconclusive<\/h2>/);
    expect(page).toMatch(/no test: one run a side/);
    expect(page).not.toMatch(/<figure aria-label="Change vs base"><svg/);
  });

  it('rejects a missing CSV with one line and exit code 2', async () => {
    const missing = await runReport([join(tmpdir(), 'no-such-run.csv')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim()).toMatch(
      /^threadbench report: Expected the result CSV ".*no-such-run\.csv" to exist, found no such file$/,
    );
  });

  it('refuses a server-mode run beside another run or a Doctor table, with one line and exit code 2', async () => {
    const server = join(projectRoot, 'test/fixtures/runs/server-tiny.server.csv');
    const mixed = await runReport([reportFixture, server, '--out', join(tmpdir(), 'mixed.html')]);
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr.trim()).toBe('threadbench report: Expected one server-mode CSV and no --doctor, got more');
  });

  it('lists the cells whose rounds disagree, from several rounds, and says how many rounds each kept', async () => {
    // The fixture's one round, again as rounds 2 and 3; in round 3 one cell runs 40% faster.
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-report-'));
    const { columns, rows } = readCsvTable(reportFixture);
    const again = (n: number) =>
      rows.map((row) => ({
        ...row,
        round: String(n),
        ...(n === 3 && row.cell === 'pbkdf2/iterations=1000/pooled/2'
          ? { throughput_median: String(Number(row.throughput_median) * 1.4) }
          : {}),
      }));
    const threeRounds = join(dir, 'three-rounds.csv');
    writeFileSync(threeRounds, formatCsv([...rows, ...again(2), ...again(3)], columns, true));
    const run = await runReport([threeRounds, '--out', join(dir, 'three.html')]);
    expect(run.exitCode, run.all).toBe(0);
    const page = readFileSync(join(dir, 'three.html'), 'utf8');
    expect(page).toMatch(/<h3>Cells whose rounds disagree<\/h3>.*<tr><td>pooled<\/td><td class="num">2<\/td>.*3 of 3/s);
    expect(readFileSync(join(dir, 'three.md'), 'utf8')).toMatch(
      /## Cells whose rounds disagree[\s\S]*- `pbkdf2\/iterations=1000\/pooled\/2`: 3 of 3 rounds used/,
    );
  });
});
