/**
 * The schema, one numbered migration at a time, for each engine: `sqlite` and `postgres` bring a
 * database of that engine to the same schema (tables, columns, keys, indexes) after the same step.
 * Migrations are applied in order, on either engine, and never edited once released (their
 * checksums are kept): change the schema by appending a new one.
 * Times are ISO 8601 UTC text; money is integer minor units with its ISO 4217 currency. On
 * PostgreSQL, SQLite's INTEGER is BIGINT (read as a JS number) and flags stay 0/1, not boolean.
 */
export interface Migration {
  version: number;
  name: string;
  /** The SQLite DDL and backfills of this step; '' when SQLite has nothing to do. */
  sqlite: string;
  /** The PostgreSQL 15 DDL and backfills of this step. */
  postgres: string;
}

/** Migration 16, the same on both engines. */
const invoiceNumberOnAllocations = `
      ALTER TABLE payment_allocations ADD COLUMN invoice_number TEXT NOT NULL DEFAULT '';
      UPDATE payment_allocations SET invoice_number = (SELECT number FROM invoices WHERE invoices.id = payment_allocations.invoice_id);
    `;

/** Migration 18, the same on both engines. */
const checkoutHolder = `
      ALTER TABLE idempotency_keys ADD COLUMN locked_by TEXT;
    `;

/** Migration 23, the same on both engines. */
const contactLocale = `
      ALTER TABLE contacts ADD COLUMN locale TEXT CHECK (locale IN ('en', 'es'));
      ALTER TABLE contacts ADD COLUMN portal_locale TEXT CHECK (portal_locale IN ('en', 'es'));
    `;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'firms, contacts, sign-in, api keys, mail outbox, audit log',
    sqlite: `
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
    postgres: `
      -- slug GLOB '[a-z0-9]*' on SQLite: it starts with a lower-case letter or a digit.
      CREATE TABLE firms (
        id              TEXT PRIMARY KEY,
        slug            TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]' AND length(slug) BETWEEN 2 AND 63),
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
        id           TEXT PRIMARY KEY,
        firm_id      TEXT REFERENCES firms(id),
        to_address   TEXT NOT NULL,
        from_address TEXT NOT NULL,
        subject      TEXT NOT NULL,
        text_body    TEXT NOT NULL,
        html_body    TEXT NOT NULL,
        kind         TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX outbox_messages_created ON outbox_messages (created_at);

      CREATE TABLE audit_log (
        id           BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
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
  {
    version: 2,
    name: 'invoices and their lines, the payments ledger, tasks and events',
    sqlite: `
      -- state is the firm's lifecycle only; what the client sees (open, partially paid, paid,
      -- overdue) is derived from it, the ledger and the due date, never stored.
      CREATE TABLE invoices (
        id              TEXT PRIMARY KEY,
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        number          TEXT NOT NULL,
        matter          TEXT,
        issued_on       TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        due_on          TEXT NOT NULL CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        currency        TEXT NOT NULL CHECK (length(currency) = 3),
        deposit_account TEXT NOT NULL DEFAULT 'operating' CHECK (deposit_account IN ('operating', 'trust')),
        state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'void')),
        notes           TEXT,
        subtotal        INTEGER NOT NULL DEFAULT 0,
        discount        INTEGER NOT NULL DEFAULT 0 CHECK (discount <= 0),
        tax             INTEGER NOT NULL DEFAULT 0 CHECK (tax >= 0),
        total           INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
        sent_at         TEXT,
        voided_at       TEXT,
        void_reason     TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (firm_id, number)
      );
      CREATE INDEX invoices_contact_issued ON invoices (contact_id, issued_on, id);
      CREATE INDEX invoices_firm_state ON invoices (firm_id, state);

      CREATE TABLE invoice_lines (
        id             TEXT PRIMARY KEY,
        invoice_id     TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('time', 'expense', 'flat_fee', 'discount', 'tax')),
        service_date   TEXT,
        description    TEXT NOT NULL,
        -- thousandths of a unit (hours for time entries), so 1.25 h is 1250: no floating point
        quantity_milli INTEGER,
        rate           INTEGER,
        amount         INTEGER NOT NULL,
        UNIQUE (invoice_id, position)
      );

      -- The ledger is append-only: a payment and its allocations never change; what happens to
      -- it later (settled, failed, refunded) is a new row in payment_events.
      CREATE TABLE payments (
        id             TEXT PRIMARY KEY,
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        contact_id     TEXT NOT NULL REFERENCES contacts(id),
        amount         INTEGER NOT NULL CHECK (amount > 0),
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        method_type    TEXT NOT NULL CHECK (method_type IN ('card', 'us_bank_account', 'check', 'wire', 'cash', 'other')),
        method_brand   TEXT,
        method_last4   TEXT,
        source         TEXT NOT NULL CHECK (source IN ('portal', 'firm')),
        reference      TEXT,
        receipt_number TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        UNIQUE (firm_id, receipt_number)
      );
      CREATE INDEX payments_contact ON payments (contact_id, created_at, id);

      CREATE TABLE payment_allocations (
        payment_id      TEXT NOT NULL REFERENCES payments(id),
        invoice_id      TEXT NOT NULL REFERENCES invoices(id),
        amount          INTEGER NOT NULL CHECK (amount > 0),
        deposit_account TEXT NOT NULL CHECK (deposit_account IN ('operating', 'trust')),
        PRIMARY KEY (payment_id, invoice_id)
      );
      CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);

      CREATE TABLE payment_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id  TEXT NOT NULL REFERENCES payments(id),
        status      TEXT NOT NULL CHECK (status IN ('requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed')),
        reason      TEXT,
        occurred_at TEXT NOT NULL
      );
      CREATE INDEX payment_events_payment ON payment_events (payment_id, id);

      -- A payment's status is its latest event.
      CREATE VIEW payment_status AS
        SELECT e.payment_id, e.status, e.reason, e.occurred_at
        FROM payment_events e
        WHERE e.id = (SELECT MAX(id) FROM payment_events WHERE payment_id = e.payment_id);

      CREATE TABLE activities (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        contact_id   TEXT NOT NULL REFERENCES contacts(id),
        kind         TEXT NOT NULL CHECK (kind IN ('task', 'event')),
        title        TEXT NOT NULL,
        notes        TEXT,
        -- tasks: a due date (YYYY-MM-DD) and when the client completed it
        due_on       TEXT,
        completed_at TEXT,
        -- events: start and end, ISO instants, or dates when all_day
        starts_at    TEXT,
        ends_at      TEXT,
        all_day      INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
        location     TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK ((kind = 'task' AND starts_at IS NULL) OR (kind = 'event' AND starts_at IS NOT NULL AND due_on IS NULL AND completed_at IS NULL))
      );
      CREATE INDEX activities_contact ON activities (contact_id, kind);
    `,
    postgres: `
      -- issued_on and due_on are YYYY-MM-DD, as the GLOB on SQLite checks.
      CREATE TABLE invoices (
        id              TEXT PRIMARY KEY,
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        number          TEXT NOT NULL,
        matter          TEXT,
        issued_on       TEXT NOT NULL CHECK (issued_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        due_on          TEXT NOT NULL CHECK (due_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
        currency        TEXT NOT NULL CHECK (length(currency) = 3),
        deposit_account TEXT NOT NULL DEFAULT 'operating' CHECK (deposit_account IN ('operating', 'trust')),
        state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'void')),
        notes           TEXT,
        subtotal        BIGINT NOT NULL DEFAULT 0,
        discount        BIGINT NOT NULL DEFAULT 0 CHECK (discount <= 0),
        tax             BIGINT NOT NULL DEFAULT 0 CHECK (tax >= 0),
        total           BIGINT NOT NULL DEFAULT 0 CHECK (total >= 0),
        sent_at         TEXT,
        voided_at       TEXT,
        void_reason     TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (firm_id, number)
      );
      CREATE INDEX invoices_contact_issued ON invoices (contact_id, issued_on, id);
      CREATE INDEX invoices_firm_state ON invoices (firm_id, state);

      CREATE TABLE invoice_lines (
        id             TEXT PRIMARY KEY,
        invoice_id     TEXT NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
        position       BIGINT NOT NULL,
        kind           TEXT NOT NULL CHECK (kind IN ('time', 'expense', 'flat_fee', 'discount', 'tax')),
        service_date   TEXT,
        description    TEXT NOT NULL,
        quantity_milli BIGINT,
        rate           BIGINT,
        amount         BIGINT NOT NULL,
        UNIQUE (invoice_id, position)
      );

      CREATE TABLE payments (
        id             TEXT PRIMARY KEY,
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        contact_id     TEXT NOT NULL REFERENCES contacts(id),
        amount         BIGINT NOT NULL CHECK (amount > 0),
        currency       TEXT NOT NULL CHECK (length(currency) = 3),
        method_type    TEXT NOT NULL CHECK (method_type IN ('card', 'us_bank_account', 'check', 'wire', 'cash', 'other')),
        method_brand   TEXT,
        method_last4   TEXT,
        source         TEXT NOT NULL CHECK (source IN ('portal', 'firm')),
        reference      TEXT,
        receipt_number TEXT NOT NULL,
        created_at     TEXT NOT NULL,
        UNIQUE (firm_id, receipt_number)
      );
      CREATE INDEX payments_contact ON payments (contact_id, created_at, id);

      CREATE TABLE payment_allocations (
        payment_id      TEXT NOT NULL REFERENCES payments(id),
        invoice_id      TEXT NOT NULL REFERENCES invoices(id),
        amount          BIGINT NOT NULL CHECK (amount > 0),
        deposit_account TEXT NOT NULL CHECK (deposit_account IN ('operating', 'trust')),
        PRIMARY KEY (payment_id, invoice_id)
      );
      CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);

      CREATE TABLE payment_events (
        id          BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        payment_id  TEXT NOT NULL REFERENCES payments(id),
        status      TEXT NOT NULL CHECK (status IN ('requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed')),
        reason      TEXT,
        occurred_at TEXT NOT NULL
      );
      CREATE INDEX payment_events_payment ON payment_events (payment_id, id);

      CREATE VIEW payment_status AS
        SELECT e.payment_id, e.status, e.reason, e.occurred_at
        FROM payment_events e
        WHERE e.id = (SELECT MAX(id) FROM payment_events WHERE payment_id = e.payment_id);

      CREATE TABLE activities (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        contact_id   TEXT NOT NULL REFERENCES contacts(id),
        kind         TEXT NOT NULL CHECK (kind IN ('task', 'event')),
        title        TEXT NOT NULL,
        notes        TEXT,
        due_on       TEXT,
        completed_at TEXT,
        starts_at    TEXT,
        ends_at      TEXT,
        all_day      BIGINT NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
        location     TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        CHECK ((kind = 'task' AND starts_at IS NULL) OR (kind = 'event' AND starts_at IS NOT NULL AND due_on IS NULL AND completed_at IS NULL))
      );
      CREATE INDEX activities_contact ON activities (contact_id, kind);
    `,
  },
  {
    version: 3,
    name: 'secure messages in threads, files shared with and uploaded by clients',
    sqlite: `
      -- The bytes live on disk under storage_key, a generated name; name is only what the
      -- download is called. Every file belongs to one contact: shared with them or sent by them.
      CREATE TABLE files (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        content_type     TEXT NOT NULL,
        size             INTEGER NOT NULL CHECK (size > 0),
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
        -- the matter the file belongs to; '' when it is in no folder
        folder           TEXT NOT NULL DEFAULT '',
        storage_key      TEXT NOT NULL UNIQUE,
        uploaded_by_type TEXT NOT NULL CHECK (uploaded_by_type IN ('contact', 'staff')),
        uploaded_by_name TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX files_contact ON files (contact_id, created_at, id);
      CREATE INDEX files_contact_folder ON files (contact_id, folder, created_at, id);
      CREATE INDEX files_firm ON files (firm_id, created_at, id);

      -- seq orders messages as they were written, across threads: it pages a thread, orders the
      -- thread list by latest activity and marks what each side has read, without relying on
      -- timestamps being distinct.
      CREATE TABLE threads (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        subject          TEXT NOT NULL,
        status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        last_seq         INTEGER NOT NULL DEFAULT 0,
        last_contact_seq INTEGER NOT NULL DEFAULT 0,
        last_staff_seq   INTEGER NOT NULL DEFAULT 0,
        contact_read_seq INTEGER NOT NULL DEFAULT 0,
        firm_read_seq    INTEGER NOT NULL DEFAULT 0,
        last_message_at  TEXT NOT NULL,
        closed_at        TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX threads_contact ON threads (contact_id, last_seq);
      CREATE INDEX threads_firm ON threads (firm_id, last_seq);

      CREATE TABLE messages (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        thread_id   TEXT NOT NULL REFERENCES threads(id),
        author_type TEXT NOT NULL CHECK (author_type IN ('contact', 'staff')),
        author_name TEXT NOT NULL,
        body        TEXT NOT NULL CHECK (length(body) > 0),
        created_at  TEXT NOT NULL
      );
      CREATE INDEX messages_thread ON messages (thread_id, seq);
      CREATE INDEX messages_thread_author ON messages (thread_id, author_type, seq);

      -- Deleting a file takes it off the messages it was attached to.
      CREATE TABLE message_attachments (
        message_id TEXT NOT NULL REFERENCES messages(id),
        file_id    TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        position   INTEGER NOT NULL,
        PRIMARY KEY (message_id, file_id)
      );
      CREATE INDEX message_attachments_file ON message_attachments (file_id);
    `,
    postgres: `
      CREATE TABLE files (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        content_type     TEXT NOT NULL,
        size             BIGINT NOT NULL CHECK (size > 0),
        sha256           TEXT NOT NULL CHECK (length(sha256) = 64),
        folder           TEXT NOT NULL DEFAULT '',
        storage_key      TEXT NOT NULL UNIQUE,
        uploaded_by_type TEXT NOT NULL CHECK (uploaded_by_type IN ('contact', 'staff')),
        uploaded_by_name TEXT NOT NULL,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX files_contact ON files (contact_id, created_at, id);
      CREATE INDEX files_contact_folder ON files (contact_id, folder, created_at, id);
      CREATE INDEX files_firm ON files (firm_id, created_at, id);

      CREATE TABLE threads (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        subject          TEXT NOT NULL,
        status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        last_seq         BIGINT NOT NULL DEFAULT 0,
        last_contact_seq BIGINT NOT NULL DEFAULT 0,
        last_staff_seq   BIGINT NOT NULL DEFAULT 0,
        contact_read_seq BIGINT NOT NULL DEFAULT 0,
        firm_read_seq    BIGINT NOT NULL DEFAULT 0,
        last_message_at  TEXT NOT NULL,
        closed_at        TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX threads_contact ON threads (contact_id, last_seq);
      CREATE INDEX threads_firm ON threads (firm_id, last_seq);

      -- seq comes from a sequence: values are taken in insert order but become visible in commit
      -- order, which concurrent writers may not share (SQLite has one writer at a time).
      CREATE TABLE messages (
        seq         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        thread_id   TEXT NOT NULL REFERENCES threads(id),
        author_type TEXT NOT NULL CHECK (author_type IN ('contact', 'staff')),
        author_name TEXT NOT NULL,
        body        TEXT NOT NULL CHECK (length(body) > 0),
        created_at  TEXT NOT NULL
      );
      CREATE INDEX messages_thread ON messages (thread_id, seq);
      CREATE INDEX messages_thread_author ON messages (thread_id, author_type, seq);

      CREATE TABLE message_attachments (
        message_id TEXT NOT NULL REFERENCES messages(id),
        file_id    TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
        position   BIGINT NOT NULL,
        PRIMARY KEY (message_id, file_id)
      );
      CREATE INDEX message_attachments_file ON message_attachments (file_id);
    `,
  },
  {
    version: 4,
    name: 'paying in the portal: checkouts, idempotency, saved methods, mandates, the sandbox processor',
    sqlite: `
      -- One checkout may pay trust and operating invoices at once: it becomes one payment per
      -- deposit account, so trust money is never mixed with operating money.
      ALTER TABLE payments ADD COLUMN checkout_id TEXT;
      ALTER TABLE payments ADD COLUMN processor TEXT;
      ALTER TABLE payments ADD COLUMN processor_ref TEXT;
      ALTER TABLE payments ADD COLUMN saved_method_id TEXT;
      CREATE INDEX payments_checkout ON payments (checkout_id);
      CREATE UNIQUE INDEX payments_processor_ref ON payments (processor, processor_ref);

      CREATE TABLE idempotency_keys (
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        key             TEXT NOT NULL,
        request_hash    TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
        response_status INTEGER,
        response_body   TEXT,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (contact_id, key)
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

      CREATE TABLE saved_payment_methods (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        contact_id    TEXT NOT NULL REFERENCES contacts(id),
        processor     TEXT NOT NULL,
        processor_ref TEXT NOT NULL,
        type          TEXT NOT NULL CHECK (type IN ('card', 'us_bank_account')),
        brand         TEXT,
        last4         TEXT NOT NULL,
        exp_month     INTEGER,
        exp_year      INTEGER,
        account_type  TEXT,
        consent_text  TEXT NOT NULL,
        consented_at  TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        removed_at    TEXT
      );
      CREATE INDEX saved_payment_methods_contact ON saved_payment_methods (contact_id);

      -- The ACH debit authorization the client accepted, word for word.
      CREATE TABLE payment_mandates (
        payment_id  TEXT PRIMARY KEY REFERENCES payments(id),
        text        TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        ip          TEXT,
        user_agent  TEXT
      );

      -- The built-in sandbox processor's own records, as a real processor would keep them.
      CREATE TABLE sandbox_payment_methods (
        id           TEXT PRIMARY KEY,
        type         TEXT NOT NULL CHECK (type IN ('card', 'us_bank_account')),
        outcome      TEXT NOT NULL,
        brand        TEXT,
        last4        TEXT NOT NULL,
        exp_month    INTEGER,
        exp_year     INTEGER,
        bank_name    TEXT,
        account_type TEXT,
        holder_name  TEXT,
        -- how a bank account arrived: typed in (numbers) or linked by signing in to the bank
        origin       TEXT NOT NULL DEFAULT 'typed' CHECK (origin IN ('typed', 'linked')),
        customer     TEXT,
        created_at   TEXT NOT NULL,
        used_at      TEXT
      );

      CREATE TABLE sandbox_charges (
        id              TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        payment_method  TEXT NOT NULL REFERENCES sandbox_payment_methods(id),
        amount          INTEGER NOT NULL,
        currency        TEXT NOT NULL,
        account         TEXT NOT NULL,
        status          TEXT NOT NULL,
        failure_code    TEXT,
        client_secret   TEXT NOT NULL,
        settles_on      TEXT,
        metadata        TEXT NOT NULL DEFAULT '{}',
        created_at      TEXT NOT NULL
      );
      CREATE INDEX sandbox_charges_settling ON sandbox_charges (status, settles_on);

      CREATE TABLE sandbox_link_sessions (
        link_token   TEXT PRIMARY KEY,
        contact_id   TEXT NOT NULL REFERENCES contacts(id),
        institution  TEXT,
        state        TEXT NOT NULL,
        public_token TEXT UNIQUE,
        expires_at   TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );

      CREATE TABLE sandbox_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
    postgres: `
      ALTER TABLE payments ADD COLUMN checkout_id TEXT;
      ALTER TABLE payments ADD COLUMN processor TEXT;
      ALTER TABLE payments ADD COLUMN processor_ref TEXT;
      ALTER TABLE payments ADD COLUMN saved_method_id TEXT;
      CREATE INDEX payments_checkout ON payments (checkout_id);
      CREATE UNIQUE INDEX payments_processor_ref ON payments (processor, processor_ref);

      -- The state check is named so that migration 5 can replace it.
      CREATE TABLE idempotency_keys (
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        key             TEXT NOT NULL,
        request_hash    TEXT NOT NULL,
        state           TEXT NOT NULL CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in_progress', 'done')),
        response_status BIGINT,
        response_body   TEXT,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (contact_id, key)
      );
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

      CREATE TABLE saved_payment_methods (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        contact_id    TEXT NOT NULL REFERENCES contacts(id),
        processor     TEXT NOT NULL,
        processor_ref TEXT NOT NULL,
        type          TEXT NOT NULL CHECK (type IN ('card', 'us_bank_account')),
        brand         TEXT,
        last4         TEXT NOT NULL,
        exp_month     BIGINT,
        exp_year      BIGINT,
        account_type  TEXT,
        consent_text  TEXT NOT NULL,
        consented_at  TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        removed_at    TEXT
      );
      CREATE INDEX saved_payment_methods_contact ON saved_payment_methods (contact_id);

      CREATE TABLE payment_mandates (
        payment_id  TEXT PRIMARY KEY REFERENCES payments(id),
        text        TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        ip          TEXT,
        user_agent  TEXT
      );

      CREATE TABLE sandbox_payment_methods (
        id           TEXT PRIMARY KEY,
        type         TEXT NOT NULL CHECK (type IN ('card', 'us_bank_account')),
        outcome      TEXT NOT NULL,
        brand        TEXT,
        last4        TEXT NOT NULL,
        exp_month    BIGINT,
        exp_year     BIGINT,
        bank_name    TEXT,
        account_type TEXT,
        holder_name  TEXT,
        origin       TEXT NOT NULL DEFAULT 'typed' CHECK (origin IN ('typed', 'linked')),
        customer     TEXT,
        created_at   TEXT NOT NULL,
        used_at      TEXT
      );

      CREATE TABLE sandbox_charges (
        id              TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        payment_method  TEXT NOT NULL REFERENCES sandbox_payment_methods(id),
        amount          BIGINT NOT NULL,
        currency        TEXT NOT NULL,
        account         TEXT NOT NULL,
        status          TEXT NOT NULL,
        failure_code    TEXT,
        client_secret   TEXT NOT NULL,
        settles_on      TEXT,
        metadata        TEXT NOT NULL DEFAULT '{}',
        created_at      TEXT NOT NULL
      );
      CREATE INDEX sandbox_charges_settling ON sandbox_charges (status, settles_on);

      CREATE TABLE sandbox_link_sessions (
        link_token   TEXT PRIMARY KEY,
        contact_id   TEXT NOT NULL REFERENCES contacts(id),
        institution  TEXT,
        state        TEXT NOT NULL,
        public_token TEXT UNIQUE,
        expires_at   TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );

      CREATE TABLE sandbox_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'real processors: interrupted checkouts, Stripe customers and webhook events, Plaid items',
    sqlite: `
      -- A checkout whose processor call got no answer is 'interrupted': its payments stay reserved
      -- and a retry with the same Idempotency-Key resumes it. SQLite cannot change a CHECK, so the
      -- table is rebuilt.
      CREATE TABLE idempotency_keys_next (
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        key             TEXT NOT NULL,
        request_hash    TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('in_progress', 'interrupted', 'done')),
        checkout_id     TEXT,
        response_status INTEGER,
        response_body   TEXT,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (contact_id, key)
      );
      INSERT INTO idempotency_keys_next (contact_id, key, request_hash, state, response_status, response_body, created_at)
        SELECT contact_id, key, request_hash, state, response_status, response_body, created_at FROM idempotency_keys;
      DROP TABLE idempotency_keys;
      ALTER TABLE idempotency_keys_next RENAME TO idempotency_keys;
      CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

      -- One Stripe Customer per contact, on the platform account (destination charges).
      CREATE TABLE stripe_customers (
        contact_id  TEXT PRIMARY KEY REFERENCES contacts(id),
        customer_id TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
      );

      -- Webhook events already handled: Stripe delivers at least once, and late.
      CREATE TABLE stripe_events (
        id          TEXT PRIMARY KEY,
        type        TEXT NOT NULL,
        received_at TEXT NOT NULL
      );

      -- A bank the client signed in to with Plaid; the access token never leaves the service.
      CREATE TABLE plaid_items (
        item_id      TEXT PRIMARY KEY,
        contact_id   TEXT NOT NULL REFERENCES contacts(id),
        access_token TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX plaid_items_contact ON plaid_items (contact_id);
    `,
    postgres: `
      -- PostgreSQL changes the CHECK in place (SQLite rebuilds the table); checkout_id therefore
      -- comes last among the columns here, after created_at, rather than after state.
      ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state_check;
      ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check CHECK (state IN ('in_progress', 'interrupted', 'done'));
      ALTER TABLE idempotency_keys ADD COLUMN checkout_id TEXT;

      CREATE TABLE stripe_customers (
        contact_id  TEXT PRIMARY KEY REFERENCES contacts(id),
        customer_id TEXT NOT NULL UNIQUE,
        created_at  TEXT NOT NULL
      );

      CREATE TABLE stripe_events (
        id          TEXT PRIMARY KEY,
        type        TEXT NOT NULL,
        received_at TEXT NOT NULL
      );

      CREATE TABLE plaid_items (
        item_id      TEXT PRIMARY KEY,
        contact_id   TEXT NOT NULL REFERENCES contacts(id),
        access_token TEXT NOT NULL,
        created_at   TEXT NOT NULL
      );
      CREATE INDEX plaid_items_contact ON plaid_items (contact_id);
    `,
  },
  {
    version: 6,
    name: 'durable jobs, checkout leases',
    sqlite: `
      -- What must happen after a commit (emails, processor events, scheduled sweeps) is a job,
      -- written in the same transaction as the change that calls for it and run at least once.
      -- \`key\` makes enqueueing idempotent (one job per key) and tells a handler what a repeat is.
      CREATE TABLE jobs (
        id           TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        key          TEXT NOT NULL UNIQUE,
        firm_id      TEXT REFERENCES firms(id),
        payload      TEXT NOT NULL DEFAULT '{}',
        state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'dead')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
        run_at       TEXT NOT NULL,
        -- While running: the worker holding it, until when. A lease that runs out is taken again.
        locked_by    TEXT,
        locked_until TEXT,
        last_error   TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        finished_at  TEXT
      );
      CREATE INDEX jobs_due ON jobs (state, run_at);
      CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

      -- Every run of a job, with its error: what an operator reads before retrying a dead job.
      CREATE TABLE job_attempts (
        job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        attempt     INTEGER NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        error       TEXT,
        PRIMARY KEY (job_id, attempt)
      );

      -- A checkout holds its key until \`locked_until\`; past that, a retry or the recovery sweep
      -- settles it against the processor's own record.
      ALTER TABLE idempotency_keys ADD COLUMN locked_until TEXT;
      CREATE INDEX idempotency_keys_unfinished ON idempotency_keys (state, locked_until) WHERE state <> 'done';
      -- The method a checkout charged, so an interrupted one can be settled without the request.
      ALTER TABLE payments ADD COLUMN method_ref TEXT;
      -- The recovery sweep looks at recent payments only.
      CREATE INDEX payments_created ON payments (created_at);
    `,
    postgres: `
      CREATE TABLE jobs (
        id           TEXT PRIMARY KEY,
        kind         TEXT NOT NULL,
        key          TEXT NOT NULL UNIQUE,
        firm_id      TEXT REFERENCES firms(id),
        payload      TEXT NOT NULL DEFAULT '{}',
        state        TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'dead')),
        attempts     BIGINT NOT NULL DEFAULT 0,
        max_attempts BIGINT NOT NULL CHECK (max_attempts > 0),
        run_at       TEXT NOT NULL,
        locked_by    TEXT,
        locked_until TEXT,
        last_error   TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        finished_at  TEXT
      );
      CREATE INDEX jobs_due ON jobs (state, run_at);
      CREATE INDEX jobs_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;

      CREATE TABLE job_attempts (
        job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
        attempt     BIGINT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        error       TEXT,
        PRIMARY KEY (job_id, attempt)
      );

      ALTER TABLE idempotency_keys ADD COLUMN locked_until TEXT;
      CREATE INDEX idempotency_keys_unfinished ON idempotency_keys (state, locked_until) WHERE state <> 'done';
      ALTER TABLE payments ADD COLUMN method_ref TEXT;
      CREATE INDEX payments_created ON payments (created_at);
    `,
  },
  {
    version: 7,
    name: 'stored rate limits',
    sqlite: `
      -- Abuse limits (sign-in attempts, declined payments) live here, not in one process's
      -- memory, so they hold across a restart and across instances. One row per counted key
      -- (e.g. 'login-ip:203.0.113.7'): the hits in its current fixed window and when it closes.
      CREATE TABLE rate_limits (
        key     TEXT PRIMARY KEY,
        hits    INTEGER NOT NULL CHECK (hits > 0),
        ends_at TEXT NOT NULL
      );
      CREATE INDEX rate_limits_ends ON rate_limits (ends_at);
    `,
    postgres: `
      CREATE TABLE rate_limits (
        key     TEXT PRIMARY KEY,
        hits    BIGINT NOT NULL CHECK (hits > 0),
        ends_at TEXT NOT NULL
      );
      CREATE INDEX rate_limits_ends ON rate_limits (ends_at);
    `,
  },
  {
    version: 8,
    name: 'webhooks out',
    sqlite: `
      -- A firm's endpoints. The secret signs deliveries (Standard Webhooks); after a rotation the
      -- previous one signs too, until previous_secret_until. Deleted ones stay for their log.
      CREATE TABLE webhook_endpoints (
        id                    TEXT PRIMARY KEY,
        firm_id               TEXT NOT NULL REFERENCES firms(id),
        url                   TEXT NOT NULL,
        events                TEXT NOT NULL,
        enabled               INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        description           TEXT,
        secret                TEXT NOT NULL,
        previous_secret       TEXT,
        previous_secret_until TEXT,
        disabled_reason       TEXT,
        failing_since         TEXT,
        deleted_at            TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
      );
      CREATE INDEX webhook_endpoints_firm ON webhook_endpoints (firm_id, created_at);

      -- What happened, once; each endpoint subscribed to it gets a delivery of it.
      CREATE TABLE webhook_events (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        type       TEXT NOT NULL,
        payload    TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE webhook_deliveries (
        id               TEXT PRIMARY KEY,
        endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id),
        event_id         TEXT NOT NULL REFERENCES webhook_events(id),
        status           TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_status_code INTEGER,
        last_error       TEXT,
        last_attempt_at  TEXT,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);
    `,
    postgres: `
      CREATE TABLE webhook_endpoints (
        id                    TEXT PRIMARY KEY,
        firm_id               TEXT NOT NULL REFERENCES firms(id),
        url                   TEXT NOT NULL,
        events                TEXT NOT NULL,
        enabled               BIGINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
        description           TEXT,
        secret                TEXT NOT NULL,
        previous_secret       TEXT,
        previous_secret_until TEXT,
        disabled_reason       TEXT,
        failing_since         TEXT,
        deleted_at            TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
      );
      CREATE INDEX webhook_endpoints_firm ON webhook_endpoints (firm_id, created_at);

      CREATE TABLE webhook_events (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        type       TEXT NOT NULL,
        payload    TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE webhook_deliveries (
        id               TEXT PRIMARY KEY,
        endpoint_id      TEXT NOT NULL REFERENCES webhook_endpoints(id),
        event_id         TEXT NOT NULL REFERENCES webhook_events(id),
        status           TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempts         BIGINT NOT NULL DEFAULT 0,
        last_status_code BIGINT,
        last_error       TEXT,
        last_attempt_at  TEXT,
        created_at       TEXT NOT NULL
      );
      CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at, id);
    `,
  },
  {
    version: 9,
    name: 'job claims by index',
    sqlite: `
      -- A claim looks only at due pending jobs, or at running ones whose lease ran out: each by
      -- its own partial index, so the finished jobs kept for a week cost nothing.
      DROP INDEX jobs_due;
      CREATE INDEX jobs_pending ON jobs (run_at) WHERE state = 'pending';
      CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';
    `,
    postgres: `
      DROP INDEX jobs_due;
      CREATE INDEX jobs_pending ON jobs (run_at) WHERE state = 'pending';
      CREATE INDEX jobs_leased ON jobs (locked_until) WHERE state = 'running';
    `,
  },
  {
    version: 10,
    name: "the firm's payments by date",
    sqlite: `
      CREATE INDEX payments_firm_created ON payments (firm_id, created_at, id);
    `,
    postgres: `
      CREATE INDEX payments_firm_created ON payments (firm_id, created_at, id);
    `,
  },
  {
    version: 11,
    name: "external ids: the firm's own ids for contacts, invoices and activities",
    sqlite: `
      -- What the firm's practice system calls the row, so it can sync without keeping our ids:
      -- unique per firm for each kind; any number of rows may have none.
      ALTER TABLE contacts ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
      CREATE UNIQUE INDEX contacts_external_id ON contacts (firm_id, external_id) WHERE external_id IS NOT NULL;
      ALTER TABLE invoices ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
      CREATE UNIQUE INDEX invoices_external_id ON invoices (firm_id, external_id) WHERE external_id IS NOT NULL;
      ALTER TABLE activities ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
      CREATE UNIQUE INDEX activities_external_id ON activities (firm_id, external_id) WHERE external_id IS NOT NULL;
    `,
    postgres: `
      ALTER TABLE contacts ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
      CREATE UNIQUE INDEX contacts_external_id ON contacts (firm_id, external_id) WHERE external_id IS NOT NULL;
      ALTER TABLE invoices ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
      CREATE UNIQUE INDEX invoices_external_id ON invoices (firm_id, external_id) WHERE external_id IS NOT NULL;
      ALTER TABLE activities ADD COLUMN external_id TEXT CHECK (external_id IS NULL OR length(external_id) BETWEEN 1 AND 200);
      CREATE UNIQUE INDEX activities_external_id ON activities (firm_id, external_id) WHERE external_id IS NOT NULL;
    `,
  },
  {
    version: 12,
    name: 'refunds',
    sqlite: `
      -- A refund of all or part of a payment. The payment and its allocations never change: what
      -- went back is here. 'pending' holds the amount while the processor is asked (or, for a bank
      -- refund, until it completes); only a 'succeeded' refund reopens invoice balances.
      -- origin 'api': asked for through the firm's API; 'processor': made at the processor
      -- (Stripe's dashboard) and recorded when its event arrived.
      CREATE TABLE refunds (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        payment_id    TEXT NOT NULL REFERENCES payments(id),
        amount        INTEGER NOT NULL CHECK (amount > 0),
        currency      TEXT NOT NULL CHECK (length(currency) = 3),
        reason        TEXT,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        origin        TEXT NOT NULL CHECK (origin IN ('api', 'processor')),
        processor     TEXT,
        processor_ref TEXT,
        failure       TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX refunds_payment ON refunds (payment_id, created_at);
      CREATE UNIQUE INDEX refunds_processor_ref ON refunds (processor, processor_ref);

      -- Which invoices a settled refund reopened, and by how much (the payment's allocations,
      -- last first). An invoice's paid amount is its settled allocations less these.
      CREATE TABLE refund_allocations (
        refund_id  TEXT NOT NULL REFERENCES refunds(id),
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        amount     INTEGER NOT NULL CHECK (amount > 0),
        PRIMARY KEY (refund_id, invoice_id)
      );
      CREATE INDEX refund_allocations_invoice ON refund_allocations (invoice_id);

      -- The Idempotency-Keys of the firm's refund requests, as idempotency_keys are the clients'
      -- payments': the claim and the reserved refund commit together; a refund whose processor
      -- call was cut short is settled by a retry or the recovery sweep once locked_until passes.
      CREATE TABLE refund_requests (
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        key             TEXT NOT NULL,
        request_hash    TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('in_progress', 'interrupted', 'done')),
        refund_id       TEXT REFERENCES refunds(id),
        response_status INTEGER,
        response_body   TEXT,
        locked_until    TEXT,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (firm_id, key)
      );
      CREATE INDEX refund_requests_created ON refund_requests (created_at);
      CREATE INDEX refund_requests_unfinished ON refund_requests (state, locked_until) WHERE state <> 'done';

      -- The sandbox processor's refunds, keyed like its charges by the idempotency key sent.
      CREATE TABLE sandbox_refunds (
        id              TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        charge_id       TEXT NOT NULL REFERENCES sandbox_charges(id),
        amount          INTEGER NOT NULL CHECK (amount > 0),
        status          TEXT NOT NULL,
        metadata        TEXT NOT NULL DEFAULT '{}',
        created_at      TEXT NOT NULL
      );
      CREATE INDEX sandbox_refunds_charge ON sandbox_refunds (charge_id);
    `,
    postgres: `
      CREATE TABLE refunds (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        payment_id    TEXT NOT NULL REFERENCES payments(id),
        amount        BIGINT NOT NULL CHECK (amount > 0),
        currency      TEXT NOT NULL CHECK (length(currency) = 3),
        reason        TEXT,
        status        TEXT NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        origin        TEXT NOT NULL CHECK (origin IN ('api', 'processor')),
        processor     TEXT,
        processor_ref TEXT,
        failure       TEXT,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      );
      CREATE INDEX refunds_payment ON refunds (payment_id, created_at);
      CREATE UNIQUE INDEX refunds_processor_ref ON refunds (processor, processor_ref);

      CREATE TABLE refund_allocations (
        refund_id  TEXT NOT NULL REFERENCES refunds(id),
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        amount     BIGINT NOT NULL CHECK (amount > 0),
        PRIMARY KEY (refund_id, invoice_id)
      );
      CREATE INDEX refund_allocations_invoice ON refund_allocations (invoice_id);

      CREATE TABLE refund_requests (
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        key             TEXT NOT NULL,
        request_hash    TEXT NOT NULL,
        state           TEXT NOT NULL CHECK (state IN ('in_progress', 'interrupted', 'done')),
        refund_id       TEXT REFERENCES refunds(id),
        response_status BIGINT,
        response_body   TEXT,
        locked_until    TEXT,
        created_at      TEXT NOT NULL,
        PRIMARY KEY (firm_id, key)
      );
      CREATE INDEX refund_requests_created ON refund_requests (created_at);
      CREATE INDEX refund_requests_unfinished ON refund_requests (state, locked_until) WHERE state <> 'done';

      CREATE TABLE sandbox_refunds (
        id              TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        charge_id       TEXT NOT NULL REFERENCES sandbox_charges(id),
        amount          BIGINT NOT NULL CHECK (amount > 0),
        status          TEXT NOT NULL,
        metadata        TEXT NOT NULL DEFAULT '{}',
        created_at      TEXT NOT NULL
      );
      CREATE INDEX sandbox_refunds_charge ON sandbox_refunds (charge_id);
    `,
  },
  {
    version: 13,
    name: "signing in with the firm's own assertions",
    sqlite: `
      -- An assertion from a firm's backend is good once: its jti is kept here until the assertion
      -- could no longer be accepted anyway (its exp plus the allowed clock skew), then pruned.
      CREATE TABLE used_assertions (
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        jti        TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (firm_id, jti)
      );
      CREATE INDEX used_assertions_expires ON used_assertions (expires_at);

      -- Contacts who have signed in with an assertion: the first time activates them, as accepting
      -- an invitation does.
      CREATE TABLE assertion_sign_ins (
        contact_id TEXT PRIMARY KEY REFERENCES contacts(id),
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        first_at   TEXT NOT NULL,
        last_at    TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE used_assertions (
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        jti        TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        PRIMARY KEY (firm_id, jti)
      );
      CREATE INDEX used_assertions_expires ON used_assertions (expires_at);

      CREATE TABLE assertion_sign_ins (
        contact_id TEXT PRIMARY KEY REFERENCES contacts(id),
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        first_at   TEXT NOT NULL,
        last_at    TEXT NOT NULL
      );
    `,
  },
  {
    version: 14,
    name: "one client's invoices cost the same in a firm of any size; numbers from per-firm counters",
    sqlite: `
      -- A client's list walks that client's invoices only, in the order asked for: one index per
      -- sort key, each leading with the contact (issued_on has invoices_contact_issued). The
      -- balance is derived from the ledger, so sorting by it sorts the client's own rows.
      CREATE INDEX invoices_contact_due ON invoices (contact_id, due_on, id);
      CREATE INDEX invoices_contact_number ON invoices (contact_id, number, id);
      CREATE INDEX invoices_contact_total ON invoices (contact_id, total, id);
      -- The firm's own list, newest first, reads its first page straight from this index.
      CREATE INDEX invoices_firm_issued ON invoices (firm_id, issued_on, id);

      -- The last invoice and receipt number each firm handed out, taken inside the writing
      -- transaction, so a new number never counts the firm's rows.
      CREATE TABLE firm_counters (
        firm_id TEXT NOT NULL REFERENCES firms(id),
        name    TEXT NOT NULL CHECK (name IN ('invoice_number', 'receipt_number')),
        value   INTEGER NOT NULL,
        PRIMARY KEY (firm_id, name)
      ) WITHOUT ROWID;
      -- Numbering continues where it stands: invoices were numbered INV-(count + 1001) onwards
      -- (skipping numbers taken), receipts R-(count + 100001).
      INSERT INTO firm_counters (firm_id, name, value)
        SELECT f.id, 'invoice_number', MAX(
          1000 + (SELECT COUNT(*) FROM invoices i WHERE i.firm_id = f.id),
          COALESCE((SELECT MAX(CAST(substr(i.number, 5) AS INTEGER)) FROM invoices i
            WHERE i.firm_id = f.id AND i.number GLOB 'INV-[0-9]*' AND NOT substr(i.number, 5) GLOB '*[^0-9]*'), 0))
        FROM firms f;
      INSERT INTO firm_counters (firm_id, name, value)
        SELECT f.id, 'receipt_number', MAX(
          100000 + (SELECT COUNT(*) FROM payments p WHERE p.firm_id = f.id),
          COALESCE((SELECT MAX(CAST(substr(p.receipt_number, 3) AS INTEGER)) FROM payments p
            WHERE p.firm_id = f.id AND p.receipt_number GLOB 'R-[0-9]*' AND NOT substr(p.receipt_number, 3) GLOB '*[^0-9]*'), 0))
        FROM firms f;
    `,
    postgres: `
      CREATE INDEX invoices_contact_due ON invoices (contact_id, due_on, id);
      CREATE INDEX invoices_contact_number ON invoices (contact_id, number, id);
      CREATE INDEX invoices_contact_total ON invoices (contact_id, total, id);
      CREATE INDEX invoices_firm_issued ON invoices (firm_id, issued_on, id);

      CREATE TABLE firm_counters (
        firm_id TEXT NOT NULL REFERENCES firms(id),
        name    TEXT NOT NULL CHECK (name IN ('invoice_number', 'receipt_number')),
        value   BIGINT NOT NULL,
        PRIMARY KEY (firm_id, name)
      );
      -- As on SQLite: the number after the prefix when all of it is digits, and a number too big
      -- for 64 bits counts as the largest one (SQLite's CAST saturates; a BIGINT cast would fail).
      INSERT INTO firm_counters (firm_id, name, value)
        SELECT f.id, 'invoice_number', GREATEST(
          1000 + (SELECT COUNT(*) FROM invoices i WHERE i.firm_id = f.id),
          COALESCE((SELECT MAX(LEAST(CAST(substr(i.number, 5) AS NUMERIC), 9223372036854775807)) FROM invoices i
            WHERE i.firm_id = f.id AND i.number ~ '^INV-[0-9]+$'), 0))
        FROM firms f;
      INSERT INTO firm_counters (firm_id, name, value)
        SELECT f.id, 'receipt_number', GREATEST(
          100000 + (SELECT COUNT(*) FROM payments p WHERE p.firm_id = f.id),
          COALESCE((SELECT MAX(LEAST(CAST(substr(p.receipt_number, 3) AS NUMERIC), 9223372036854775807)) FROM payments p
            WHERE p.firm_id = f.id AND p.receipt_number ~ '^R-[0-9]+$'), 0))
        FROM firms f;
    `,
  },
  {
    version: 15,
    name: 'row-level security',
    sqlite: '',
    postgres: `
      -- Every table holding a firm's data hides other firms' rows, from the tables' owner too (FORCE).
      -- A transaction acting for one firm sets app.firm_id to its id; '*' is the system scope that sees
      -- every firm (the job worker, a lookup by a secret's hash before the firm is known). Unset or
      -- empty, it sees nothing: rows whose firm_id is NULL (jobs, mail, audit entries that are no
      -- firm's) only under '*', though any scope may write one (work for later that is no firm's). A later backfill runs under these policies: SET LOCAL app.firm_id = '*'.
      --
      -- Left without row-level security, holding no firm's data:
      -- - firms: the tenant registry; signing in finds a firm by its slug before any firm is known.
      -- - rate_limits: counters keyed by address or account, checked before a firm is known.
      -- - stripe_events: ids of processor events already handled, no firm's content.
      -- - sandbox_payment_methods, sandbox_charges, sandbox_refunds, sandbox_state: the built-in
      --   sandbox processor's own records, standing in for a processor's side, with no firm column or
      --   parent row; what the firm keeps of a payment is in payments.

      ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
      ALTER TABLE contacts FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON contacts
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
      ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON invitations
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE refresh_families ENABLE ROW LEVEL SECURITY;
      ALTER TABLE refresh_families FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON refresh_families
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
      ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON api_keys
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
      ALTER TABLE outbox_messages FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON outbox_messages
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id IS NULL OR firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
      ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON audit_log
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id IS NULL OR firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
      ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON invoices
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
      ALTER TABLE payments FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON payments
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE activities ENABLE ROW LEVEL SECURITY;
      ALTER TABLE activities FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON activities
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE files ENABLE ROW LEVEL SECURITY;
      ALTER TABLE files FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON files
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE threads ENABLE ROW LEVEL SECURITY;
      ALTER TABLE threads FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON threads
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE saved_payment_methods ENABLE ROW LEVEL SECURITY;
      ALTER TABLE saved_payment_methods FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON saved_payment_methods
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE jobs ENABLE ROW LEVEL SECURITY;
      ALTER TABLE jobs FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON jobs
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id IS NULL OR firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON webhook_endpoints
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhook_events FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON webhook_events
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE refunds ENABLE ROW LEVEL SECURITY;
      ALTER TABLE refunds FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON refunds
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE refund_requests ENABLE ROW LEVEL SECURITY;
      ALTER TABLE refund_requests FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON refund_requests
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE used_assertions ENABLE ROW LEVEL SECURITY;
      ALTER TABLE used_assertions FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON used_assertions
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE assertion_sign_ins ENABLE ROW LEVEL SECURITY;
      ALTER TABLE assertion_sign_ins FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON assertion_sign_ins
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE firm_counters ENABLE ROW LEVEL SECURITY;
      ALTER TABLE firm_counters FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON firm_counters
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      -- Rows that belong to a firm through their parent row: visible when the parent is (its own
      -- policy filters the subquery), or under '*'.

      ALTER TABLE portal_logins ENABLE ROW LEVEL SECURITY;
      ALTER TABLE portal_logins FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON portal_logins
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = portal_logins.contact_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = portal_logins.contact_id));

      ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
      ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON password_resets
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = password_resets.contact_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = password_resets.contact_id));

      ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
      ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON idempotency_keys
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = idempotency_keys.contact_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = idempotency_keys.contact_id));

      ALTER TABLE stripe_customers ENABLE ROW LEVEL SECURITY;
      ALTER TABLE stripe_customers FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON stripe_customers
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = stripe_customers.contact_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = stripe_customers.contact_id));

      ALTER TABLE plaid_items ENABLE ROW LEVEL SECURITY;
      ALTER TABLE plaid_items FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON plaid_items
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = plaid_items.contact_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = plaid_items.contact_id));

      ALTER TABLE sandbox_link_sessions ENABLE ROW LEVEL SECURITY;
      ALTER TABLE sandbox_link_sessions FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON sandbox_link_sessions
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = sandbox_link_sessions.contact_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM contacts p WHERE p.id = sandbox_link_sessions.contact_id));

      ALTER TABLE refresh_tokens ENABLE ROW LEVEL SECURITY;
      ALTER TABLE refresh_tokens FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON refresh_tokens
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM refresh_families p WHERE p.id = refresh_tokens.family_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM refresh_families p WHERE p.id = refresh_tokens.family_id));

      ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
      ALTER TABLE invoice_lines FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON invoice_lines
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM invoices p WHERE p.id = invoice_lines.invoice_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM invoices p WHERE p.id = invoice_lines.invoice_id));

      ALTER TABLE payment_allocations ENABLE ROW LEVEL SECURITY;
      ALTER TABLE payment_allocations FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON payment_allocations
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_allocations.payment_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_allocations.payment_id));

      ALTER TABLE payment_events ENABLE ROW LEVEL SECURITY;
      ALTER TABLE payment_events FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON payment_events
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_events.payment_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_events.payment_id));

      ALTER TABLE payment_mandates ENABLE ROW LEVEL SECURITY;
      ALTER TABLE payment_mandates FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON payment_mandates
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_mandates.payment_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM payments p WHERE p.id = payment_mandates.payment_id));

      ALTER TABLE refund_allocations ENABLE ROW LEVEL SECURITY;
      ALTER TABLE refund_allocations FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON refund_allocations
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM refunds p WHERE p.id = refund_allocations.refund_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM refunds p WHERE p.id = refund_allocations.refund_id));

      ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
      ALTER TABLE messages FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON messages
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM threads p WHERE p.id = messages.thread_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM threads p WHERE p.id = messages.thread_id));

      ALTER TABLE message_attachments ENABLE ROW LEVEL SECURITY;
      ALTER TABLE message_attachments FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON message_attachments
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM messages p WHERE p.id = message_attachments.message_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM messages p WHERE p.id = message_attachments.message_id));

      ALTER TABLE job_attempts ENABLE ROW LEVEL SECURITY;
      ALTER TABLE job_attempts FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON job_attempts
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM jobs p WHERE p.id = job_attempts.job_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM jobs p WHERE p.id = job_attempts.job_id));

      ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
      ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON webhook_deliveries
        USING (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM webhook_endpoints p WHERE p.id = webhook_deliveries.endpoint_id))
        WITH CHECK (current_setting('app.firm_id', true) = '*' OR EXISTS (SELECT 1 FROM webhook_endpoints p WHERE p.id = webhook_deliveries.endpoint_id));

      -- The view reads payment_events with the reader's policies, not its owner's (an owner that is a
      -- superuser would otherwise see through it).
      ALTER VIEW payment_status SET (security_invoker = true);
    `,
  },
  {
    version: 16,
    name: 'invoice number kept on each payment allocation',
    // A receipt names the invoices it paid as they were numbered when paid (a sent invoice's number
    // never changes), so the payments component reads its own rows instead of the invoices table.
    sqlite: invoiceNumberOnAllocations,
    postgres: invoiceNumberOnAllocations,
  },
  {
    version: 17,
    name: 'signing keys in the database, sealed',
    sqlite: `
      -- The ES256 keys that sign access tokens, shared by every instance (they were a file in
      -- DATA_DIR). The newest by created_at, then kid, signs. The private JWK is sealed with
      -- SECRETS_KEY (AES-256-GCM, 'enc:v1:…'); the public one is in clear for the JWKS. No firm's
      -- data: no row-level security on PostgreSQL. plaid_items.access_token and the
      -- webhook_endpoints secrets keep their columns and hold sealed values from now on: the service
      -- seals the plain ones as it opens, since only it holds the key.
      CREATE TABLE signing_keys (
        kid         TEXT PRIMARY KEY,
        public_jwk  TEXT NOT NULL,
        private_jwk TEXT NOT NULL CHECK (substr(private_jwk, 1, 7) = 'enc:v1:'),
        created_at  TEXT NOT NULL
      );
      CREATE INDEX signing_keys_created ON signing_keys (created_at, kid);
    `,
    postgres: `
      CREATE TABLE signing_keys (
        kid         TEXT PRIMARY KEY,
        public_jwk  TEXT NOT NULL,
        private_jwk TEXT NOT NULL CHECK (substr(private_jwk, 1, 7) = 'enc:v1:'),
        created_at  TEXT NOT NULL
      );
      CREATE INDEX signing_keys_created ON signing_keys (created_at, kid);
    `,
  },
  {
    version: 18,
    name: 'the instance holding an unfinished checkout',
    // Several instances share one database: each marks the checkouts it is running with its
    // INSTANCE_ID, so on a restart it takes back its own at once and leaves another live
    // instance's alone until that one's lease runs out.
    sqlite: checkoutHolder,
    postgres: checkoutHolder,
  },
  {
    version: 19,
    name: "the ledger's rows name their firm",
    // Row-level security on allocations, events and refund allocations checked the parent payment
    // or refund for every row read: an invoice's ledger sums paid for a lookup of the payment per
    // allocation and per event. With the firm on the row, each check is a comparison on the row.
    sqlite: `
      -- SQLite adds no NOT NULL column with a foreign key to a table: each table is rebuilt, its
      -- rows copied with their parent's firm. The view over payment_events goes while it is.
      DROP VIEW payment_status;

      CREATE TABLE payment_allocations_new (
        payment_id      TEXT NOT NULL REFERENCES payments(id),
        invoice_id      TEXT NOT NULL REFERENCES invoices(id),
        amount          INTEGER NOT NULL CHECK (amount > 0),
        deposit_account TEXT NOT NULL CHECK (deposit_account IN ('operating', 'trust')),
        invoice_number  TEXT NOT NULL DEFAULT '',
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        PRIMARY KEY (payment_id, invoice_id)
      );
      INSERT INTO payment_allocations_new (payment_id, invoice_id, amount, deposit_account, invoice_number, firm_id)
        SELECT a.payment_id, a.invoice_id, a.amount, a.deposit_account, a.invoice_number, p.firm_id
        FROM payment_allocations a JOIN payments p ON p.id = a.payment_id;
      DROP TABLE payment_allocations;
      ALTER TABLE payment_allocations_new RENAME TO payment_allocations;
      CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);

      CREATE TABLE payment_events_new (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id  TEXT NOT NULL REFERENCES payments(id),
        status      TEXT NOT NULL CHECK (status IN ('requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed')),
        reason      TEXT,
        occurred_at TEXT NOT NULL,
        firm_id     TEXT NOT NULL REFERENCES firms(id)
      );
      INSERT INTO payment_events_new (id, payment_id, status, reason, occurred_at, firm_id)
        SELECT e.id, e.payment_id, e.status, e.reason, e.occurred_at, p.firm_id
        FROM payment_events e JOIN payments p ON p.id = e.payment_id;
      DROP TABLE payment_events;
      ALTER TABLE payment_events_new RENAME TO payment_events;
      CREATE INDEX payment_events_payment ON payment_events (payment_id, id);

      CREATE TABLE refund_allocations_new (
        refund_id  TEXT NOT NULL REFERENCES refunds(id),
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        amount     INTEGER NOT NULL CHECK (amount > 0),
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        PRIMARY KEY (refund_id, invoice_id)
      );
      INSERT INTO refund_allocations_new (refund_id, invoice_id, amount, firm_id)
        SELECT r.refund_id, r.invoice_id, r.amount, f.firm_id
        FROM refund_allocations r JOIN refunds f ON f.id = r.refund_id;
      DROP TABLE refund_allocations;
      ALTER TABLE refund_allocations_new RENAME TO refund_allocations;
      CREATE INDEX refund_allocations_invoice ON refund_allocations (invoice_id);

      CREATE VIEW payment_status AS
        SELECT e.payment_id, e.status, e.reason, e.occurred_at
        FROM payment_events e
        WHERE e.id = (SELECT MAX(id) FROM payment_events WHERE payment_id = e.payment_id);
    `,
    postgres: `
      -- Backfilled in the system scope the migrator runs in; the parents' firms never change.
      ALTER TABLE payment_allocations ADD COLUMN firm_id TEXT REFERENCES firms(id);
      UPDATE payment_allocations a SET firm_id = p.firm_id FROM payments p WHERE p.id = a.payment_id;
      ALTER TABLE payment_allocations ALTER COLUMN firm_id SET NOT NULL;
      DROP POLICY firm_isolation ON payment_allocations;
      CREATE POLICY firm_isolation ON payment_allocations
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE payment_events ADD COLUMN firm_id TEXT REFERENCES firms(id);
      UPDATE payment_events e SET firm_id = p.firm_id FROM payments p WHERE p.id = e.payment_id;
      ALTER TABLE payment_events ALTER COLUMN firm_id SET NOT NULL;
      DROP POLICY firm_isolation ON payment_events;
      CREATE POLICY firm_isolation ON payment_events
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE refund_allocations ADD COLUMN firm_id TEXT REFERENCES firms(id);
      UPDATE refund_allocations r SET firm_id = f.firm_id FROM refunds f WHERE f.id = r.refund_id;
      ALTER TABLE refund_allocations ALTER COLUMN firm_id SET NOT NULL;
      DROP POLICY firm_isolation ON refund_allocations;
      CREATE POLICY firm_isolation ON refund_allocations
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      -- Every invoice a list shows looks its allocations and refunds up by invoice, by equality
      -- only: a hash index finds them in about one page read whatever the firm's size, where a
      -- B-tree reads one page more for each level it grows (same names and columns as SQLite's).
      DROP INDEX payment_allocations_invoice;
      CREATE INDEX payment_allocations_invoice ON payment_allocations USING hash (invoice_id);
      DROP INDEX refund_allocations_invoice;
      CREATE INDEX refund_allocations_invoice ON refund_allocations USING hash (invoice_id);
    `,
  },
  {
    version: 20,
    name: 'staff accounts: members, invitations, second factors, sign-ins',
    sqlite: `
      -- The firm's staff, who sign in to the console. Their password is set from an invitation.
      CREATE TABLE staff_members (
        id              TEXT PRIMARY KEY,
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        email           TEXT NOT NULL,
        name            TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
        status          TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
        password_hash   TEXT,
        last_sign_in_at TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (firm_id, email)
      );

      CREATE TABLE staff_invitations (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        staff_id    TEXT NOT NULL REFERENCES staff_members(id),
        token_hash  TEXT NOT NULL UNIQUE,
        expires_at  TEXT NOT NULL,
        accepted_at TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX staff_invitations_staff ON staff_invitations (staff_id);

      -- An authenticator app's shared secret, sealed with SECRETS_KEY: pending until a first code
      -- confirms it. last_step is the last time step accepted, so a code is never taken twice.
      CREATE TABLE staff_totp (
        staff_id       TEXT PRIMARY KEY REFERENCES staff_members(id),
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        secret         TEXT CHECK (secret IS NULL OR substr(secret, 1, 7) = 'enc:v1:'),
        pending_secret TEXT CHECK (pending_secret IS NULL OR substr(pending_secret, 1, 7) = 'enc:v1:'),
        last_step      INTEGER,
        confirmed_at   TEXT,
        updated_at     TEXT NOT NULL
      );

      CREATE TABLE staff_recovery_codes (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        staff_id   TEXT NOT NULL REFERENCES staff_members(id),
        code_hash  TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX staff_recovery_codes_staff ON staff_recovery_codes (staff_id);

      CREATE TABLE staff_passkeys (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        staff_id      TEXT NOT NULL REFERENCES staff_members(id),
        credential_id TEXT NOT NULL UNIQUE,
        public_key    TEXT NOT NULL,
        counter       INTEGER NOT NULL DEFAULT 0,
        transports    TEXT NOT NULL DEFAULT '[]',
        name          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT
      );
      CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id);

      -- WebAuthn challenges, single use and short-lived, kept here so any instance can finish
      -- what another began.
      CREATE TABLE staff_challenges (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        staff_id   TEXT NOT NULL REFERENCES staff_members(id),
        purpose    TEXT NOT NULL CHECK (purpose IN ('registration', 'authentication')),
        challenge  TEXT NOT NULL UNIQUE,
        rp_id      TEXT NOT NULL,
        origin     TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX staff_challenges_staff ON staff_challenges (staff_id, purpose);

      -- A staff sign-in and its rotating refresh tokens, as refresh_families and refresh_tokens are a client's.
      CREATE TABLE staff_refresh_families (
        id             TEXT PRIMARY KEY,
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        staff_id       TEXT NOT NULL REFERENCES staff_members(id),
        created_at     TEXT NOT NULL,
        revoked_at     TEXT,
        revoked_reason TEXT
      );
      CREATE INDEX staff_refresh_families_staff ON staff_refresh_families (staff_id);

      CREATE TABLE staff_refresh_tokens (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        family_id  TEXT NOT NULL REFERENCES staff_refresh_families(id),
        token_hash TEXT NOT NULL UNIQUE,
        expires_at TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX staff_refresh_tokens_family ON staff_refresh_tokens (family_id);

      -- The audit log names staff members as actors: SQLite changes a CHECK by rebuilding the table.
      CREATE TABLE audit_log_new (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        firm_id      TEXT REFERENCES firms(id),
        actor_type   TEXT NOT NULL CHECK (actor_type IN ('contact', 'api_key', 'staff', 'system')),
        actor_id     TEXT,
        action       TEXT NOT NULL,
        subject_type TEXT,
        subject_id   TEXT,
        data         TEXT NOT NULL DEFAULT '{}',
        ip           TEXT,
        created_at   TEXT NOT NULL
      );
      INSERT INTO audit_log_new (id, firm_id, actor_type, actor_id, action, subject_type, subject_id, data, ip, created_at)
        SELECT id, firm_id, actor_type, actor_id, action, subject_type, subject_id, data, ip, created_at FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_new RENAME TO audit_log;
      CREATE INDEX audit_log_firm ON audit_log (firm_id, id);
    `,
    postgres: `
      -- The firm's staff, who sign in to the console. Their password is set from an invitation.
      CREATE TABLE staff_members (
        id              TEXT PRIMARY KEY,
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        email           TEXT NOT NULL,
        name            TEXT NOT NULL,
        role            TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff')),
        status          TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
        password_hash   TEXT,
        last_sign_in_at TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL,
        UNIQUE (firm_id, email)
      );

      CREATE TABLE staff_invitations (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        staff_id    TEXT NOT NULL REFERENCES staff_members(id),
        token_hash  TEXT NOT NULL UNIQUE,
        expires_at  TEXT NOT NULL,
        accepted_at TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX staff_invitations_staff ON staff_invitations (staff_id);

      -- An authenticator app's shared secret, sealed with SECRETS_KEY: pending until a first code
      -- confirms it. last_step is the last time step accepted, so a code is never taken twice.
      CREATE TABLE staff_totp (
        staff_id       TEXT PRIMARY KEY REFERENCES staff_members(id),
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        secret         TEXT CHECK (secret IS NULL OR substr(secret, 1, 7) = 'enc:v1:'),
        pending_secret TEXT CHECK (pending_secret IS NULL OR substr(pending_secret, 1, 7) = 'enc:v1:'),
        last_step      BIGINT,
        confirmed_at   TEXT,
        updated_at     TEXT NOT NULL
      );

      CREATE TABLE staff_recovery_codes (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        staff_id   TEXT NOT NULL REFERENCES staff_members(id),
        code_hash  TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX staff_recovery_codes_staff ON staff_recovery_codes (staff_id);

      CREATE TABLE staff_passkeys (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        staff_id      TEXT NOT NULL REFERENCES staff_members(id),
        credential_id TEXT NOT NULL UNIQUE,
        public_key    TEXT NOT NULL,
        counter       BIGINT NOT NULL DEFAULT 0,
        transports    TEXT NOT NULL DEFAULT '[]',
        name          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT
      );
      CREATE INDEX staff_passkeys_staff ON staff_passkeys (staff_id);

      -- WebAuthn challenges, single use and short-lived, kept here so any instance can finish
      -- what another began.
      CREATE TABLE staff_challenges (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        staff_id   TEXT NOT NULL REFERENCES staff_members(id),
        purpose    TEXT NOT NULL CHECK (purpose IN ('registration', 'authentication')),
        challenge  TEXT NOT NULL UNIQUE,
        rp_id      TEXT NOT NULL,
        origin     TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX staff_challenges_staff ON staff_challenges (staff_id, purpose);

      -- A staff sign-in and its rotating refresh tokens, as refresh_families and refresh_tokens are a client's.
      CREATE TABLE staff_refresh_families (
        id             TEXT PRIMARY KEY,
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        staff_id       TEXT NOT NULL REFERENCES staff_members(id),
        created_at     TEXT NOT NULL,
        revoked_at     TEXT,
        revoked_reason TEXT
      );
      CREATE INDEX staff_refresh_families_staff ON staff_refresh_families (staff_id);

      CREATE TABLE staff_refresh_tokens (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        family_id  TEXT NOT NULL REFERENCES staff_refresh_families(id),
        token_hash TEXT NOT NULL UNIQUE,
        expires_at TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX staff_refresh_tokens_family ON staff_refresh_tokens (family_id);

      -- The audit log names staff members as actors.
      ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor_type_check;
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor_type_check CHECK (actor_type IN ('contact', 'api_key', 'staff', 'system'));

      ALTER TABLE staff_members ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_members FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_members
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_invitations ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_invitations FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_invitations
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_totp ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_totp FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_totp
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_recovery_codes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_recovery_codes FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_recovery_codes
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_passkeys ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_passkeys FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_passkeys
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_challenges ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_challenges FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_challenges
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_refresh_families ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_refresh_families FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_refresh_families
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE staff_refresh_tokens ENABLE ROW LEVEL SECURITY;
      ALTER TABLE staff_refresh_tokens FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON staff_refresh_tokens
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 21,
    name: 'sign-in codes sent by email',
    // One row per code asked for, for any address: one for an address with no portal account
    // (contact_id null, never mailed) lets a wrong or late code get the same answer either way.
    // The code and the link's token are stored hashed; a new request revokes the open ones.
    sqlite: `
      CREATE TABLE email_sign_in_codes (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        email       TEXT NOT NULL,
        contact_id  TEXT REFERENCES contacts(id),
        code_hash   TEXT NOT NULL,
        token_hash  TEXT NOT NULL UNIQUE,
        attempts    INTEGER NOT NULL DEFAULT 0,
        expires_at  TEXT NOT NULL,
        used_at     TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX email_sign_in_codes_email ON email_sign_in_codes (firm_id, email);
      CREATE INDEX email_sign_in_codes_contact ON email_sign_in_codes (contact_id);
    `,
    postgres: `
      CREATE TABLE email_sign_in_codes (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        email       TEXT NOT NULL,
        contact_id  TEXT REFERENCES contacts(id),
        code_hash   TEXT NOT NULL,
        token_hash  TEXT NOT NULL UNIQUE,
        attempts    BIGINT NOT NULL DEFAULT 0,
        expires_at  TEXT NOT NULL,
        used_at     TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX email_sign_in_codes_email ON email_sign_in_codes (firm_id, email);
      CREATE INDEX email_sign_in_codes_contact ON email_sign_in_codes (contact_id);
      ALTER TABLE email_sign_in_codes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE email_sign_in_codes FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON email_sign_in_codes
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 22,
    name: "the client's visits to the portal's home",
    // "What changed since your last visit" needs the visit before this one: since_at is where the
    // current visit's changes start (the last look at home of the visit before; null during the
    // first), last_seen_at the latest look. One row per contact, written by POST /home/seen.
    sqlite: `
      CREATE TABLE client_visits (
        contact_id   TEXT PRIMARY KEY REFERENCES contacts(id),
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        since_at     TEXT,
        last_seen_at TEXT NOT NULL
      );
    `,
    postgres: `
      CREATE TABLE client_visits (
        contact_id   TEXT PRIMARY KEY REFERENCES contacts(id),
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        since_at     TEXT,
        last_seen_at TEXT NOT NULL
      );
      ALTER TABLE client_visits ENABLE ROW LEVEL SECURITY;
      ALTER TABLE client_visits FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON client_visits
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 23,
    name: "the contact's language",
    // locale: the language a contact chose to read the portal and its emails in, 'en' or 'es', null
    // until chosen. portal_locale: the language of the portal page the contact last asked for a
    // sign-in from, which emails follow while locale is null.
    sqlite: contactLocale,
    postgres: contactLocale,
  },
  {
    version: 24,
    name: "the client's profile: which emails they get, their default payment method, an email change awaiting its code",
    // email_opt_outs: the kinds of notice the contact turned off, as a JSON array ('invoices',
    // 'messages'); security emails and receipts always go. A pending email change keeps its code
    // hashed; a new request revokes the open one, as sign-in codes do.
    sqlite: `
      ALTER TABLE contacts ADD COLUMN email_opt_outs TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE saved_payment_methods ADD COLUMN is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1));
      CREATE TABLE email_changes (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        contact_id  TEXT NOT NULL REFERENCES contacts(id),
        new_email   TEXT NOT NULL,
        code_hash   TEXT NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        expires_at  TEXT NOT NULL,
        used_at     TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX email_changes_contact ON email_changes (contact_id);
    `,
    postgres: `
      ALTER TABLE contacts ADD COLUMN email_opt_outs TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE saved_payment_methods ADD COLUMN is_default BIGINT NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1));
      CREATE TABLE email_changes (
        id          TEXT PRIMARY KEY,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        contact_id  TEXT NOT NULL REFERENCES contacts(id),
        new_email   TEXT NOT NULL,
        code_hash   TEXT NOT NULL,
        attempts    BIGINT NOT NULL DEFAULT 0,
        expires_at  TEXT NOT NULL,
        used_at     TEXT,
        revoked_at  TEXT,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX email_changes_contact ON email_changes (contact_id);
      ALTER TABLE email_changes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE email_changes FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON email_changes
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 25,
    name: "clients' second factors: authenticator apps, passkeys, recovery codes",
    sqlite: `
      -- A client's authenticator app: the shared secret sealed with SECRETS_KEY, pending until a
      -- first code confirms it; last_step is the last time step accepted, so a code works once.
      CREATE TABLE client_totp (
        contact_id     TEXT PRIMARY KEY REFERENCES contacts(id),
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        secret         TEXT CHECK (secret IS NULL OR substr(secret, 1, 7) = 'enc:v1:'),
        pending_secret TEXT CHECK (pending_secret IS NULL OR substr(pending_secret, 1, 7) = 'enc:v1:'),
        last_step      INTEGER,
        confirmed_at   TEXT,
        updated_at     TEXT NOT NULL
      );

      CREATE TABLE client_recovery_codes (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        code_hash  TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX client_recovery_codes_contact ON client_recovery_codes (contact_id);

      CREATE TABLE client_passkeys (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        contact_id    TEXT NOT NULL REFERENCES contacts(id),
        credential_id TEXT NOT NULL UNIQUE,
        public_key    TEXT NOT NULL,
        counter       INTEGER NOT NULL DEFAULT 0,
        transports    TEXT NOT NULL DEFAULT '[]',
        name          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT
      );
      CREATE INDEX client_passkeys_contact ON client_passkeys (contact_id);

      -- WebAuthn challenges, single use and short-lived. A passkey sign-in without an address
      -- (discoverable credentials) starts before anyone is known: its contact_id is null.
      CREATE TABLE client_challenges (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        contact_id TEXT REFERENCES contacts(id),
        purpose    TEXT NOT NULL CHECK (purpose IN ('registration', 'authentication', 'sign_in')),
        challenge  TEXT NOT NULL UNIQUE,
        rp_id      TEXT NOT NULL,
        origin     TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX client_challenges_firm ON client_challenges (firm_id, expires_at);
    `,
    postgres: `
      -- A client's authenticator app: the shared secret sealed with SECRETS_KEY, pending until a
      -- first code confirms it; last_step is the last time step accepted, so a code works once.
      CREATE TABLE client_totp (
        contact_id     TEXT PRIMARY KEY REFERENCES contacts(id),
        firm_id        TEXT NOT NULL REFERENCES firms(id),
        secret         TEXT CHECK (secret IS NULL OR substr(secret, 1, 7) = 'enc:v1:'),
        pending_secret TEXT CHECK (pending_secret IS NULL OR substr(pending_secret, 1, 7) = 'enc:v1:'),
        last_step      BIGINT,
        confirmed_at   TEXT,
        updated_at     TEXT NOT NULL
      );

      CREATE TABLE client_recovery_codes (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        code_hash  TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX client_recovery_codes_contact ON client_recovery_codes (contact_id);

      CREATE TABLE client_passkeys (
        id            TEXT PRIMARY KEY,
        firm_id       TEXT NOT NULL REFERENCES firms(id),
        contact_id    TEXT NOT NULL REFERENCES contacts(id),
        credential_id TEXT NOT NULL UNIQUE,
        public_key    TEXT NOT NULL,
        counter       BIGINT NOT NULL DEFAULT 0,
        transports    TEXT NOT NULL DEFAULT '[]',
        name          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        last_used_at  TEXT
      );
      CREATE INDEX client_passkeys_contact ON client_passkeys (contact_id);

      -- WebAuthn challenges, single use and short-lived. A passkey sign-in without an address
      -- (discoverable credentials) starts before anyone is known: its contact_id is null.
      CREATE TABLE client_challenges (
        id         TEXT PRIMARY KEY,
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        contact_id TEXT REFERENCES contacts(id),
        purpose    TEXT NOT NULL CHECK (purpose IN ('registration', 'authentication', 'sign_in')),
        challenge  TEXT NOT NULL UNIQUE,
        rp_id      TEXT NOT NULL,
        origin     TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at    TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX client_challenges_firm ON client_challenges (firm_id, expires_at);

      ALTER TABLE client_totp ENABLE ROW LEVEL SECURITY;
      ALTER TABLE client_totp FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON client_totp
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE client_recovery_codes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE client_recovery_codes FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON client_recovery_codes
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE client_passkeys ENABLE ROW LEVEL SECURITY;
      ALTER TABLE client_passkeys FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON client_passkeys
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');

      ALTER TABLE client_challenges ENABLE ROW LEVEL SECURITY;
      ALTER TABLE client_challenges FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON client_challenges
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 26,
    name: "card surcharges and the contact's postal address",
    // A payment's surcharge is part of its amount (amount = allocations + surcharge), booked to
    // operating with it; surcharge_percent is the rate it was computed at (null when none). The
    // contact's address decides the state's surcharge rules when a card carries no billing ZIP.
    // The sandbox keeps what Stripe reports of a card: its funding and its billing postal code.
    sqlite: `
      ALTER TABLE contacts ADD COLUMN address_line1 TEXT;
      ALTER TABLE contacts ADD COLUMN address_city TEXT;
      ALTER TABLE contacts ADD COLUMN address_state TEXT;
      ALTER TABLE contacts ADD COLUMN address_postal_code TEXT;
      ALTER TABLE payments ADD COLUMN surcharge INTEGER NOT NULL DEFAULT 0 CHECK (surcharge >= 0);
      ALTER TABLE payments ADD COLUMN surcharge_percent REAL;
      ALTER TABLE sandbox_payment_methods ADD COLUMN funding TEXT CHECK (funding IN ('credit', 'debit', 'prepaid', 'unknown'));
      ALTER TABLE sandbox_payment_methods ADD COLUMN postal_code TEXT;
    `,
    postgres: `
      ALTER TABLE contacts ADD COLUMN address_line1 TEXT;
      ALTER TABLE contacts ADD COLUMN address_city TEXT;
      ALTER TABLE contacts ADD COLUMN address_state TEXT;
      ALTER TABLE contacts ADD COLUMN address_postal_code TEXT;
      ALTER TABLE payments ADD COLUMN surcharge BIGINT NOT NULL DEFAULT 0 CHECK (surcharge >= 0);
      ALTER TABLE payments ADD COLUMN surcharge_percent DOUBLE PRECISION;
      ALTER TABLE sandbox_payment_methods ADD COLUMN funding TEXT CHECK (funding IN ('credit', 'debit', 'prepaid', 'unknown'));
      ALTER TABLE sandbox_payment_methods ADD COLUMN postal_code TEXT;
    `,
  },
  {
    version: 27,
    name: 'payment plans: instalments charged on their dates, and the authorizations behind them',
    // payment_authorizations: what the client accepted for charges made later without them (a
    // plan's instalments now; autopay next), word for word, with when, from where and on which
    // method; kept two years after it ends (see PlansService.purgeAuthorizations).
    // payment_plans: an open invoice split into instalments. plan_instalments: one charge each,
    // on due_on; attempt_on is the day the next attempt runs (due_on, or 3 days after a failure).
    sqlite: `
      CREATE TABLE payment_authorizations (
        id              TEXT PRIMARY KEY,
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        purpose         TEXT NOT NULL CHECK (purpose IN ('plan', 'autopay')),
        method_type     TEXT NOT NULL CHECK (method_type IN ('card', 'us_bank_account')),
        method_brand    TEXT,
        method_last4    TEXT NOT NULL,
        saved_method_id TEXT NOT NULL REFERENCES saved_payment_methods(id),
        text            TEXT NOT NULL,
        text_version    TEXT NOT NULL,
        accepted_at     TEXT NOT NULL,
        ip              TEXT,
        user_agent      TEXT,
        revoked_at      TEXT,
        revoked_by      TEXT,
        created_at      TEXT NOT NULL
      );
      CREATE INDEX payment_authorizations_firm ON payment_authorizations (firm_id, accepted_at);
      CREATE INDEX payment_authorizations_contact ON payment_authorizations (contact_id);

      CREATE TABLE payment_plans (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        invoice_id       TEXT NOT NULL REFERENCES invoices(id),
        authorization_id TEXT NOT NULL REFERENCES payment_authorizations(id),
        saved_method_id  TEXT NOT NULL REFERENCES saved_payment_methods(id),
        amount           INTEGER NOT NULL CHECK (amount > 0),
        currency         TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled', 'stopped')),
        ended_at         TEXT,
        ended_reason     TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX payment_plans_contact ON payment_plans (contact_id, created_at);
      CREATE INDEX payment_plans_invoice ON payment_plans (invoice_id);
      CREATE INDEX payment_plans_firm ON payment_plans (firm_id, created_at);

      CREATE TABLE plan_instalments (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        plan_id      TEXT NOT NULL REFERENCES payment_plans(id),
        seq          INTEGER NOT NULL,
        due_on       TEXT NOT NULL,
        attempt_on   TEXT NOT NULL,
        amount       INTEGER NOT NULL CHECK (amount > 0),
        status       TEXT NOT NULL CHECK (status IN ('scheduled', 'charging', 'processing', 'paid', 'failed', 'skipped', 'cancelled')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        payment_id   TEXT REFERENCES payments(id),
        reminded_at  TEXT,
        last_error   TEXT,
        updated_at   TEXT NOT NULL,
        UNIQUE (plan_id, seq)
      );
      CREATE INDEX plan_instalments_due ON plan_instalments (status, attempt_on);
    `,
    postgres: `
      CREATE TABLE payment_authorizations (
        id              TEXT PRIMARY KEY,
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        purpose         TEXT NOT NULL CHECK (purpose IN ('plan', 'autopay')),
        method_type     TEXT NOT NULL CHECK (method_type IN ('card', 'us_bank_account')),
        method_brand    TEXT,
        method_last4    TEXT NOT NULL,
        saved_method_id TEXT NOT NULL REFERENCES saved_payment_methods(id),
        text            TEXT NOT NULL,
        text_version    TEXT NOT NULL,
        accepted_at     TEXT NOT NULL,
        ip              TEXT,
        user_agent      TEXT,
        revoked_at      TEXT,
        revoked_by      TEXT,
        created_at      TEXT NOT NULL
      );
      CREATE INDEX payment_authorizations_firm ON payment_authorizations (firm_id, accepted_at);
      CREATE INDEX payment_authorizations_contact ON payment_authorizations (contact_id);

      CREATE TABLE payment_plans (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        invoice_id       TEXT NOT NULL REFERENCES invoices(id),
        authorization_id TEXT NOT NULL REFERENCES payment_authorizations(id),
        saved_method_id  TEXT NOT NULL REFERENCES saved_payment_methods(id),
        amount           BIGINT NOT NULL CHECK (amount > 0),
        currency         TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('active', 'completed', 'cancelled', 'stopped')),
        ended_at         TEXT,
        ended_reason     TEXT,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX payment_plans_contact ON payment_plans (contact_id, created_at);
      CREATE INDEX payment_plans_invoice ON payment_plans (invoice_id);
      CREATE INDEX payment_plans_firm ON payment_plans (firm_id, created_at);

      CREATE TABLE plan_instalments (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        plan_id      TEXT NOT NULL REFERENCES payment_plans(id),
        seq          BIGINT NOT NULL,
        due_on       TEXT NOT NULL,
        attempt_on   TEXT NOT NULL,
        amount       BIGINT NOT NULL CHECK (amount > 0),
        status       TEXT NOT NULL CHECK (status IN ('scheduled', 'charging', 'processing', 'paid', 'failed', 'skipped', 'cancelled')),
        attempts     BIGINT NOT NULL DEFAULT 0,
        payment_id   TEXT REFERENCES payments(id),
        reminded_at  TEXT,
        last_error   TEXT,
        updated_at   TEXT NOT NULL,
        UNIQUE (plan_id, seq)
      );
      CREATE INDEX plan_instalments_due ON plan_instalments (status, attempt_on);

      ALTER TABLE payment_authorizations ENABLE ROW LEVEL SECURITY;
      ALTER TABLE payment_authorizations FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON payment_authorizations
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
      ALTER TABLE payment_plans ENABLE ROW LEVEL SECURITY;
      ALTER TABLE payment_plans FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON payment_plans
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
      ALTER TABLE plan_instalments ENABLE ROW LEVEL SECURITY;
      ALTER TABLE plan_instalments FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON plan_instalments
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 28,
    name: 'autopay: new invoices of a matter charged on their due dates',
    // autopay_enrolments: a client's standing authorization to charge each invoice the firm
    // publishes for one matter (invoices.matter) to a saved method; its text lives in
    // payment_authorizations (purpose 'autopay'). At most one active enrolment per matter.
    // autopay_charges: one per invoice published while the enrolment was active, charged on
    // charge_on (the invoice's due date); attempt_on is the day of the next attempt (charge_on, or
    // 3 days after a failure); amount is what the attempt charged (the open balance then).
    sqlite: `
      CREATE TABLE autopay_enrolments (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        matter           TEXT NOT NULL,
        authorization_id TEXT NOT NULL REFERENCES payment_authorizations(id),
        saved_method_id  TEXT NOT NULL REFERENCES saved_payment_methods(id),
        status           TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'stopped')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        ended_at         TEXT,
        ended_reason     TEXT
      );
      CREATE UNIQUE INDEX autopay_enrolments_active ON autopay_enrolments (firm_id, contact_id, matter) WHERE status = 'active';
      CREATE INDEX autopay_enrolments_contact ON autopay_enrolments (contact_id, created_at);

      CREATE TABLE autopay_charges (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        enrolment_id TEXT NOT NULL REFERENCES autopay_enrolments(id),
        invoice_id   TEXT NOT NULL REFERENCES invoices(id),
        amount       INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
        charge_on    TEXT NOT NULL,
        attempt_on   TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('scheduled', 'charging', 'processing', 'paid', 'failed', 'skipped', 'cancelled')),
        attempts     INTEGER NOT NULL DEFAULT 0,
        payment_id   TEXT REFERENCES payments(id),
        reminded_at  TEXT,
        last_error   TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        UNIQUE (enrolment_id, invoice_id)
      );
      CREATE INDEX autopay_charges_due ON autopay_charges (status, attempt_on);
      CREATE INDEX autopay_charges_invoice ON autopay_charges (invoice_id);
    `,
    postgres: `
      CREATE TABLE autopay_enrolments (
        id               TEXT PRIMARY KEY,
        firm_id          TEXT NOT NULL REFERENCES firms(id),
        contact_id       TEXT NOT NULL REFERENCES contacts(id),
        matter           TEXT NOT NULL,
        authorization_id TEXT NOT NULL REFERENCES payment_authorizations(id),
        saved_method_id  TEXT NOT NULL REFERENCES saved_payment_methods(id),
        status           TEXT NOT NULL CHECK (status IN ('active', 'cancelled', 'stopped')),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        ended_at         TEXT,
        ended_reason     TEXT
      );
      CREATE UNIQUE INDEX autopay_enrolments_active ON autopay_enrolments (firm_id, contact_id, matter) WHERE status = 'active';
      CREATE INDEX autopay_enrolments_contact ON autopay_enrolments (contact_id, created_at);

      CREATE TABLE autopay_charges (
        id           TEXT PRIMARY KEY,
        firm_id      TEXT NOT NULL REFERENCES firms(id),
        enrolment_id TEXT NOT NULL REFERENCES autopay_enrolments(id),
        invoice_id   TEXT NOT NULL REFERENCES invoices(id),
        amount       BIGINT NOT NULL DEFAULT 0 CHECK (amount >= 0),
        charge_on    TEXT NOT NULL,
        attempt_on   TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('scheduled', 'charging', 'processing', 'paid', 'failed', 'skipped', 'cancelled')),
        attempts     BIGINT NOT NULL DEFAULT 0,
        payment_id   TEXT REFERENCES payments(id),
        reminded_at  TEXT,
        last_error   TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        UNIQUE (enrolment_id, invoice_id)
      );
      CREATE INDEX autopay_charges_due ON autopay_charges (status, attempt_on);
      CREATE INDEX autopay_charges_invoice ON autopay_charges (invoice_id);

      ALTER TABLE autopay_enrolments ENABLE ROW LEVEL SECURITY;
      ALTER TABLE autopay_enrolments FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON autopay_enrolments
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
      ALTER TABLE autopay_charges ENABLE ROW LEVEL SECURITY;
      ALTER TABLE autopay_charges FORCE ROW LEVEL SECURITY;
      CREATE POLICY firm_isolation ON autopay_charges
        USING (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*')
        WITH CHECK (firm_id = NULLIF(current_setting('app.firm_id', true), '') OR current_setting('app.firm_id', true) = '*');
    `,
  },
  {
    version: 29,
    name: "a client's allocations are found together; a payment's latest status is read from its index",
    // payment_allocations.contact_id: the client whose invoice the allocation pays (an invoice's
    // client never changes). What a client owes is worked out from all of the client's invoices at
    // once: on PostgreSQL one range of payment_allocations_contact holds the client's allocations,
    // where a probe of the invoice index per invoice read a page for each invoice, paid or not
    // (the summary of a client of 1,000 invoices in a firm of a million read 2,650 pages; 1,400 now).
    // payment_events_payment carries the status (and the firm row-level security checks), so a
    // payment's latest status is read from the index alone once the table is vacuumed.
    // SQLite gets the same indexes, though its queries still work the sums out invoice by invoice.
    sqlite: `
      -- SQLite adds no NOT NULL column with a foreign key to a table: it is rebuilt.
      CREATE TABLE payment_allocations_new (
        payment_id      TEXT NOT NULL REFERENCES payments(id),
        invoice_id      TEXT NOT NULL REFERENCES invoices(id),
        amount          INTEGER NOT NULL CHECK (amount > 0),
        deposit_account TEXT NOT NULL CHECK (deposit_account IN ('operating', 'trust')),
        invoice_number  TEXT NOT NULL DEFAULT '',
        firm_id         TEXT NOT NULL REFERENCES firms(id),
        contact_id      TEXT NOT NULL REFERENCES contacts(id),
        PRIMARY KEY (payment_id, invoice_id)
      );
      INSERT INTO payment_allocations_new (payment_id, invoice_id, amount, deposit_account, invoice_number, firm_id, contact_id)
        SELECT a.payment_id, a.invoice_id, a.amount, a.deposit_account, a.invoice_number, a.firm_id, i.contact_id
        FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id;
      DROP TABLE payment_allocations;
      ALTER TABLE payment_allocations_new RENAME TO payment_allocations;
      CREATE INDEX payment_allocations_invoice ON payment_allocations (invoice_id);
      -- The same columns as PostgreSQL's indexes with their INCLUDE lists.
      CREATE INDEX payment_allocations_contact ON payment_allocations (firm_id, contact_id, invoice_id, payment_id, amount);
      DROP INDEX payment_events_payment;
      CREATE INDEX payment_events_payment ON payment_events (payment_id, id, status, firm_id);
    `,
    postgres: `
      -- Backfilled in the system scope the migrator runs in.
      ALTER TABLE payment_allocations ADD COLUMN contact_id TEXT REFERENCES contacts(id);
      UPDATE payment_allocations a SET contact_id = i.contact_id FROM invoices i WHERE i.id = a.invoice_id;
      ALTER TABLE payment_allocations ALTER COLUMN contact_id SET NOT NULL;
      CREATE INDEX payment_allocations_contact ON payment_allocations (firm_id, contact_id) INCLUDE (invoice_id, payment_id, amount);

      DROP INDEX payment_events_payment;
      CREATE INDEX payment_events_payment ON payment_events (payment_id, id) INCLUDE (status, firm_id);
    `,
  },
  {
    version: 30,
    name: "a client's payment events and refund allocations are found together",
    // payment_events.contact_id and refund_allocations.contact_id: the client of the payment (a
    // payment pays only its client's invoices, and a payment's client never changes). What a
    // client owes is worked out from one range of payment_events_contact (the latest status of
    // each of the client's payments) and one of refund_allocations_contact, where a probe of
    // payment_events_payment per allocation and of the refunds per invoice read a page each (the
    // summary of a client of 1,000 invoices in a firm of a million read 1,382 pages; 56 now).
    // Row-level security is unchanged: both tables' rows still carry their firm.
    sqlite: `
      -- SQLite adds no NOT NULL column with a foreign key to a table: each is rebuilt, ids kept.
      -- The view over payment_events goes while it is.
      DROP VIEW payment_status;

      CREATE TABLE payment_events_new (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        payment_id  TEXT NOT NULL REFERENCES payments(id),
        status      TEXT NOT NULL CHECK (status IN ('requires_action', 'processing', 'succeeded', 'failed', 'refunded', 'disputed')),
        reason      TEXT,
        occurred_at TEXT NOT NULL,
        firm_id     TEXT NOT NULL REFERENCES firms(id),
        contact_id  TEXT NOT NULL REFERENCES contacts(id)
      );
      INSERT INTO payment_events_new (id, payment_id, status, reason, occurred_at, firm_id, contact_id)
        SELECT e.id, e.payment_id, e.status, e.reason, e.occurred_at, e.firm_id, p.contact_id
        FROM payment_events e JOIN payments p ON p.id = e.payment_id;
      DROP TABLE payment_events;
      ALTER TABLE payment_events_new RENAME TO payment_events;
      -- The same columns as PostgreSQL's indexes with their INCLUDE lists.
      CREATE INDEX payment_events_payment ON payment_events (payment_id, id, status, firm_id);
      CREATE INDEX payment_events_contact ON payment_events (firm_id, contact_id, payment_id, id, status);

      CREATE TABLE refund_allocations_new (
        refund_id  TEXT NOT NULL REFERENCES refunds(id),
        invoice_id TEXT NOT NULL REFERENCES invoices(id),
        amount     INTEGER NOT NULL CHECK (amount > 0),
        firm_id    TEXT NOT NULL REFERENCES firms(id),
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        PRIMARY KEY (refund_id, invoice_id)
      );
      INSERT INTO refund_allocations_new (refund_id, invoice_id, amount, firm_id, contact_id)
        SELECT r.refund_id, r.invoice_id, r.amount, r.firm_id, p.contact_id
        FROM refund_allocations r JOIN refunds f ON f.id = r.refund_id JOIN payments p ON p.id = f.payment_id;
      DROP TABLE refund_allocations;
      ALTER TABLE refund_allocations_new RENAME TO refund_allocations;
      CREATE INDEX refund_allocations_invoice ON refund_allocations (invoice_id);
      CREATE INDEX refund_allocations_contact ON refund_allocations (firm_id, contact_id, invoice_id, refund_id, amount);

      CREATE VIEW payment_status AS
        SELECT e.payment_id, e.status, e.reason, e.occurred_at
        FROM payment_events e
        WHERE e.id = (SELECT MAX(id) FROM payment_events WHERE payment_id = e.payment_id);
    `,
    postgres: `
      -- Backfilled in the system scope the migrator runs in.
      ALTER TABLE payment_events ADD COLUMN contact_id TEXT REFERENCES contacts(id);
      UPDATE payment_events e SET contact_id = p.contact_id FROM payments p WHERE p.id = e.payment_id;
      ALTER TABLE payment_events ALTER COLUMN contact_id SET NOT NULL;
      CREATE INDEX payment_events_contact ON payment_events (firm_id, contact_id, payment_id, id) INCLUDE (status);

      ALTER TABLE refund_allocations ADD COLUMN contact_id TEXT REFERENCES contacts(id);
      UPDATE refund_allocations r SET contact_id = p.contact_id FROM refunds f JOIN payments p ON p.id = f.payment_id WHERE f.id = r.refund_id;
      ALTER TABLE refund_allocations ALTER COLUMN contact_id SET NOT NULL;
      CREATE INDEX refund_allocations_contact ON refund_allocations (firm_id, contact_id) INCLUDE (invoice_id, refund_id, amount);
    `,
  },
];
