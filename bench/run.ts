/** `npm run bench`: prints the figures each benchmark measures. Pass names to run only some. */
import { benchInvoicesApi } from './invoices-api.ts';

const benchmarks: Record<string, () => Promise<void>> = {
  'invoices-api': benchInvoicesApi,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benchmarks)) {
  if (wanted.length && !wanted.includes(name)) continue;
  await run();
}
