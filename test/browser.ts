// Debian's Chromium (installed by scripts/install-chromium.sh), driven by playwright-core, for
// tests that open the pages threadbench writes: the report and Doctor's pages.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const chromiumPath = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new Error(`Expected ${chromiumPath}: run scripts/install-chromium.sh (as .ci/run does)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Closed network: without these Chromium keeps trying to reach Google's services.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page that collects console errors, uncaught page errors and the URLs it asked the network for. */
export async function watchedPage(browser: Browser): Promise<{ page: Page; errors: string[]; networkRequests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const networkRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    if (/^https?:/.test(request.url())) networkRequests.push(request.url());
  });
  return { page, errors, networkRequests };
}
