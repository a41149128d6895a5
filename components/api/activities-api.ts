import type { ServiceConnection } from './connection.ts';
import { activityCalendarPath } from './paths.ts';
import type { Activity, ActivityGroups, ActivityListQuery, DownloadedFile, RequestOptions } from './types.ts';

/** The signed-in client's tasks and events: `/api/v1/activities`. */
export class ActivitiesApi {
  readonly #connection: ServiceConnection;

  constructor(connection: ServiceConnection) {
    this.#connection = connection;
  }

  /** Overdue, upcoming and done activities. */
  list({ done }: ActivityListQuery = {}, { signal }: RequestOptions = {}): Promise<ActivityGroups> {
    return this.#connection.request<ActivityGroups>({
      method: 'GET',
      path: '/activities',
      query: { done },
      authentication: 'bearer',
      signal,
    });
  }

  /** Marks a task done (`true`) or not done (`false`); answers with the task as it now stands. */
  setCompleted(id: string, completed: boolean, { signal }: RequestOptions = {}): Promise<Activity> {
    return this.#connection.request<Activity>({
      method: 'PATCH',
      path: `/activities/${encodeURIComponent(id)}`,
      body: { completed },
      authentication: 'bearer',
      signal,
    });
  }

  /**
   * The address of an event's iCalendar file. It needs the client's access token, so a plain
   * link cannot open it; use `calendar()` to fetch the file.
   */
  calendarUrl(id: string): string {
    return this.#connection.urlFor(activityCalendarPath(id));
  }

  /** An event as an iCalendar (`.ics`) file, for the client's own calendar app. */
  calendar(id: string, { signal }: RequestOptions = {}): Promise<DownloadedFile> {
    return this.#connection.download({
      method: 'GET',
      path: activityCalendarPath(id),
      headers: { Accept: 'text/calendar, application/problem+json' },
      authentication: 'bearer',
      signal,
    });
  }
}
