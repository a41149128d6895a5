import type { ServiceConnection } from '../../api/connection.ts';
import type * as schemas from '../../api/contract.ts';
import type { PageQuery } from '../../api/types.ts';
import type { RequestOptions, SignedInStaff, StaffSignIn } from './types.ts';

/** A client's task or event as the firm sees it: also whose it is and when it was written. */
export type FirmActivity = schemas.FirmActivity;

/** A page of the firm's tasks and events, newest written first. */
export type FirmActivityPage = schemas.FirmActivityPage;

/** A new task (`kind: 'task'`) or event (`kind: 'event'`) for one client. */
export type NewActivity = schemas.NewActivity;

/** What may change on a task or an event: only the fields sent. */
export type ActivityChanges = schemas.ActivityChanges;

export interface ActivityQuery extends PageQuery {
  /** Only this client's. */
  contactId?: string;
  kind?: 'task' | 'event';
}

/** Tasks and events the firm assigns to its clients (`/api/v1/admin/activities`). */
export class ActivitiesApi {
  readonly #connection: ServiceConnection<StaffSignIn, SignedInStaff>;

  constructor(connection: ServiceConnection<StaffSignIn, SignedInStaff>) {
    this.#connection = connection;
  }

  /**
   * One page of tasks and events, optionally one client's or one kind.
   *
   * @example client.activities.list({ contactId, limit: 200 }, { signal })
   */
  list({ contactId, kind, limit, cursor }: ActivityQuery = {}, { signal }: RequestOptions = {}): Promise<FirmActivityPage> {
    return this.#connection.request<FirmActivityPage>({
      method: 'GET',
      path: '/admin/activities',
      query: { contactId, kind, limit, cursor: cursor ?? undefined },
      authentication: 'bearer',
      signal,
    });
  }

  get(id: string, { signal }: RequestOptions = {}): Promise<FirmActivity> {
    return this.#connection.request<FirmActivity>({ method: 'GET', path: `/admin/activities/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }

  /** Creates a task or an event; a 400 `invalid_request` names the fields that are wrong. */
  create(activity: NewActivity, { signal }: RequestOptions = {}): Promise<FirmActivity> {
    return this.#connection.request<FirmActivity>({ method: 'POST', path: '/admin/activities', body: activity, authentication: 'bearer', signal });
  }

  /** Changes a task or an event (a task stays a task); `completed` marks a task done or open again. */
  update(id: string, changes: ActivityChanges, { signal }: RequestOptions = {}): Promise<FirmActivity> {
    return this.#connection.request<FirmActivity>({
      method: 'PATCH',
      path: `/admin/activities/${encodeURIComponent(id)}`,
      body: changes,
      authentication: 'bearer',
      signal,
    });
  }

  /** Deletes a task or an event. */
  remove(id: string, { signal }: RequestOptions = {}): Promise<void> {
    return this.#connection.request<void>({ method: 'DELETE', path: `/admin/activities/${encodeURIComponent(id)}`, authentication: 'bearer', signal });
  }
}
