/** Paths under `/api/v1` that the client works out without calling the service. */

/** An event's iCalendar file. */
export const activityCalendarPath = (id: string): string => `/activities/${encodeURIComponent(id)}/calendar.ics`;
