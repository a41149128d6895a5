/** `npm run bench`: prints the figures each benchmark measures. Pass names to run only some. */
import { benchCrash } from './crash.ts';
import { benchFilesUpload } from './files-upload.ts';
import { benchFleet } from './fleet.ts';
import { benchInvoicesApi } from './invoices-api.ts';
import { benchInvoiceScale } from './invoice-scale.ts';
import { benchLighthouse } from './lighthouse.ts';
import { benchInvoicesRender } from './invoices-render.ts';
import { benchMessagesRender } from './messages-render.ts';
import { benchMessages } from './messages.ts';
import { benchPasswordReset } from './password-reset.ts';
import { benchPayments } from './payments.ts';
import { benchServiceProcess } from './service-process.ts';
import { benchSizes } from './sizes.ts';
import { benchTimeToForm } from './time-to-form.ts';

const benchmarks: Record<string, () => Promise<void>> = {
  'invoices-api': benchInvoicesApi,
  'service-process': benchServiceProcess,
  'invoices-render': benchInvoicesRender,
  'invoice-scale': benchInvoiceScale,
  messages: benchMessages,
  'messages-render': benchMessagesRender,
  'files-upload': benchFilesUpload,
  payments: benchPayments,
  crash: benchCrash,
  'password-reset': benchPasswordReset,
  fleet: benchFleet,
  'time-to-form': benchTimeToForm,
  lighthouse: benchLighthouse,
  sizes: benchSizes,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benchmarks)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
