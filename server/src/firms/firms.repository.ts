import { sql, type Selectable } from 'kysely';
import type { Storage } from '../db/storage.ts';
import type { FirmsTable } from '../db/schema.ts';
import { newId } from '../db/ids.ts';
import { QueryShapes } from '../db/query-shapes.ts';
import { defaultBranding, defaultSettings, type Branding, type Firm, type FirmSettings } from './firm.ts';

function toFirm(row: Selectable<FirmsTable>): Firm {
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
      surcharge: { ...defaultSettings.surcharge, ...settings.surcharge },
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A LIKE pattern matching `text` literally anywhere (with `ESCAPE '\'`). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

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
  readonly #byId = new QueryShapes<{ id: string }>();

  constructor(private readonly storage: Storage) {}

  /** Every authenticated request reads its firm: the statement is built once. */
  async findById(id: string): Promise<Firm | undefined> {
    const statement = this.#byId.compile('findById', { id }, (slots) => this.storage.db.selectFrom('firms').selectAll().where('id', '=', slots.id));
    const [row] = (await this.storage.db.executeQuery(statement)).rows;
    return row && toFirm(row);
  }

  async findBySlug(slug: string): Promise<Firm | undefined> {
    const row = await this.storage.db.selectFrom('firms').selectAll().where('slug', '=', slug).executeTakeFirst();
    return row && toFirm(row);
  }

  async list(): Promise<Firm[]> {
    const rows = await this.storage.db.selectFrom('firms').selectAll().orderBy('slug').execute();
    return rows.map(toFirm);
  }

  /** Ids of the firms that list this origin as allowed. */
  async firmIdsForOrigin(origin: string): Promise<string[]> {
    // The origins are a JSON array in text: LIKE finds the firms whose text holds the origin as
    // a JSON string (on either engine), and the parsed list decides exactly.
    const rows = await this.storage.db
      .selectFrom('firms')
      .select(['id', 'allowed_origins'])
      .where(sql<boolean>`allowed_origins LIKE ${containing(JSON.stringify(origin))} ESCAPE '\\'`)
      .orderBy('id')
      .execute();
    return rows.filter((row) => (JSON.parse(row.allowed_origins) as string[]).includes(origin)).map((row) => row.id);
  }

  async create(firm: NewFirm, now: string): Promise<Firm> {
    const id = newId('firm');
    await this.storage.db
      .insertInto('firms')
      .values({
        id,
        slug: firm.slug,
        name: firm.name,
        currency: firm.currency ?? 'USD',
        site_url: firm.siteUrl ?? null,
        allowed_origins: JSON.stringify(firm.allowedOrigins ?? []),
        branding: JSON.stringify(firm.branding ?? defaultBranding),
        settings: JSON.stringify(firm.settings ?? defaultSettings),
        created_at: now,
        updated_at: now,
      })
      .execute();
    return (await this.findById(id))!;
  }

  async update(id: string, changes: FirmChanges, now: string): Promise<Firm> {
    // Read and write in one transaction: a change made in between would be lost.
    return this.storage.transaction(async () => {
      const current = await this.findById(id);
      if (!current) throw new Error(`firm ${id} does not exist`);
      const next = { ...current, ...changes };
      await this.storage.db
        .updateTable('firms')
        .set({
          name: next.name,
          currency: next.currency,
          site_url: next.siteUrl ?? null,
          allowed_origins: JSON.stringify(next.allowedOrigins),
          branding: JSON.stringify(next.branding),
          settings: JSON.stringify(next.settings),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      return (await this.findById(id))!;
    });
  }
}
