import { randomBytes } from 'node:crypto';
import type { Actor, AuditLog } from '../audit/index.ts';
import type { Clock } from '../clock.ts';
import { hashSecret } from '../db/ids.ts';
import { Problem } from '../http/problem.ts';
import type { ApiKey, ApiKeysRepository } from './api-keys.repository.ts';

const keyPattern = /^pk_[A-Za-z0-9_-]{40,64}$/;

/** A firm's API keys: `pk_` and 256 random bits. The key is shown once; only its hash is kept. */
export class ApiKeysService {
  #lastTouched = new Map<string, number>();

  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
  ) {}

  /** A new key for the firm; `actor` is who asked for it through the API (the CLI's keys are not audited there). */
  async create(firmId: string, name: string, actor?: Actor): Promise<{ key: string; apiKey: ApiKey }> {
    const key = `pk_${randomBytes(32).toString('base64url')}`;
    const now = this.clock().toISOString();
    const apiKey = await this.keys.create({ firmId, name, prefix: key.slice(0, 10), keyHash: hashSecret(key) }, now);
    if (actor) await this.audit.record({ firmId, actor, action: 'api_key.created', subject: { type: 'api_key', id: apiKey.id } }, now);
    return { key, apiKey };
  }

  /**
   * The key a request presents, or a 401 problem. Looked up in the store on every request (no
   * cache), so a revoked key is refused from the very next request, on every instance.
   */
  async authenticate(presented: string): Promise<ApiKey> {
    const apiKey = keyPattern.test(presented) ? await this.keys.findActiveByHash(hashSecret(presented)) : undefined;
    if (!apiKey) throw Problem.unauthorized('api_key_invalid', 'The API key is not valid or has been revoked.');
    // Recording every use would write on every read; once a minute per key is enough to audit.
    const now = this.clock();
    if (now.getTime() - (this.#lastTouched.get(apiKey.id) ?? 0) > 60_000) {
      this.#lastTouched.set(apiKey.id, now.getTime());
      await this.keys.touch(apiKey.id, now.toISOString());
    }
    return apiKey;
  }

  /** The firm's keys, revoked ones included, oldest first. */
  list(firmId: string): Promise<ApiKey[]> {
    return this.keys.list(firmId);
  }

  /** Revokes one of the firm's active keys; another firm's, an unknown or a revoked one is a 404. */
  async revoke(firmId: string, id: string, actor: Actor): Promise<void> {
    const now = this.clock().toISOString();
    if (!(await this.keys.revoke(firmId, id, now))) throw Problem.notFound('API key');
    this.#lastTouched.delete(id);
    await this.audit.record({ firmId, actor, action: 'api_key.revoked', subject: { type: 'api_key', id } }, now);
  }
}
