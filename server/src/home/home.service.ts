import type { z } from 'zod';
import type { ActivitiesService } from '../activities/index.ts';
import type { Clock } from '../clock.ts';
import type { FilesService } from '../files/index.ts';
import type { Firm } from '../firms/index.ts';
import type { InvoicesService } from '../invoices/index.ts';
import type { MessagesService } from '../messages/index.ts';
import type { PaymentsService } from '../payments/index.ts';
import { parse } from '../http/validate.ts';
import { countsQuery, homeQuery, seenBody, type Home as HomeShape, type HomeCounts as HomeCountsShape } from './home.contract.ts';
import type { HomeRepository } from './home.repository.ts';
import { changesSince } from './visit.ts';

export type Home = z.output<typeof HomeShape>;
export type HomeCounts = z.output<typeof HomeCountsShape>;
type Task = NonNullable<Home['tasks']>['first'][number];
type CalendarEvent = NonNullable<Home['nextEvents']>[number];

/** How many events, tasks and changed things of each kind home lists; the counts cover all of them. */
export const shownOnHome = 3;

export interface HomeServiceDeps {
  home: HomeRepository;
  activities: ActivitiesService;
  invoices: InvoicesService;
  messages: MessagesService;
  files: FilesService;
  payments: PaymentsService;
  clock: Clock;
}

/**
 * The client's home: what needs them now (balance due, unread messages, the next events, open
 * tasks) and what changed since their last visit. Each part comes from the component that owns
 * it, and only for the sections the firm shows the client.
 */
export class HomeService {
  constructor(private readonly deps: HomeServiceDeps) {}

  async forClient(firm: Firm, contactId: string, query: unknown = {}): Promise<Home> {
    parse(homeQuery, query, 'query');
    const { activities, invoices, messages, files, payments } = this.deps;
    const firmId = firm.id;
    const shows = firm.settings.sections;
    const since = changesSince(await this.deps.home.visits(firmId, contactId), this.deps.clock());
    const agenda = shows.activities ? await activities.list(firmId, contactId) : null;
    const openTasks = agenda ? [...agenda.overdue, ...agenda.upcoming.filter((a): a is Task => a.kind === 'task')] : [];
    return {
      since,
      balance: shows.invoices ? await invoices.outstandingForClient(firm, contactId) : null,
      unreadMessages: shows.messages ? await messages.unreadForClient(firmId, contactId) : null,
      nextEvents: agenda ? agenda.upcoming.filter((a): a is CalendarEvent => a.kind === 'event').slice(0, shownOnHome) : null,
      tasks: agenda ? { openCount: openTasks.length, overdueCount: agenda.overdue.length, first: openTasks.slice(0, shownOnHome) } : null,
      changes: {
        invoices: shows.invoices ? await invoices.sentToClientSince(firmId, contactId, since, shownOnHome) : null,
        documents: shows.files ? await files.sharedWithClientSince(firmId, contactId, since, shownOnHome) : null,
        messages: shows.messages ? await messages.fromFirmSince(firmId, contactId, since, shownOnHome) : null,
        payments: firm.settings.showPayments ? await payments.settledForClientSince(firmId, contactId, since, shownOnHome) : null,
      },
    };
  }

  /** The navigation's counts: unread messages and unpaid invoices, for the sections the firm shows. */
  async countsFor(firm: Firm, contactId: string, query: unknown = {}): Promise<HomeCounts> {
    parse(countsQuery, query, 'query');
    const shows = firm.settings.sections;
    return {
      unreadMessages: shows.messages ? await this.deps.messages.unreadForClient(firm.id, contactId) : null,
      unpaidInvoices: shows.invoices ? (await this.deps.invoices.outstandingForClient(firm, contactId)).invoiceIds.length : null,
    };
  }

  /**
   * The client looked at home: the visit goes on, or, after a gap, a new one starts whose
   * changes begin at the previous visit's last look. Reading home never changes this.
   */
  async seen(firmId: string, contactId: string, body: unknown = {}): Promise<void> {
    parse(seenBody, body ?? {});
    const now = this.deps.clock();
    const sinceAt = changesSince(await this.deps.home.visits(firmId, contactId), now);
    await this.deps.home.recordVisits(firmId, contactId, { sinceAt, lastSeenAt: now.toISOString() });
  }
}
