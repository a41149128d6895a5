import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Browser, Download } from 'playwright-core';
import { readTaggedPdf } from '../server/helpers/pdf-structure.ts';
import { pdfTextOf } from '../server/helpers/pdf-text.ts';
import { demoClients, launchBrowser, startStack, visible, watchPage, withLogs, type Stack, type WatchedPage } from './harness.ts';
import { openInvoice, openSection, signIn } from './portal.ts';

/** The saved file's name and the text its PDF shows, once it is known to be a tagged PDF in English. */
async function savedPdf(download: Download): Promise<{ name: string; text: string }> {
  const bytes = await fs.readFile((await download.path())!);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the saved file is a PDF');
  const tagged = readTaggedPdf(bytes);
  assert.ok(tagged.marked && tagged.structure.length === 1, 'a tagged PDF, for screen readers');
  assert.match(tagged.lang ?? '', /^en(-|$)/);
  assert.deepEqual(tagged.untagged, [], 'nothing shown outside the structure but page furniture');
  return { name: download.suggestedFilename(), text: pdfTextOf(bytes) };
}

describe('a client downloads an invoice and a receipt as PDFs in the demo portal', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function session(run: (watched: WatchedPage) => Promise<void>): Promise<void> {
    const watched = await watchPage(browser);
    try {
      await run(watched);
    } catch (error) {
      throw withLogs(error, stack, watched);
    } finally {
      await watched.close();
    }
  }

  it('saves the invoice’s PDF from the invoice, and a receipt’s from the payment history', () =>
    session(async (watched) => {
      const { page } = watched;
      await signIn(page, stack, demoClients.alex);
      await openSection(page, 'Invoices');
      const invoice = await openInvoice(page, 'INV-1003');

      const invoiceDownload = page.waitForEvent('download');
      await invoice.getByRole('button', { name: 'Download PDF' }).click();
      const invoicePdf = await savedPdf(await invoiceDownload);
      assert.equal(invoicePdf.name, 'Invoice-INV-1003.pdf');
      for (const expected of [
        'Hale & Whitmore LLP',
        'INV-1003',
        'Alex Morgan',
        'Estate of Eleanor Morgan',
        'Publication of notice of petition',
        'Balance due',
        'Check',
        'Remit to',
        '350 Mission Street, Suite 1200',
      ]) {
        assert.ok(invoicePdf.text.includes(expected), `the invoice PDF shows “${expected}”:\n${invoicePdf.text}`);
      }
      await visible(page.locator('portal-invoice').getByRole('status').filter({ hasText: 'The PDF of invoice INV-1003 was downloaded.' }));

      await openSection(page, 'Payments');
      const checkRow = page.locator('portal-payments').getByRole('row').filter({ hasText: 'Check #1187' });
      const receiptDownload = page.waitForEvent('download');
      await (await visible(checkRow.getByRole('button', { name: 'Receipt (PDF)' }))).click();
      const receipt = await savedPdf(await receiptDownload);
      assert.match(receipt.name, /^Receipt-[A-Za-z0-9-]+\.pdf$/);
      for (const expected of ['Payment receipt', 'Alex Morgan', 'Check', 'Check #1187', 'INV-1003', '$500.00']) {
        assert.ok(receipt.text.includes(expected), `the receipt shows “${expected}”:\n${receipt.text}`);
      }
      watched.assertClean();
    }));
});
