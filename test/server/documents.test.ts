import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { documentLocale } from '../../server/src/i18n/index.ts';
import { receiptPdf, type DocumentContext } from '../../server/src/documents/documents.ts';
import { FirmLogos, type FetchLogo } from '../../server/src/documents/firm-logos.ts';
import { assertProblem, paymentKit, testCard, type PaymentKit } from './helpers/payments.ts';
import { readTaggedPdf, structureElements, type StructureNode, type TaggedPdf } from './helpers/pdf-structure.ts';
import { pdfTextOf } from './helpers/pdf-text.ts';
import { loopbackPublicUrl, startTestService, testClock, type Reply, type TestService } from './helpers/service.ts';

/** A 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';

/** The firm's own site, serving its logos. */
async function firmSite() {
  const served: string[] = [];
  const server = http.createServer((req, res) => {
    served.push(req.url ?? '');
    if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else if (req.url === '/logo.svg') res.writeHead(200, { 'content-type': 'image/svg+xml' }).end(svg);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, served, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A PDF answer: its bytes, as the client receives them. */
async function download(svc: TestService, path: string, token: string, headers: Record<string, string> = {}) {
  const response = await fetch(svc.baseUrl + path, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

function assertPdf(answer: { response: Response; bytes: Buffer }, fileName: string) {
  assert.equal(answer.response.status, 200, answer.bytes.toString('utf8').slice(0, 300));
  assert.equal(answer.response.headers.get('content-type'), 'application/pdf');
  assert.equal(answer.response.headers.get('content-disposition'), `attachment; filename="${fileName}"`);
  assert.equal(answer.response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(answer.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(answer.bytes.subarray(-8).toString('latin1'), /%%EOF\s*$/);
}

/** The elements of a type, depth first (reading order). */
const elementsOf = (pdf: TaggedPdf | StructureNode[], type: string) =>
  structureElements(Array.isArray(pdf) ? pdf : pdf.structure).filter((element) => element.type === type);

/** What every tagged document has: the mark, the language, the title, one Document root, nothing shown untagged. */
function assertTagged(pdf: TaggedPdf, expected: { language: 'en' | 'es'; title: string; footer: string }) {
  assert.ok(Number(pdf.version) >= 1.4, `a tagged PDF needs 1.4 or later, not ${pdf.version}`);
  assert.equal(pdf.marked, true, '/MarkInfo << /Marked true >>');
  assert.match(pdf.lang ?? '', new RegExp(`^${expected.language}(-|$)`), `the catalog's /Lang is the client's language`);
  assert.equal(pdf.title, expected.title);
  assert.equal(pdf.displayTitle, true, 'viewers show the title, not the file name');
  assert.equal(pdf.metadataTitle, expected.title.replace(/&/g, '&amp;'), 'the XMP title too, as XML');
  assert.deepEqual(
    pdf.structure.map((element) => element.type),
    ['Document'],
    'one /StructTreeRoot holding the document',
  );
  assert.deepEqual(pdf.untagged, [], 'every piece of text is in the structure or is page furniture');
  assert.ok(pdf.artifacts.includes(expected.footer), `the page number is an artifact: ${JSON.stringify(pdf.artifacts)}`);
}

/** A table's header cells and its body's rows, as a screen reader reads them. */
function tableOf(table: StructureNode) {
  const [head, body] = table.children;
  assert.equal(head?.type, 'THead');
  assert.equal(body?.type, 'TBody');
  return {
    headers: elementsOf(head!.children, 'TH').map((cell) => `${cell.text} (${cell.scope})`),
    rows: body!.children.map((row) => {
      assert.equal(row.type, 'TR');
      return row.children.map((cell) => `${cell.type}:${cell.text}`);
    }),
  };
}

describe('PDF documents', () => {
  let svc: TestService;
  let kit: PaymentKit;
  let site: Awaited<ReturnType<typeof firmSite>>;
  let alex: string;
  let jordan: string;
  let sam: string;
  const ids: Record<string, string> = {};

  const settings = (body: unknown) => kit.admin('/settings', { method: 'PATCH', body });
  const asProblem = async (path: string, token: string): Promise<Reply> => svc.request(path, { token });

  before(async () => {
    // A loopback PUBLIC_URL is development: the firm's logo may then come from 127.0.0.1.
    svc = await startTestService({ env: { PUBLIC_URL: loopbackPublicUrl } });
    kit = paymentKit(svc);
    site = await firmSite();
    const created = await kit.admin('/invoices', {
      body: {
        contactId: svc.fixtures.alex.id,
        number: 'INV-2041',
        matter: 'Estate of Eleanor Morgan',
        issuedOn: '2026-02-20',
        dueOn: '2026-03-20',
        notes: 'Thank you for your business.',
        lines: [
          { kind: 'time', date: '2026-02-10', description: 'Drafting the trust deed', quantity: 1.5, rate: 29_500 },
          { kind: 'expense', date: '2026-02-12', description: 'Courier to the probate court', amount: 4_500 },
          { kind: 'discount', description: 'Courtesy', percent: 10 },
          { kind: 'tax', description: 'Sales tax', percent: 5 },
        ],
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    ids.invoice = created.body.id;
    assert.equal((await kit.admin(`/invoices/${ids.invoice}/send`, { method: 'POST' })).status, 200);
    const check = await kit.admin('/payments', {
      body: {
        contactId: svc.fixtures.alex.id,
        amount: 10_000,
        method: { type: 'check', reference: '#1001' },
        allocations: [{ invoiceId: ids.invoice, amount: 10_000 }],
      },
    });
    assert.equal(check.status, 201, JSON.stringify(check.body));
    ids.draft = (await kit.invoice({ amount: 5_000, draft: true })).id;
    ids.jordanInvoice = (await kit.invoice({ amount: 7_700, contactId: svc.fixtures.jordan.id })).id;
    alex = (await svc.login('alex@example.com')).token;
    jordan = (await svc.login('jordan@example.com')).token;
    sam = (await svc.login('sam@example.com', 'north')).token;

    const paid = await kit.invoice({ amount: 12_500 });
    ids.paidInvoiceNumber = paid.number;
    const card = await kit.pay(alex, {
      allocations: [{ invoiceId: paid.id, amount: 12_500 }],
      paymentMethod: { type: 'card', token: await kit.cardToken(testCard.visa) },
    });
    assert.equal(card.status, 201, JSON.stringify(card.body));
    assert.equal(card.body.payment.status, 'succeeded');
    ids.payment = card.body.payment.id;
    ids.receiptNumber = card.body.payment.receiptNumber;
    const declined = await kit.pay(alex, {
      allocations: [{ invoiceId: ids.invoice, amount: 1_000 }],
      paymentMethod: { type: 'card', token: await kit.cardToken(testCard.declined) },
    });
    assert.equal(declined.body.payment.status, 'failed');
    ids.failed = declined.body.payment.id;
    const owed = await kit.invoice({ amount: 20_000 });
    const bank = await kit.pay(alex, {
      allocations: [{ invoiceId: owed.id, amount: 20_000 }],
      paymentMethod: { type: 'us_bank_account', token: await kit.bankToken() },
      mandate: { accepted: true },
    });
    assert.equal(bank.body.payment?.status, 'processing', JSON.stringify(bank.body));
    ids.processing = bank.body.payment.id;
  });
  after(async () => {
    await site?.close();
    await svc?.close();
  });

  describe('the invoice', () => {
    it('is a PDF named after its number, with the client, the lines, the tax, the payments and the balance', async (t) => {
      const started = performance.now();
      const answer = await download(svc, `/api/v1/invoices/${ids.invoice}/pdf`, alex);
      const first = performance.now() - started;
      const times: number[] = [];
      for (let round = 0; round < 9; round += 1) {
        const start = performance.now();
        await download(svc, `/api/v1/invoices/${ids.invoice}/pdf`, alex);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      // A measurement for the record, not a limit: the machine's load decides the numbers.
      t.diagnostic(
        `invoice PDF over HTTP: first ${first.toFixed(1)} ms, then median ${times[4]!.toFixed(1)} ms, fastest ${times[0]!.toFixed(1)} ms (${answer.bytes.length} bytes)`,
      );
      assertPdf(answer, 'Invoice-INV-2041.pdf');
      const text = pdfTextOf(answer.bytes);
      for (const expected of [
        'Hale & Whitmore LLP',
        'Invoice',
        'INV-2041',
        'Bill to'.toUpperCase(),
        'Alex Morgan',
        'alex@example.com',
        'Estate of Eleanor Morgan',
        'February 20, 2026',
        'March 20, 2026',
        'Drafting the trust deed',
        'Courier to the probate court',
        '1.5 hr × $295.00',
        '$442.50',
        'Discount: Courtesy',
        '-$48.75',
        'Tax: Sales tax',
        '$21.94',
        '$460.69',
        'Payments applied',
        'Check',
        '-$100.00',
        'Balance due',
        '$360.69',
        'Partially paid',
        'Thank you for your business.',
        'Pay online in the client portal: https://www.hale.example/portal',
        'Page 1 of 1',
      ]) {
        assert.ok(text.includes(expected), `the PDF shows “${expected}”:\n${text}`);
      }
    });

    it('is written in Spanish for a client whose portal is in Spanish, by ?lang= or by Accept-Language', async () => {
      for (const [path, headers] of [
        [`/api/v1/invoices/${ids.invoice}/pdf?lang=es`, {}],
        [`/api/v1/invoices/${ids.invoice}/pdf`, { 'accept-language': 'fr-CA, es-MX;q=0.8, en;q=0.5' }],
      ] as const) {
        const answer = await download(svc, path, alex, headers);
        assertPdf(answer, 'Invoice-INV-2041.pdf');
        const text = pdfTextOf(answer.bytes);
        for (const expected of [
          'Factura',
          'INV-2041',
          'Facturar a'.toUpperCase(),
          'Descripción',
          'Saldo pendiente',
          'Pagada parcialmente',
          'Cheque',
          'Página 1 de 1',
        ]) {
          assert.ok(text.includes(expected), `the Spanish PDF shows “${expected}”:\n${text}`);
        }
        assert.ok(!text.includes('Balance due'), 'no English label is left');
      }
      // A US firm's Spanish-speaking clients read amounts as es-US writes them, not as Spain does.
      const text = pdfTextOf((await download(svc, `/api/v1/invoices/${ids.invoice}/pdf?lang=es`, alex)).bytes);
      assert.ok(text.includes('$360.69'), text);
      assert.ok(text.includes('20 de febrero de 2026'), text);
    });

    it('is a tagged PDF in the client’s language: title, headings, paragraphs, the lines as a table with column headers', async () => {
      for (const [path, language, words] of [
        [`/api/v1/invoices/${ids.invoice}/pdf`, 'en', { title: 'Invoice', charges: 'Charges', payments: 'Payments applied', page: 'Page 1 of 1' }],
        [`/api/v1/invoices/${ids.invoice}/pdf?lang=es`, 'es', { title: 'Factura', charges: 'Cargos', payments: 'Pagos aplicados', page: 'Página 1 de 1' }],
      ] as const) {
        const pdf = readTaggedPdf((await download(svc, path, alex)).bytes);
        assertTagged(pdf, { language, title: `${words.title} INV-2041 — Hale & Whitmore LLP`, footer: words.page });
        assert.ok(pdf.artifacts.includes(`Hale & Whitmore LLP · ${words.title} INV-2041`), 'the footer is page furniture');
        assert.deepEqual(
          elementsOf(pdf, 'H1').map((heading) => heading.text),
          [words.title],
        );
        const headings = elementsOf(pdf, 'H2').map((heading) => heading.text);
        assert.deepEqual(headings.slice(0, 2), [words.charges, words.payments], 'the sections in reading order');
        const paragraphs = elementsOf(pdf, 'P').map((paragraph) => paragraph.text);
        for (const expected of ['Hale & Whitmore LLP', 'INV-2041', 'Alex Morgan', 'alex@example.com', 'Thank you for your business.']) {
          assert.ok(paragraphs.includes(expected), `a paragraph reads “${expected}”: ${JSON.stringify(paragraphs)}`);
        }
        // In reading order the title comes before the charges, the charges before the note.
        const order = structureElements(pdf.structure).map((element) => element.text);
        assert.ok(order.indexOf(words.title) < order.indexOf(words.charges) && order.indexOf(words.charges) < order.indexOf('Thank you for your business.'));

        const tables = elementsOf(pdf, 'Table');
        const charges = tables.find((table) => table.children[0]?.type === 'THead')!;
        const { headers, rows } = tableOf(charges);
        assert.deepEqual(
          headers,
          language === 'en'
            ? ['Date (Column)', 'Description (Column)', 'Quantity × rate (Column)', 'Amount (Column)']
            : ['Fecha (Column)', 'Descripción (Column)', 'Cantidad × tarifa (Column)', 'Importe (Column)'],
        );
        assert.equal(rows.length, 2);
        assert.deepEqual(rows[0]!.slice(1, 2), ['TD:Drafting the trust deed']);
        assert.equal(rows[0]![3], 'TD:$442.50');
        // The facts and the totals read as label (a row header) and value.
        const rowHeaders = elementsOf(pdf, 'TH').filter((cell) => cell.scope === 'Row');
        assert.ok(rowHeaders.some((cell) => cell.text === (language === 'en' ? 'Balance due' : 'Saldo pendiente')));
        assert.deepEqual(elementsOf(pdf, 'Figure'), [], 'no logo, no figure');
      }
    });

    it('shows the firm’s PNG logo, and its name instead of an SVG one', async () => {
      assert.equal((await settings({ branding: { logoUrl: `${site.base}/logo.png` } })).status, 200);
      const withLogo = await download(svc, `/api/v1/invoices/${ids.invoice}/pdf`, alex);
      assertPdf(withLogo, 'Invoice-INV-2041.pdf');
      assert.match(withLogo.bytes.toString('latin1'), /\/Subtype \/Image/);
      const [logo, ...others] = elementsOf(readTaggedPdf(withLogo.bytes), 'Figure');
      assert.equal(others.length, 0);
      assert.equal(logo?.alt, 'Hale & Whitmore LLP', 'the logo is a figure whose alternative text is the firm’s name');
      assert.deepEqual(logo.bbox?.length, 4, 'with the box it takes on the page');
      assert.deepEqual(site.served, ['/logo.png']);
      await download(svc, `/api/v1/invoices/${ids.invoice}/pdf`, alex);
      assert.deepEqual(site.served, ['/logo.png'], 'the logo is fetched once, then kept');

      const svgLogo = await settings({ branding: { logoUrl: `${site.base}/logo.svg` } });
      assert.equal(svgLogo.status, 200);
      assert.deepEqual(
        svgLogo.body.warnings.map((warning: { code: string }) => warning.code),
        ['logo_not_raster'],
        'the firm learns that an SVG logo shows in no email client and no PDF',
      );
      const withSvg = await download(svc, `/api/v1/invoices/${ids.invoice}/pdf`, alex);
      assertPdf(withSvg, 'Invoice-INV-2041.pdf');
      assert.doesNotMatch(withSvg.bytes.toString('latin1'), /\/Subtype \/Image/);
      assert.ok(pdfTextOf(withSvg.bytes).includes('Hale & Whitmore LLP'));
      assert.deepEqual(elementsOf(readTaggedPdf(withSvg.bytes), 'Figure'), [], 'no figure without an image');
      assert.equal((await settings({ branding: { logoUrl: null } })).status, 200);
    });

    it('prints the firm’s address where to remit payment, once the firm has one', async () => {
      assert.equal((await settings({ settings: { address: '100 Main Street, Suite 400\nSpringfield, IL 62701' } })).status, 200);
      const text = pdfTextOf((await download(svc, `/api/v1/invoices/${ids.invoice}/pdf`, alex)).bytes);
      assert.ok(text.includes('Remit to'), text);
      assert.ok(text.includes('100 Main Street, Suite 400'), text);
      assert.ok(text.includes('Springfield, IL 62701'), text);
      assert.equal((await settings({ settings: { address: null } })).status, 200);
    });

    it('is never another client’s, a draft or another firm’s: 404', async () => {
      assertProblem(await asProblem(`/api/v1/invoices/${ids.jordanInvoice}/pdf`, alex), 404, 'not_found');
      assertProblem(await asProblem(`/api/v1/invoices/${ids.invoice}/pdf`, jordan), 404, 'not_found');
      assertProblem(await asProblem(`/api/v1/invoices/${ids.invoice}/pdf`, sam), 404, 'not_found');
      assertProblem(await asProblem(`/api/v1/invoices/${ids.draft}/pdf`, alex), 404, 'not_found');
      assertProblem(await asProblem('/api/v1/invoices/inv_nope/pdf', alex), 404, 'not_found');
    });

    it('needs a signed-in client, and refuses a language that is not a language tag', async () => {
      const anonymous = await svc.request(`/api/v1/invoices/${ids.invoice}/pdf`);
      assert.equal(anonymous.status, 401);
      const bad = await asProblem(`/api/v1/invoices/${ids.invoice}/pdf?lang=${encodeURIComponent('<script>')}`, alex);
      assertProblem(bad, 400, 'invalid_request');
      assert.match(bad.body.detail, /lang must be a language tag/);
      assertProblem(await asProblem(`/api/v1/invoices/${ids.invoice}/pdf?format=html`, alex), 400, 'invalid_request');
      // A language documents are not written in falls back to English.
      const german = await download(svc, `/api/v1/invoices/${ids.invoice}/pdf?lang=de`, alex);
      assertPdf(german, 'Invoice-INV-2041.pdf');
      assert.ok(pdfTextOf(german.bytes).includes('Balance due'));
    });
  });

  describe('the receipt', () => {
    it('is a PDF named after the receipt number: amount, method, date and the invoices paid', async () => {
      const answer = await download(svc, `/api/v1/payments/${ids.payment}/receipt.pdf`, alex);
      assertPdf(answer, `Receipt-${ids.receiptNumber}.pdf`);
      const text = pdfTextOf(answer.bytes);
      for (const expected of [
        'Payment receipt',
        ids.receiptNumber!,
        'Alex Morgan',
        'Visa ending in 4242',
        'March 2, 2026',
        'Invoices paid',
        ids.paidInvoiceNumber!,
        '$125.00',
        'Thank you for your payment.',
      ]) {
        assert.ok(text.includes(expected), `the receipt shows “${expected}”:\n${text}`);
      }
    });

    it('is written in Spanish for a Spanish-speaking client', async () => {
      const text = pdfTextOf((await download(svc, `/api/v1/payments/${ids.payment}/receipt.pdf?lang=es-US`, alex)).bytes);
      for (const expected of [
        'Recibo de pago',
        'Visa terminada en 4242',
        '2 de marzo de 2026',
        'Facturas pagadas',
        ids.paidInvoiceNumber!,
        'Importe pagado',
        '$125.00',
      ]) {
        assert.ok(text.includes(expected), `the Spanish receipt shows “${expected}”:\n${text}`);
      }
    });

    it('is a tagged PDF in the client’s language, the invoices paid as a table with column headers', async () => {
      for (const [query, language, title, page, headers] of [
        ['', 'en', 'Payment receipt', 'Page 1 of 1', ['Invoice number (Column)', 'Amount (Column)']],
        ['?lang=es-US', 'es', 'Recibo de pago', 'Página 1 de 1', ['Número de factura (Column)', 'Importe (Column)']],
      ] as const) {
        const pdf = readTaggedPdf((await download(svc, `/api/v1/payments/${ids.payment}/receipt.pdf${query}`, alex)).bytes);
        assertTagged(pdf, { language, title: `${title} ${ids.receiptNumber} — Hale & Whitmore LLP`, footer: page });
        assert.deepEqual(
          elementsOf(pdf, 'H1').map((heading) => heading.text),
          [title],
        );
        const invoices = elementsOf(pdf, 'Table').find((table) => table.children[0]?.type === 'THead')!;
        assert.deepEqual(tableOf(invoices), { headers, rows: [[`TD:${ids.paidInvoiceNumber}`, 'TD:$125.00']] });
      }
    });

    it('does not exist for a failed payment, a bank payment not settled yet, nor for another client', async () => {
      const failed = await asProblem(`/api/v1/payments/${ids.failed}/receipt.pdf`, alex);
      assertProblem(failed, 404, 'receipt_not_available');
      assert.match(failed.body.detail, /did not go through/);
      const processing = await asProblem(`/api/v1/payments/${ids.processing}/receipt.pdf`, alex);
      assertProblem(processing, 404, 'receipt_not_available');
      assert.match(processing.body.detail, /once it settles/);
      assertProblem(await asProblem(`/api/v1/payments/${ids.payment}/receipt.pdf`, jordan), 404, 'not_found');
      assertProblem(await asProblem(`/api/v1/payments/${ids.payment}/receipt.pdf`, sam), 404, 'not_found');
      assertProblem(await asProblem('/api/v1/payments/pay_nope/receipt.pdf', alex), 404, 'not_found');
    });
  });
});

describe('PDF document pieces', () => {
  it('picks the language and the region: ?lang= first, then Accept-Language, then English', () => {
    assert.deepEqual(documentLocale('es', undefined, 'USD'), { language: 'es', locale: 'es-US', pageSize: 'LETTER' });
    assert.deepEqual(documentLocale('es-MX', 'en', 'USD'), { language: 'es', locale: 'es-MX', pageSize: 'LETTER' });
    assert.deepEqual(documentLocale(undefined, 'de-DE, es;q=0.7, en;q=0.9', 'USD'), { language: 'en', locale: 'en-US', pageSize: 'LETTER' });
    assert.deepEqual(documentLocale(undefined, 'de-DE, es;q=0.9, en;q=0.7', 'EUR'), { language: 'es', locale: 'es', pageSize: 'A4' });
    assert.deepEqual(documentLocale('de', undefined, 'GBP'), { language: 'en', locale: 'en-GB', pageSize: 'A4' });
    assert.deepEqual(documentLocale(undefined, undefined, 'USD'), { language: 'en', locale: 'en-US', pageSize: 'LETTER' });
  });

  it('reads the text of a content stream whose compressed bytes end in a carriage return', () => {
    // The tests read the PDFs' text (helpers/pdf-text.ts) by each stream's length, not up to
    // `endstream`: a receipt dated one day rather than another can end its stream so.
    const streamOf = (text: string) => deflateSync(`BT /F1 12 Tf <${Buffer.from(text, 'latin1').toString('hex')}> Tj ET`);
    const text = Array.from({ length: 5000 }, (_, n) => `Payment receipt ${n}`).find((candidate) => streamOf(candidate).at(-1) === 0x0d);
    assert.ok(text, 'a text whose compressed stream ends in a carriage return');
    const data = streamOf(text);
    const pdf = Buffer.concat([
      Buffer.from(`%PDF-1.3\n4 0 obj\n<<\n/Length ${data.length}\n/Filter /FlateDecode\n>>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream\nendobj\n', 'latin1'),
    ]);
    assert.equal(pdfTextOf(pdf), text);
  });

  it('prints a card surcharge as its own line before the total charged', async () => {
    const context: DocumentContext = {
      firm: { name: 'Hale & Whitmore LLP', address: [], logo: undefined, brandColor: '#1f3a5f', timeZone: 'America/Chicago' },
      client: { name: 'Alex Morgan', email: 'alex@example.com' },
      locale: documentLocale('en', undefined, 'USD'),
      createdAt: new Date('2026-03-02T15:00:00Z'),
    };
    const payment = {
      id: 'pay_1',
      status: 'succeeded' as const,
      amount: 12_875,
      currency: 'USD',
      method: { type: 'card' as const, brand: 'visa', last4: '4242' },
      source: 'portal' as const,
      reference: null,
      receiptNumber: 'R-100009',
      allocations: [{ invoiceId: 'inv_1', invoiceNumber: 'INV-7', amount: 12_500, depositAccount: 'operating' as const }],
      failure: null,
      amountRefunded: 0,
      refunds: [],
      checkoutId: null,
      createdAt: '2026-03-02T03:00:00Z',
      updatedAt: '2026-03-02T03:00:00Z',
      surcharge: 375,
    };
    const text = pdfTextOf(await receiptPdf(payment, context));
    const lines = text.split('\n');
    const at = (words: string) => lines.indexOf(words);
    assert.ok(at('Card surcharge') > at('Subtotal') && at('Total charged') > at('Card surcharge'), text);
    assert.ok(lines.includes('$3.75') && lines.includes('$128.75'), text);
    assert.ok(text.includes('March 1, 2026'), 'the date is the day it was in the firm’s time zone');
  });

  it('keeps a table that runs over pages one table: its header repeated on the next page is page furniture', async () => {
    const context: DocumentContext = {
      firm: { name: 'Hale & Whitmore LLP', address: ['100 Main Street'], logo: png, brandColor: '#1f3a5f', timeZone: 'America/Chicago' },
      client: { name: 'Alex Morgan', email: 'alex@example.com' },
      locale: documentLocale('en', undefined, 'USD'),
      createdAt: new Date('2026-03-02T15:00:00Z'),
    };
    const allocations = Array.from({ length: 60 }, (_, index) => ({
      invoiceId: `inv_${index}`,
      invoiceNumber: `INV-${1000 + index}`,
      amount: 100,
      depositAccount: 'operating' as const,
    }));
    const payment = {
      id: 'pay_2',
      status: 'succeeded' as const,
      amount: 6_000,
      currency: 'USD',
      method: { type: 'check' as const, brand: null, last4: null },
      source: 'firm' as const,
      reference: '#1002',
      receiptNumber: 'R-100010',
      allocations,
      failure: null,
      amountRefunded: 0,
      refunds: [],
      checkoutId: null,
      createdAt: '2026-03-02T03:00:00Z',
      updatedAt: '2026-03-02T03:00:00Z',
    };
    const pdf = readTaggedPdf(await receiptPdf(payment, context));
    assertTagged(pdf, { language: 'en', title: 'Payment receipt R-100010 — Hale & Whitmore LLP', footer: 'Page 3 of 3' });
    assert.ok(pdf.artifacts.includes('Page 1 of 3') && pdf.artifacts.includes('Page 2 of 3'));
    const invoices = elementsOf(pdf, 'Table').filter((table) => table.children[0]?.type === 'THead');
    assert.equal(invoices.length, 1, 'one table, over three pages');
    const { headers, rows } = tableOf(invoices[0]!);
    assert.deepEqual(headers, ['Invoice number (Column)', 'Amount (Column)'], 'its header cells once');
    assert.equal(rows.length, 60);
    assert.deepEqual(rows[59], ['TD:INV-1059', 'TD:$1.00']);
    assert.equal(pdf.artifacts.filter((text) => text === 'Invoice number').length, 2, 'the header drawn again on pages 2 and 3 is furniture');
    assert.equal(elementsOf(pdf, 'Figure')[0]?.alt, 'Hale & Whitmore LLP');
  });

  it('reads a logo only from where webhooks may go, only PNG or JPEG, once in a while', async () => {
    const clock = testClock();
    const fetched: string[] = [];
    const answers: Record<string, Buffer> = { 'https://cdn.hale.example/logo.png': png, 'https://cdn.hale.example/logo.gif': Buffer.from('GIF89a') };
    const fetchLogo: FetchLogo = async (url) => {
      fetched.push(url);
      return answers[url];
    };
    const logos = new FirmLogos({ policy: { production: true }, clock, fetch: fetchLogo });
    assert.equal(await logos.get('http://127.0.0.1:8080/logo.png'), undefined, 'no private address in production');
    assert.equal(await logos.get('http://cdn.hale.example/logo.png'), undefined, 'https only in production');
    assert.deepEqual(fetched, []);
    assert.deepEqual(await logos.get('https://cdn.hale.example/logo.png'), png);
    assert.equal(await logos.get('https://cdn.hale.example/logo.gif'), undefined, 'neither PNG nor JPEG');
    await logos.get('https://cdn.hale.example/logo.png');
    assert.deepEqual(fetched, ['https://cdn.hale.example/logo.png', 'https://cdn.hale.example/logo.gif'], 'kept, not fetched again');
    clock.advance(11 * 60_000);
    await logos.get('https://cdn.hale.example/logo.png');
    assert.equal(fetched.length, 3, 'fetched again after ten minutes');
    assert.deepEqual(await logos.get(`data:image/png;base64,${png.toString('base64')}`), png);
    assert.equal(await logos.get('data:image/svg+xml,<svg/>'), undefined);
  });
});
