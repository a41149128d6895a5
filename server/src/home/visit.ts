/**
 * A visit is a run of looks at the portal's home with no gap longer than this: a client who
 * comes back within half an hour is still on the same visit and still sees the same changes.
 * (Half an hour of inactivity is the usual end of a visit in web analytics.)
 */
export const visitGapMs = 30 * 60_000;

/** What is kept of a client's visits: where the current one's changes start, and their latest look at home. */
export interface Visits {
  sinceAt: string | null;
  lastSeenAt: string;
}

/**
 * Where "what changed since your last visit" starts, at `now`: the last look of the previous
 * visit once the current one has begun; null before the client's first look (all is new).
 */
export function changesSince(visits: Visits | undefined, now: Date): string | null {
  if (!visits) return null;
  const idle = now.getTime() - Date.parse(visits.lastSeenAt);
  return idle > visitGapMs ? visits.lastSeenAt : visits.sinceAt;
}
