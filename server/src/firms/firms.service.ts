import type { Clock } from '../clock.ts';
import { Problem } from '../http/problem.ts';
import { applyMergePatch } from '../http/merge-patch.ts';
import { parse } from '../http/validate.ts';
import { urlProblem, type WebhookAddressPolicy } from '../webhooks/index.ts';
import { brandingWarnings, logoWarnings, type Firm } from './firm.ts';
import { editableFirmSchema, newFirmSchema } from './firms.contract.ts';
import type { FirmsRepository } from './firms.repository.ts';

/** What the firm sees of itself through its API key, with any warnings about its branding. */
export function firmProfile(firm: Firm) {
  const { id, slug, name, currency, siteUrl, allowedOrigins, branding, settings, createdAt, updatedAt } = firm;
  const warnings = [...brandingWarnings(branding.colors), ...logoWarnings(branding.logoUrl)];
  return { id, slug, name, currency, siteUrl, allowedOrigins, branding, settings, createdAt, updatedAt, warnings };
}

export class FirmsService {
  /**
   * @param addressPolicy Where `settings.identity.jwksUrl` may point: the webhooks' rule (https to
   *   a public address in production; http://localhost too in development).
   */
  constructor(
    private readonly firms: FirmsRepository,
    private readonly clock: Clock,
    private readonly addressPolicy: WebhookAddressPolicy = { production: true },
  ) {}

  async create(input: unknown): Promise<Firm> {
    const firm = parse(newFirmSchema, input, 'firm');
    this.#checkJwksUrl(firm.settings.identity?.jwksUrl);
    if (await this.firms.findBySlug(firm.slug)) throw Problem.conflict('firm_exists', `A firm with the slug "${firm.slug}" already exists.`);
    return this.firms.create(firm, this.clock().toISOString());
  }

  /**
   * Changes the firm's profile, branding and settings by a JSON Merge Patch (RFC 7396): only the
   * fields sent change, at any depth, and `null` removes an optional one. The result is checked
   * as a whole, so a patch can never leave the firm half-valid.
   */
  async update(firmId: string, patch: unknown): Promise<Firm> {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
      throw Problem.badRequest('invalid_request', 'The request body must be a JSON object (a JSON Merge Patch of the firm).');
    }
    const current = (await this.firms.findById(firmId))!;
    const document = {
      name: current.name,
      currency: current.currency,
      ...(current.siteUrl ? { siteUrl: current.siteUrl } : {}),
      allowedOrigins: current.allowedOrigins,
      branding: current.branding,
      settings: current.settings,
    };
    const patched = applyMergePatch(document, patch) as { settings?: { surcharge?: { percent?: unknown } } };
    const percent = patched.settings?.surcharge?.percent;
    if (typeof percent === 'number' && percent > 3) {
      // A rule of the card networks, not a form error: answered as the business refusal it is.
      const field = 'settings.surcharge.percent';
      throw Problem.unprocessable('surcharge_too_high', `${field} must be at most 3: Visa and Mastercard cap a card surcharge at 3 %.`, {
        errors: [{ field, message: 'must be at most 3' }],
      });
    }
    const next = parse(editableFirmSchema, patched);
    if (next.settings.identity?.jwksUrl !== current.settings.identity?.jwksUrl) this.#checkJwksUrl(next.settings.identity?.jwksUrl);
    return this.firms.update(firmId, { ...next, siteUrl: next.siteUrl ?? null }, this.clock().toISOString());
  }

  /** The key set is fetched by the service itself: it may not point into the service's own network. */
  #checkJwksUrl(url: string | undefined) {
    const problem = url === undefined ? null : urlProblem(url, this.addressPolicy);
    if (!problem) return;
    const field = 'settings.identity.jwksUrl';
    throw Problem.badRequest('invalid_request', `The request body is invalid: ${field} ${problem}.`, { errors: [{ field, message: problem }] });
  }

  findById(id: string): Promise<Firm | undefined> {
    return this.firms.findById(id);
  }

  findBySlug(slug: string): Promise<Firm | undefined> {
    return this.firms.findBySlug(slug);
  }

  list(): Promise<Firm[]> {
    return this.firms.list();
  }

  /** Ids of the firms that list this origin as allowed (CORS). */
  firmIdsForOrigin(origin: string): Promise<string[]> {
    return this.firms.firmIdsForOrigin(origin);
  }

  /** The firm a client-facing request names, or a 404 problem. */
  async bySlug(slug: string): Promise<Firm> {
    const firm = await this.firms.findBySlug(slug);
    if (!firm) throw new Problem(404, 'firm_not_found', `No firm with the slug "${slug}".`);
    return firm;
  }
}
