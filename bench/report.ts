/** The value below which `p` percent of the samples fall. */
export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Prints one benchmark's figures as an aligned block. */
export function report(title: string, rows: [string, string][]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\n${title}`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

export interface Timing {
  p50: number;
  p99: number;
  runs: number;
}

/**
 * `runs` timed calls after a warm-up, or as many as fit in `budgetMs` (at least 20) when each is
 * slow: a query at hundreds of milliseconds says what it has to say in a few seconds.
 */
export async function timeCalls(runs: number, call: () => Promise<unknown>, budgetMs = 3_000): Promise<Timing> {
  const warmUntil = performance.now() + budgetMs / 6;
  for (let i = 0; i < Math.min(20, runs) && (i < 2 || performance.now() < warmUntil); i += 1) await call();
  const samples: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < runs && (i < 20 || performance.now() < until); i += 1) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), runs: samples.length };
}
