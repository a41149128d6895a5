import type { Clock } from '../clock.ts';
import { hashSecret, newSecret } from '../db/ids.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';

const day = 86_400_000;
export const refreshLifetimeMs = 14 * day;
/**
 * Two tabs that refresh at the same moment present the same token; the second, within this
 * grace, gets a fresh token of the same sign-in instead of being treated as a thief.
 */
export const refreshReuseGraceMs = 10_000;

/** A presented refresh token as its store finds it by hash. */
export interface StoredRefreshToken {
  id: string;
  familyId: string;
  usedAt: string | null;
}

/** Where one kind of sign-in keeps its refresh families and tokens (clients', staff's). */
export interface RefreshStore {
  refreshByTokenHash(tokenHash: string): Promise<StoredRefreshToken | undefined>;
  /** Marks a token used; false when it was used already. */
  useRefreshToken(id: string, now: string): Promise<boolean>;
  addRefreshToken(familyId: string, tokenHash: string, expiresAt: string, now: string): Promise<void>;
  revokeFamily(familyId: string, reason: string, now: string): Promise<void>;
}

/**
 * Rotates a refresh token: the presented one is used up and the family gets a new one. A token
 * already rotated (outside the short grace) means it was copied: the whole family is revoked
 * and `reused` is answered instead of a token.
 */
export async function rotateRefreshToken(
  deps: { store: RefreshStore; unitOfWork: UnitOfWork; clock: Clock },
  token: StoredRefreshToken,
  presented: string,
): Promise<{ reused: true } | { reused: false; refreshToken: string; refreshExpiresAt: Date }> {
  const { store, clock } = deps;
  const now = clock().toISOString();
  const next = newSecret();
  const refreshExpiresAt = new Date(clock().getTime() + refreshLifetimeMs);
  const reused = await deps.unitOfWork(async () => {
    if (!(await store.useRefreshToken(token.id, now))) {
      const usedAt = Date.parse(token.usedAt ?? (await store.refreshByTokenHash(hashSecret(presented)))!.usedAt!);
      if (clock().getTime() - usedAt > refreshReuseGraceMs) {
        await store.revokeFamily(token.familyId, 'refresh_reused', now);
        return true;
      }
    }
    await store.addRefreshToken(token.familyId, hashSecret(next), refreshExpiresAt.toISOString(), now);
    return false;
  });
  return reused ? { reused: true } : { reused: false, refreshToken: next, refreshExpiresAt };
}
