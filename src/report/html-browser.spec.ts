import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { skipUnlessInstalled } from '../../test/required-program';
import { chromium } from 'playwright-core';
import { sampleModel } from '../../test/fixtures/report/sample-model';
import { packageFile } from '../package-root';
import { renderHtml } from './render-html';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT_DIR = packageFile('reports', 'browser-check');

test('html/chromium: opens without console errors, shows summary and controls, filters work', async (t) => {
  const skip = skipUnlessInstalled(existsSync(CHROMIUM), CHROMIUM, 'apt-get install chromium');
  if (skip) return t.skip(skip);
  mkdirSync(OUT_DIR, { recursive: true });
  const page = join(OUT_DIR, 'compliance.html');
  writeFileSync(page, renderHtml(sampleModel()));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('dialog', (dialog) => problems.push(`dialog opened: ${dialog.message()}`));
    tab.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:')) problems.push(`network request: ${request.url()}`);
    });
    await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });
    assert.ok(await tab.locator('#summary').isVisible(), 'summary visible');
    assert.equal(await tab.locator('#outcome').textContent(), 'FAILED');
    assert.ok(await tab.locator('#controls-table').isVisible(), 'controls table visible');
    assert.equal(await tab.locator('#controls-table tbody tr').count(), sampleModel().controls.length);
    assert.match((await tab.locator('#filter-count').textContent()) ?? '', /^9 of 9 scenarios shown$/);
    await tab.locator('#filter-status').selectOption('waived');
    assert.match((await tab.locator('#filter-count').textContent()) ?? '', /^1 of 9 scenarios shown$/);
    await tab.locator('#filter-status').selectOption('');
    await tab.locator('#filter-text').fill('<script>');
    assert.match((await tab.locator('#filter-count').textContent()) ?? '', /^1 of 9/);
    await tab.locator('#filter-text').fill('');
    await tab.screenshot({ path: join(OUT_DIR, 'compliance.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
