import type { Clock } from '../../clock.ts';
import type { SandboxRepository } from './sandbox.repository.ts';

const day = 86_400_000;

/**
 * The sandbox processor's own time: the service clock plus an offset kept in the database, so
 * a developer (or a test) can jump ahead and watch bank debits settle without waiting days.
 */
export class SandboxClock {
  constructor(
    private readonly repository: SandboxRepository,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return new Date(this.clock().getTime() + this.offsetMs());
  }

  today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  advance(days: number): Date {
    this.repository.setState('clock_offset_ms', String(this.offsetMs() + days * day));
    return this.now();
  }

  offsetMs(): number {
    return Number(this.repository.state('clock_offset_ms') ?? 0);
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
