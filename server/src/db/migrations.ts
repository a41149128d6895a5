/**
 * The schema, one numbered migration at a time. A migration is never edited once released:
 * change the schema by appending a new one. `user_version` records the last one applied.
 * Times are ISO 8601 UTC text; money is INTEGER minor units with its ISO 4217 currency.
 */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'firms, contacts, sign-in, api keys, mail outbox, audit log',
    up: `
      CREATE TABLE firms (
        id              TEXT PRIMARY KEY,
        slug            TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND length(slug) BETWEEN 2 AND 63),
        name            TEXT NOT NULL,
        currency        TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
        site_url        TEXT,
        allowed_origins TEXT NOT NULL DEFAULT '[]',
        branding        TEXT NOT NULL DEFAULT '{}',
        settings        TEXT NOT NULL DEFAULT '{}',
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );

      CREATE TABLE contacts (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        email       TEXT NOT NULL,
        name        TEXT NOT NULL,
        phone       TEXT,
        status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (firm_id, email)
      );

      CREATE TABLE portal_logins (
        contact_id          TEXT PRIMARY KEY REFERENCES contacts(id),
        password_hash       TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        last_login_at       TEXT,
        created_at          TEXT NOT NULL
      );

      CREATE TABLE invitations (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        contact_id  TEXT NOT NULL REFERENCES contacts(id),
        token_hash  TEXT NOT NULL UNIQUE,
        expires_at  TEXT NOT NULL,
        accepted_at TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX invitations_contact ON invitations (contact_id);

      CREATE TABLE password_resets (
        id          TEXT PRIMARY KEY,
        contact_id  TEXT NOT NULL REFERENCES contacts(id),
        token_hash  TEXT NOT NULL UNIQUE,
        expires_at  TEXT NOT NULL,
        used_at     TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX password_resets_contact ON password_resets (contact_id);

      -- A family is one sign-in; each refresh rotates to a new token in the same family.
      -- Presenting a token that was already rotated revokes the whole family.
      CREATE TABLE refresh_families (
        id             TEXT PRIMARY KEY,
        contact_id     TEXT NOT NULL REFERENCES contacts(id),
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        created_at     TEXT NOT NULL,
        revoked_at     TEXT,
        revoked_reason TEXT
      );
      CREATE INDEX refresh_families_contact ON refresh_families (contact_id);

      CREATE TABLE refresh_tokens (
        id          TEXT PRIMARY KEY,
        family_id   TEXT NOT NULL REFERENCES refresh_families(id),
        token_hash  TEXT NOT NULL UNIQUE,
        expires_at  TEXT NOT NULL,
        used_at     TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

      CREATE TABLE api_keys (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        name         TEXT NOT NULL,
        prefix       TEXT NOT NULL,
        key_hash     TEXT NOT NULL UNIQUE,
        created_at   TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at   TEXT
      );
      CREATE INDEX api_keys_firm ON api_keys (firm_id);

      CREATE TABLE outbox_messages (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT REFERENCES firms(id),
        to_address  TEXT NOT NULL,
        from_address TEXT NOT NULL,
        subject     TEXT NOT NULL,
        text_body   TEXT NOT NULL,
        html_body   TEXT NOT NULL,
        kind        TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX outbox_messages_created ON outbox_messages (created_at);

      CREATE TABLE audit_log (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        firm_id      TEXT REFERENCES firms(id),
        actor_type   TEXT NOT NULL CHECK (actor_type IN ('contact', 'api_key', 'system')),
        actor_id     TEXT,
        action       TEXT NOT NULL,
        subject_type TEXT,
        subject_id   TEXT,
        data         TEXT NOT NULL DEFAULT '{}',
        ip           TEXT,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX audit_log_firm ON audit_log (firm_id, id);
    `,
  },
];
