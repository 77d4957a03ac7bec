// The report in a real browser: Debian's Chromium (installed by scripts/install-chromium.sh),
// driven by playwright-core. Every chart drew its marks, the console stayed clean, and a
// screenshot is kept under results/.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchChromium, watchedPage } from '../../../test/browser.js';
import { projectRoot, reportFixture, runReport } from '../../../test/helpers.js';

describe('the report in headless Chromium', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-report-')), 'report.html');
  await runReport([reportFixture, '--out', out]);
  const browser = await launchChromium();
  const { page, errors } = await watchedPage(browser);
  await page.goto(`file://${out}`);
  const marksPerChart = await page.$$eval('figure svg', (svgs) =>
    svgs.map((svg) => svg.querySelectorAll('.mark-line path, .mark-symbol path').length),
  );
  const screenshot = join(projectRoot, 'results', 'report-screenshot.png');
  await page.screenshot({ path: screenshot, fullPage: true });
  const phoneWidth = await (async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    return Number(await page.evaluate('document.documentElement.scrollWidth'));
  })();
  await browser.close();

  it('draws marks in every chart', () => {
    expect(marksPerChart.length).toBeGreaterThanOrEqual(16);
    expect(marksPerChart.filter((count) => count === 0)).toEqual([]);
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });

  it('fits a phone screen without sideways scrolling of the page', () => {
    expect(phoneWidth).toBeLessThanOrEqual(390);
  });

  it('keeps a screenshot under results/', () => {
    expect(existsSync(screenshot)).toBe(true);
  });
});

describe('the server-mode report in headless Chromium', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'threadbench-server-report-')), 'report.html');
  await runReport([join(projectRoot, 'test/fixtures/runs/server-tiny.server.csv'), '--out', out]);
  const browser = await launchChromium();
  const { page, errors } = await watchedPage(browser);
  await page.goto(`file://${out}`);
  const marksPerChart = await page.$$eval('figure svg', (svgs) =>
    svgs.map((svg) => svg.querySelectorAll('.mark-line path, .mark-symbol path').length),
  );
  const rule = await page.$$eval('figure svg .mark-rule line', (lines) => lines.length);
  await browser.close();

  it('draws the hockey stick of every scenario and params, with the responsive bound', () => {
    expect(marksPerChart.length).toBeGreaterThanOrEqual(1);
    expect(marksPerChart.filter((count) => count === 0)).toEqual([]);
    expect(rule).toBeGreaterThanOrEqual(1);
  });

  it('logs no console errors', () => {
    expect(errors).toEqual([]);
  });
});
