// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core (no browser download), a fresh profile per run, and a page
// that fails the test on any uncaught error or console error.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BASE_URL = process.env.PYMEM_URL;
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.resolve('../../target/e2e');
if (!BASE_URL) throw new Error('PYMEM_URL is not set: run these through `cargo xtask test`');

export async function launch() {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'pymem-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return context;
}

/** Opens `hash` on the site and records every page error. */
export async function open(context, hash = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(BASE_URL + hash);
  await page.waitForSelector('[data-example]');
  return { page, errors };
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });
}

/** Clicks Run in example `id` and waits for the output's step count. */
export async function runExample(page, id, { timeout = 120_000 } = {}) {
  const example = page.locator(`[data-example="${id}"]`);
  await example.getByRole('button', { name: 'Run', exact: true }).click();
  const output = example.locator('[data-role="output"]');
  await output.locator('.meta').waitFor({ timeout });
  const text = async (sel) => (await output.locator(sel).count()) ? output.locator(sel).textContent() : '';
  return { stdout: await text('pre.stdout'), stderr: await text('pre.stderr'), meta: await output.locator('.meta').textContent() };
}

/** A screenshot of one element (a panel) into the screenshot directory. */
export async function shoot(locator, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}
