import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { sampleModel } from '../../test/fixtures/report/sample-model';
import { skipUnlessInstalled } from '../../test/required-program';
import { packageFile } from '../package-root';
import { renderHtml } from './render-html';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OUT_DIR = packageFile('reports', 'browser-check');

test('html/chromium: opens without console errors; summary, controls, filters, access matrix cells open their evidence', async (t) => {
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
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`${message.type()}: ${message.text()}`);
    });
    tab.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    tab.on('dialog', (dialog) => problems.push(`dialog opened: ${dialog.message()}`));
    tab.on('request', (request) => {
      if (!request.url().startsWith('file:') && !request.url().startsWith('data:'))
        problems.push(`network request: ${request.url()}`);
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

    // The access matrix: visible, one button per cell, a click opens that cell's evidence only.
    const matrix = tab.locator('table.access-matrix').first();
    assert.ok(await matrix.isVisible(), 'access matrix visible');
    const lab = sampleModel().labs![0]!.gateways[0]!;
    assert.equal(await matrix.locator('.cell-button').count(), lab.rows.length * lab.columns.length);
    const cell = matrix.locator('tbody tr').nth(0).locator('.cell-button').nth(0);
    assert.equal(await cell.textContent(), 'deny 065');
    const panel = tab.locator(`#${await cell.getAttribute('data-evidence')}`);
    assert.equal(await panel.isVisible(), false, 'evidence hidden before the click');
    await cell.click();
    assert.ok(await panel.isVisible(), 'evidence shown after the click');
    assert.match((await panel.textContent()) ?? '', /TAGS_NO_MATCH/);
    assert.equal(await cell.getAttribute('aria-expanded'), 'true');
    assert.equal(await tab.locator('.cell-evidence:visible').count(), 1, 'one panel at a time');
    await matrix.locator('tbody tr').nth(1).locator('.cell-button').nth(0).click();
    assert.equal(await panel.isVisible(), false, 'another cell closes the first');
    assert.ok(await tab.locator('#coverage-chart').isVisible(), 'coverage chart visible');
    assert.ok(await tab.locator('#exposure svg').first().isVisible(), 'exposure timeline visible');
    await cell.click();
    await tab.screenshot({ path: join(OUT_DIR, 'compliance.png'), fullPage: true });
    await matrix.screenshot({ path: join(OUT_DIR, 'access-matrix.png') });
    await tab.locator('#coverage').screenshot({ path: join(OUT_DIR, 'coverage.png') });
    await tab.locator('#exposure').screenshot({ path: join(OUT_DIR, 'exposure.png') });
    // Printed (to PDF, as an auditor files it): the matrix and its verdicts are still there.
    await tab.emulateMedia({ media: 'print' });
    assert.ok(await matrix.isVisible(), 'access matrix printed');
    assert.equal(await cell.textContent(), 'deny 065');
    const pdf = await tab.pdf({ path: join(OUT_DIR, 'compliance.pdf'), format: 'A4' });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-' && pdf.length > 10_000, 'a PDF was printed');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
