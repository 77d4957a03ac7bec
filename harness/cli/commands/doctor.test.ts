// `npm run doctor` end to end, with the real @clinic/doctor: pbkdf2 at its largest task, sync and
// pooled at the machine's core count, each under Doctor for its default load duration (slow:
// about a minute in all). Doctor's page of the worker variant is opened in headless Chromium.
// What Doctor reads is the host's: this file runs alone (vitest.config.ts). Its failures, bad input
// and Ctrl-C read nothing of the host, and run beside other files (doctor-faults.test.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium, watchedPage } from '../../../test/browser.js';
import { readCsv, runDoctorCli, runReport } from '../../../test/helpers.js';

const threads = availableParallelism();
const dir = mkdtempSync(join(tmpdir(), 'threadbench-doctor-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run doctor on pbkdf2, sync and pooled', async () => {
  const out = join(dir, 'pbkdf2');
  const run = await runDoctorCli(['--scenario', 'pbkdf2', '--variant', 'sync,pooled', '--threads', String(threads), '--out', out]);
  const [csvName] = (run.all.match(/diagnosed \d+ of \d+ cells: .*\/([^/\s]+\.csv)/) ?? []).slice(1);
  const rows = csvName ? readCsv(join(out, csvName)) : [];
  const sync = rows.find((row) => row.variant === 'sync');
  const pooled = rows.find((row) => row.variant === 'pooled');

  it('diagnoses both cells and exits 0', () => {
    expect(run.exitCode, run.all).toBe(0);
    expect(rows.map((row) => row.doctor_status)).toEqual(['ok', 'ok']);
    // The largest declared task: the load where the difference between the two shows most.
    expect(rows.map((row) => row.param_iterations)).toEqual(['50000', '50000']);
  });

  it("has Doctor analyse the load itself: its window is the load's time less its 100 ms trims", () => {
    for (const row of rows) {
      const [load, window] = [Number(row.doctor_load_ms), Number(row.doctor_window_ms)];
      expect(window, JSON.stringify(row)).toBeGreaterThan(load - 400);
      expect(window).toBeLessThanOrEqual(load);
    }
  });

  it('has Doctor call the sync loop saturated, and threadbench agree: blocked main thread', () => {
    // Doctor flags the loop as saturated whatever the host's speed. Its delay rule (a median of
    // 10 ms or more) holds only where a task takes well over 10 ms, and on this host its CPU measure
    // sometimes answers "not enough data", which makes its category `data` (README, Doctor).
    expect(sync?.doctor_loop_utilization, JSON.stringify(sync)).toBe('performance');
    const category = sync?.doctor_category;
    expect(category === 'event-loop' || (category === 'data' && sync?.doctor_cpu === 'data'), JSON.stringify(sync)).toBe(true);
    expect(sync?.blocked_main).toBe('true');
  });

  it('has Doctor find nothing wrong with pooled, and threadbench agree: responsive main thread', () => {
    expect(pooled?.doctor_category, JSON.stringify(pooled)).toBe('none');
    expect(pooled?.blocked_main).toBe('false');
    expect(Number(pooled?.worker_busy_p50)).toBeGreaterThan(0.5);
  });

  it('prints the diagnosis beside the built-in verdict and the page', () => {
    expect(run.stdout).toMatch(
      /pooled\/\d+\n {2}Doctor: none \(delay none, .*\)\n {2}threadbench: main thread responsive, workers .*\n {2}page: .*pooled_\d+\.html/,
    );
  });

  it("draws pooled's Doctor page in a browser: five graphs, no issue, no script errors", async () => {
    const browser = await launchChromium();
    try {
      const { page, errors, networkRequests } = await watchedPage(browser);
      await page.goto(`file://${join(out, pooled?.doctor_html ?? 'missing.html')}`);
      await page.waitForSelector('#graph-loopUtilization svg', { state: 'attached' });
      // Each graph's curve: a `path.line` with a point per sample, so thousands of characters long.
      const curves = await page.$$eval('#graph [id^="graph-"]', (nodes) =>
        nodes.map(
          (node) =>
            [node.id, Math.max(0, ...[...node.querySelectorAll('path.line')].map((line) => line.getAttribute('d')?.length ?? 0))] as const,
        ),
      );
      expect(curves.map(([id]) => id)).toEqual(['graph-cpu', 'graph-memory', 'graph-delay', 'graph-handles', 'graph-loopUtilization']);
      expect(curves.filter(([, length]) => length < 1000)).toEqual([]);
      expect(await page.textContent('#alert')).toContain('Detected no issue');
      // Doctor's page asks clinicjs.org for its web fonts; offline it falls back to system fonts.
      expect(networkRequests.filter((url) => !url.startsWith('https://clinicjs.org/assets/css/fonts.css'))).toEqual([]);
      expect(errors.filter((error) => !/Failed to load resource: net::ERR_/.test(error))).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('feeds the report a Doctor table linking every page', async () => {
    const report = join(dir, 'report.html');
    const written = await runReport([
      join(out, csvName ?? 'missing.csv'),
      '--doctor',
      join(out, csvName ?? 'missing.csv'),
      '--out',
      report,
    ]);
    expect(written.exitCode, written.all).toBe(0);
    const html = readFileSync(report, 'utf8');
    const table = html.slice(html.indexOf('<h2>Clinic Doctor</h2>'), html.indexOf('</table>', html.indexOf('<h2>Clinic Doctor</h2>')));
    expect(table).toMatch(/<td class="status">(event-loop|data)<\/td>.*<a href="pbkdf2\/pbkdf2_iterations=50000_sync_1\.html">/);
    expect(table).toMatch(/<td class="status">none<\/td>.*<a href="pbkdf2\/pbkdf2_iterations=50000_pooled_\d+\.html">/);
  });
});
