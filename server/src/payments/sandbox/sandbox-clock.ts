import type { Clock } from '../../clock.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

const day = 86_400_000;
const offsetKey = 'clock_offset_ms';

/**
 * The sandbox processor's own time: the service clock plus an offset kept in the database, so
 * a developer (or a test) can jump ahead and watch bank debits settle without waiting days.
 */
export class SandboxClock {
  constructor(
    private readonly repository: SandboxRepository,
    private readonly clock: Clock,
  ) {}

  async now(): Promise<Date> {
    return new Date(this.clock().getTime() + (await this.offsetMs()));
  }

  async today(): Promise<string> {
    return (await this.now()).toISOString().slice(0, 10);
  }

  async advance(days: number): Promise<Date> {
    await this.repository.addToState(offsetKey, days * day);
    return this.now();
  }

  async offsetMs(): Promise<number> {
    return Number((await this.repository.state(offsetKey)) ?? 0);
  }
}

/** The date `count` business days (Monday to Friday) after `date`. */
export function addBusinessDays(date: string, count: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  let left = count;
  while (left > 0) {
    value.setUTCDate(value.getUTCDate() + 1);
    const weekday = value.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return value.toISOString().slice(0, 10);
}
