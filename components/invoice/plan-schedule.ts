import type { Plan, PlanInstalment, PlanOptions } from '../api/types.ts';
import { t } from './plan-messages.ts';

/** The most instalments a plan of `balance` may have: the firm's maximum, and none below its smallest instalment. */
export function largestPlan(balance: number, options: Pick<PlanOptions, 'maxInstalments' | 'minInstalment'>): number {
  return Math.min(options.maxInstalments, Math.floor(balance / Math.max(1, options.minInstalment)));
}

/** Suggested dates for `count` instalments: monthly from `earliest`, each at most `latest`. */
export function instalmentDates(earliest: string, latest: string, count: number): string[] {
  const [year, month, day] = earliest.split('-').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, index) => {
    const target = new Date(Date.UTC(year, month - 1 + index, 1));
    const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
    target.setUTCDate(Math.min(day, last));
    const date = target.toISOString().slice(0, 10);
    return date > latest ? latest : date;
  });
}

export function planStatusLabel(status: Plan['status']): string {
  const labels = {
    active: () => t('plan.status.active'),
    completed: () => t('plan.status.completed'),
    cancelled: () => t('plan.status.cancelled'),
    stopped: () => t('plan.status.stopped'),
  };
  return labels[status]();
}

export function planStatusTone(status: Plan['status']): string {
  return { active: 'info', completed: 'success', cancelled: 'neutral', stopped: 'danger' }[status];
}

/** An instalment's status as the client reads it; a scheduled one that failed once waits for its retry. */
export function instalmentStatusLabel(status: PlanInstalment['status'], retrying: boolean): string {
  const labels = {
    scheduled: () => t('plan.instalment.scheduled'),
    charging: () => t('plan.instalment.charging'),
    processing: () => t('plan.instalment.processing'),
    paid: () => t('plan.instalment.paid'),
    failed: () => t('plan.instalment.failed'),
    skipped: () => t('plan.instalment.skipped'),
    cancelled: () => t('plan.instalment.cancelled'),
  };
  return retrying ? t('plan.instalment.retrying') : labels[status]();
}

export function instalmentStatusTone(status: PlanInstalment['status'], retrying: boolean): string {
  if (retrying) return 'warning';
  return { scheduled: 'neutral', charging: 'info', processing: 'info', paid: 'success', failed: 'danger', skipped: 'neutral', cancelled: 'neutral' }[status];
}
