import type { Db } from '../db/database.ts';
import { newId } from '../db/ids.ts';
import { defaultBranding, defaultSettings, type Branding, type Firm, type FirmSettings } from './firm.ts';

interface FirmRow {
  id: string; slug: string; name: string; currency: string; site_url: string | null;
  allowed_origins: string; branding: string; settings: string; created_at: string; updated_at: string;
}

function toFirm(row: FirmRow): Firm {
  const settings = JSON.parse(row.settings) as Partial<FirmSettings>;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    currency: row.currency,
    siteUrl: row.site_url,
    allowedOrigins: JSON.parse(row.allowed_origins) as string[],
    branding: { ...defaultBranding, ...(JSON.parse(row.branding) as Partial<Branding>) },
    settings: {
      ...defaultSettings,
      ...settings,
      sections: { ...defaultSettings.sections, ...settings.sections },
      paymentMethods: { ...defaultSettings.paymentMethods, ...settings.paymentMethods },
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewFirm {
  slug: string;
  name: string;
  currency?: string;
  siteUrl?: string | null;
  allowedOrigins?: string[];
  branding?: Branding;
  settings?: FirmSettings;
}

export type FirmChanges = Partial<Omit<NewFirm, 'slug'>>;

export class FirmsRepository {
  #byId;
  #bySlug;
  #byOrigin;
  #insert;
  #update;
  #list;

  constructor(db: Db) {
    this.#byId = db.prepare<[string], FirmRow>('SELECT * FROM firms WHERE id = ?');
    this.#bySlug = db.prepare<[string], FirmRow>('SELECT * FROM firms WHERE slug = ?');
    this.#byOrigin = db.prepare<[string], { id: string }>(
      'SELECT firms.id FROM firms, json_each(firms.allowed_origins) AS origin WHERE origin.value = ?',
    );
    this.#insert = db.prepare(
      `INSERT INTO firms (id, slug, name, currency, site_url, allowed_origins, branding, settings, created_at, updated_at)
       VALUES (@id, @slug, @name, @currency, @siteUrl, @allowedOrigins, @branding, @settings, @now, @now)`,
    );
    this.#update = db.prepare(
      `UPDATE firms SET name = @name, currency = @currency, site_url = @siteUrl, allowed_origins = @allowedOrigins,
         branding = @branding, settings = @settings, updated_at = @now WHERE id = @id`,
    );
    this.#list = db.prepare<[], FirmRow>('SELECT * FROM firms ORDER BY slug');
  }

  findById(id: string): Firm | undefined {
    const row = this.#byId.get(id);
    return row && toFirm(row);
  }

  findBySlug(slug: string): Firm | undefined {
    const row = this.#bySlug.get(slug);
    return row && toFirm(row);
  }

  list(): Firm[] {
    return this.#list.all().map(toFirm);
  }

  /** Ids of the firms that list this origin as allowed. */
  firmIdsForOrigin(origin: string): string[] {
    return this.#byOrigin.all(origin).map((row) => row.id);
  }

  create(firm: NewFirm, now: string): Firm {
    const id = newId('firm');
    this.#insert.run({
      id,
      slug: firm.slug,
      name: firm.name,
      currency: firm.currency ?? 'USD',
      siteUrl: firm.siteUrl ?? null,
      allowedOrigins: JSON.stringify(firm.allowedOrigins ?? []),
      branding: JSON.stringify(firm.branding ?? defaultBranding),
      settings: JSON.stringify(firm.settings ?? defaultSettings),
      now,
    });
    return this.findById(id)!;
  }

  update(id: string, changes: FirmChanges, now: string): Firm {
    const current = this.findById(id);
    if (!current) throw new Error(`firm ${id} does not exist`);
    const next = { ...current, ...changes };
    this.#update.run({
      id,
      name: next.name,
      currency: next.currency,
      siteUrl: next.siteUrl ?? null,
      allowedOrigins: JSON.stringify(next.allowedOrigins),
      branding: JSON.stringify(next.branding),
      settings: JSON.stringify(next.settings),
      now,
    });
    return this.findById(id)!;
  }
}
