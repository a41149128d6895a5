/** A key's current fixed window: how many hits it has counted, and when it closes. */
export interface LimitWindow {
  hits: number;
  endsAt: Date;
}

/**
 * Where the abuse limits keep their counters: in the service's database, so a limit holds
 * across a restart and across instances. Asynchronous, because a networked database will be.
 */
export interface LimitStore {
  /**
   * Counts one hit on `key`, atomically: in its window if one is still open at `now`, else in a
   * new window of `windowMs` starting `now`. Answers the window as it is after the hit.
   */
  hit(key: string, windowMs: number, now: Date): Promise<LimitWindow>;
  /** The key's window if one is open at `now`, without counting anything. */
  peek(key: string, now: Date): Promise<LimitWindow | null>;
  /** Forgets the key's window (a success that clears earlier failures). */
  clear(key: string): Promise<void>;
  /** Forgets every window closed by `now`; answers how many. */
  prune(now: Date): Promise<number>;
}
