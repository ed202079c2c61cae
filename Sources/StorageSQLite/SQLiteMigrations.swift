/// Versioned schema of the embedded database. Append new versions; never edit an applied one.
enum SQLiteMigrations {
    /// (version, statements) in order.
    static let all: [(version: Int, statements: [String])] = early + later

    private static let early: [(version: Int, statements: [String])] = [
        (
            1,
            [
                """
                CREATE TABLE tenants (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, time_zone TEXT NOT NULL, default_language TEXT NOT NULL,
                    currency TEXT NOT NULL, address TEXT NOT NULL, contact TEXT NOT NULL, status TEXT NOT NULL,
                    policies TEXT NOT NULL, encrypted_token BLOB NOT NULL, bot_id INTEGER NOT NULL,
                    bot_username TEXT NOT NULL, owner_user_id INTEGER NOT NULL, created_at REAL NOT NULL)
                """,
                """
                CREATE TABLE services (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    name TEXT NOT NULL, description TEXT NOT NULL, duration_minutes INTEGER NOT NULL,
                    price TEXT NOT NULL, slot_interval_minutes INTEGER, buffer_before_minutes INTEGER NOT NULL,
                    buffer_after_minutes INTEGER NOT NULL, is_active INTEGER NOT NULL, display_order INTEGER NOT NULL,
                    master_ids TEXT NOT NULL)
                """,
                "CREATE INDEX services_tenant ON services(tenant_id, display_order)",
                """
                CREATE TABLE masters (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    name TEXT NOT NULL, is_active INTEGER NOT NULL, plan TEXT NOT NULL, exceptions TEXT NOT NULL)
                """,
                "CREATE INDEX masters_tenant ON masters(tenant_id)",
                """
                CREATE TABLE bookings (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    customer_id INTEGER NOT NULL, chat_id INTEGER NOT NULL, service_id INTEGER NOT NULL,
                    master_id INTEGER NOT NULL, start_at REAL NOT NULL, end_at REAL NOT NULL,
                    occupied_from REAL NOT NULL, occupied_to REAL NOT NULL, buffer_before_minutes INTEGER NOT NULL,
                    buffer_after_minutes INTEGER NOT NULL, status TEXT NOT NULL, cancelled_by TEXT, cancel_reason TEXT,
                    created_at REAL NOT NULL)
                """,
                "CREATE INDEX bookings_master_time ON bookings(tenant_id, master_id, occupied_from)",
                "CREATE INDEX bookings_customer ON bookings(tenant_id, customer_id)",
                """
                CREATE TABLE booking_history (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, booking_id INTEGER NOT NULL,
                    at REAL NOT NULL, actor TEXT NOT NULL, old_status TEXT, new_status TEXT NOT NULL, note TEXT)
                """,
                """
                CREATE TABLE blocks (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL REFERENCES tenants(id),
                    master_id INTEGER, start_at REAL NOT NULL, end_at REAL NOT NULL, reason TEXT NOT NULL)
                """,
                "CREATE INDEX blocks_tenant_time ON blocks(tenant_id, start_at)",
                """
                CREATE TABLE customers (
                    tenant_id TEXT NOT NULL REFERENCES tenants(id), user_id INTEGER NOT NULL, chat_id INTEGER NOT NULL,
                    first_name TEXT NOT NULL, username TEXT, language_code TEXT, first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL, PRIMARY KEY (tenant_id, user_id))
                """,
                """
                CREATE TABLE conversation_state (
                    tenant_id TEXT NOT NULL, chat_id INTEGER NOT NULL, user_id INTEGER NOT NULL, state BLOB NOT NULL,
                    updated_at REAL NOT NULL, PRIMARY KEY (tenant_id, chat_id, user_id))
                """,
                """
                CREATE TABLE processed_updates (
                    tenant_id TEXT NOT NULL, update_id INTEGER NOT NULL, processed_at REAL NOT NULL,
                    PRIMARY KEY (tenant_id, update_id))
                """,
            ]
        ),
        (
            2,
            [
                """
                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, chat_id INTEGER, payload BLOB NOT NULL,
                    priority INTEGER NOT NULL, due_at REAL NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                    booking_id INTEGER, created_at REAL NOT NULL, sent_at REAL, failed_at REAL, last_error TEXT)
                """,
                "CREATE INDEX outbox_pending ON outbox(due_at) WHERE sent_at IS NULL AND failed_at IS NULL",
                "CREATE INDEX outbox_booking ON outbox(tenant_id, booking_id) WHERE booking_id IS NOT NULL",
                "ALTER TABLE customers ADD COLUMN unreachable_at REAL",
            ]
        ),
        (
            3,
            // Reschedules record the placement before and after the move.
            ["from", "to"].flatMap { side in
                [
                    "ALTER TABLE booking_history ADD COLUMN \(side)_start_at REAL",
                    "ALTER TABLE booking_history ADD COLUMN \(side)_end_at REAL",
                    "ALTER TABLE booking_history ADD COLUMN \(side)_master_id INTEGER",
                    "ALTER TABLE booking_history ADD COLUMN \(side)_service_id INTEGER",
                ]
            } + ["CREATE INDEX booking_history_booking ON booking_history(tenant_id, booking_id)"]
        ),
        (
            4,
            // Claims with leases (several senders), in-doubt detection, timers as outbox rows.
            [
                "ALTER TABLE outbox ADD COLUMN kind INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE outbox ADD COLUMN claimed_by TEXT",
                "ALTER TABLE outbox ADD COLUMN lease_until REAL",
                "ALTER TABLE outbox ADD COLUMN attempted_at REAL",
                "CREATE INDEX outbox_chat_pending ON outbox(tenant_id, chat_id, priority, id) WHERE sent_at IS NULL AND failed_at IS NULL",
            ]
        ),
        (
            5,
            // The admin side: admins and roles, the audit log, per-tenant text templates.
            [
                """
                CREATE TABLE admins (
                    tenant_id TEXT NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL,
                    notify INTEGER NOT NULL, added_at REAL NOT NULL, PRIMARY KEY (tenant_id, user_id))
                """,
                """
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, at REAL NOT NULL, actor INTEGER NOT NULL,
                    action TEXT NOT NULL, target TEXT NOT NULL, old_value TEXT, new_value TEXT, outcome TEXT NOT NULL)
                """,
                "CREATE INDEX audit_log_tenant ON audit_log(tenant_id, id)",
                """
                CREATE TABLE text_overrides (
                    tenant_id TEXT NOT NULL, key TEXT NOT NULL, language TEXT NOT NULL, template TEXT NOT NULL,
                    PRIMARY KEY (tenant_id, key, language))
                """,
                "CREATE INDEX bookings_tenant_start ON bookings(tenant_id, start_at)",
            ]
        ),
        (
            6,
            // Feedback (one rating per booking) and waitlists of full days.
            [
                """
                CREATE TABLE feedback (
                    tenant_id TEXT NOT NULL, booking_id INTEGER NOT NULL, customer_id INTEGER NOT NULL, master_id INTEGER NOT NULL,
                    service_id INTEGER NOT NULL, rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5), comment TEXT,
                    rated_at REAL NOT NULL, PRIMARY KEY (tenant_id, booking_id))
                """,
                "CREATE INDEX feedback_rated ON feedback(tenant_id, rated_at)",
                """
                CREATE TABLE waitlist (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, customer_id INTEGER NOT NULL,
                    chat_id INTEGER NOT NULL, language_code TEXT, service_id INTEGER NOT NULL, master_id INTEGER, day INTEGER NOT NULL,
                    created_at REAL NOT NULL, status TEXT NOT NULL, offer_start REAL, offer_master_id INTEGER, offer_until REAL)
                """,
                "CREATE INDEX waitlist_day ON waitlist(tenant_id, day, id) WHERE status IN ('waiting', 'offered')",
            ]
        ),
        (
            7,
            // Broadcasts: tagged outbox rows, counted by tag; 403s ("blocked") told apart from other failures.
            [
                "ALTER TABLE outbox ADD COLUMN tag TEXT",
                "ALTER TABLE outbox ADD COLUMN error_code INTEGER",
                "CREATE INDEX outbox_tag ON outbox(tenant_id, tag) WHERE tag IS NOT NULL",
                "CREATE INDEX outbox_queue ON outbox(priority, id) WHERE sent_at IS NULL AND failed_at IS NULL",
            ]
        ),
        (
            8,
            // Rows that make no sense late (a reminder after the visit began) are not sent after this instant.
            ["ALTER TABLE outbox ADD COLUMN expires_at REAL"]
        ),
        (
            9,
            // Crash-loop immunity: crashed attempts per update (written outside any update's transaction) and the
            // updates given up on, with their bodies, for the operator.
            [
                """
                CREATE TABLE update_attempts (
                    tenant_id TEXT NOT NULL, update_id INTEGER NOT NULL, crashes INTEGER NOT NULL, culprit INTEGER NOT NULL,
                    error TEXT NOT NULL, updated_at REAL NOT NULL, PRIMARY KEY (tenant_id, update_id))
                """,
                """
                CREATE TABLE dead_letters (
                    tenant_id TEXT NOT NULL, update_id INTEGER NOT NULL, body BLOB NOT NULL, error TEXT NOT NULL,
                    attempts INTEGER NOT NULL, created_at REAL NOT NULL, PRIMARY KEY (tenant_id, update_id))
                """,
                "CREATE INDEX dead_letters_created ON dead_letters(created_at)",
            ]
        ),
        (
            10,
            // Tenant lifecycle: why a tenant was suspended or deleted and since when; the operator's audit log.
            [
                "ALTER TABLE tenants ADD COLUMN status_reason TEXT NOT NULL DEFAULT ''",
                "ALTER TABLE tenants ADD COLUMN status_changed_at REAL",
                """
                CREATE TABLE operator_audit (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, actor TEXT NOT NULL, tenant_id TEXT,
                    action TEXT NOT NULL, detail TEXT NOT NULL)
                """,
                "CREATE INDEX operator_audit_tenant ON operator_audit(tenant_id, id)",
            ]
        ),
        (
            11,
            // Imports from the original bot: which of our rows each original row became, so a re-import changes nothing.
            [
                """
                CREATE TABLE import_ledger (
                    tenant_id TEXT NOT NULL, source TEXT NOT NULL, kind TEXT NOT NULL, original_key TEXT NOT NULL,
                    our_id INTEGER NOT NULL, fingerprint TEXT NOT NULL, PRIMARY KEY (tenant_id, source, kind, original_key))
                """
            ]
        ),
        (
            12,
            // The operator API's bearer tokens: a name and the SHA-256 of the secret (the secret is shown once).
            [
                """
                CREATE TABLE operator_tokens (
                    name TEXT PRIMARY KEY, hash BLOB NOT NULL, created_at REAL NOT NULL, revoked_at REAL)
                """
            ]
        ),
        (
            13,
            // The language of each admin's latest admin-side update: admin messages use it, not their customer record's.
            ["ALTER TABLE admins ADD COLUMN language_code TEXT"]
        ),
        (
            14,
            // Which instance long-polls each bot (Telegram allows one getUpdates per bot at a time), until when.
            ["CREATE TABLE poll_leases (tenant_id TEXT PRIMARY KEY, owner TEXT NOT NULL, lease_until REAL NOT NULL)"]
        ),
        (
            15,
            // Billing: plans as data (the original's defaults), one subscription per tenant, payments applied once.
            [
                """
                CREATE TABLE plans (
                    code TEXT PRIMARY KEY, name_ru TEXT NOT NULL, name_en TEXT NOT NULL, price_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL, period_days INTEGER NOT NULL, active INTEGER NOT NULL, display_order INTEGER NOT NULL)
                """,
                """
                INSERT INTO plans VALUES
                    ('trial', 'Пробный период', 'Trial', 0, 'RUB', 7, 1, 0), ('m1', '1 месяц', '1 month', 29900, 'RUB', 30, 1, 1),
                    ('m3', '3 месяца', '3 months', 79900, 'RUB', 90, 1, 2), ('m6', '6 месяцев', '6 months', 149900, 'RUB', 180, 1, 3),
                    ('m12', '12 месяцев', '12 months', 249900, 'RUB', 365, 1, 4)
                """,
                """
                CREATE TABLE subscriptions (
                    tenant_id TEXT PRIMARY KEY, plan TEXT NOT NULL, paid_until REAL NOT NULL, paid INTEGER NOT NULL, updated_at REAL NOT NULL)
                """,
                """
                CREATE TABLE payments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, tenant_id TEXT NOT NULL, plan TEXT NOT NULL, amount_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL, period_days INTEGER NOT NULL, provider TEXT NOT NULL, external_id TEXT UNIQUE,
                    reference TEXT NOT NULL, status TEXT NOT NULL, created_at REAL NOT NULL, applied_at REAL)
                """,
                "CREATE INDEX payments_tenant ON payments(tenant_id, id)",
            ]
        ),
        (
            16,
            // YooKassa notifications, stored before they are verified (a crash in between loses nothing); expiry
            // warnings sent, one row per (tenant, paid_until, days before), so each goes out once.
            [
                """
                CREATE TABLE yookassa_notifications (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, external_id TEXT NOT NULL, event TEXT NOT NULL, source TEXT NOT NULL,
                    body BLOB NOT NULL, received_at REAL NOT NULL, finished_at REAL, outcome TEXT)
                """,
                "CREATE INDEX yookassa_notifications_unfinished ON yookassa_notifications(id) WHERE finished_at IS NULL",
                """
                CREATE TABLE expiry_notices (
                    tenant_id TEXT NOT NULL, paid_until REAL NOT NULL, days INTEGER NOT NULL, sent_at REAL NOT NULL,
                    PRIMARY KEY (tenant_id, paid_until, days))
                """,
            ]
        ),
        (
            17,
            // A waitlist offer reserves the master's time it holds (service and buffers) until it runs out.
            [
                "ALTER TABLE waitlist ADD COLUMN offer_from REAL",
                "ALTER TABLE waitlist ADD COLUMN offer_to REAL",
                "CREATE INDEX waitlist_holds ON waitlist(tenant_id, offer_master_id, offer_from) WHERE status = 'offered'",
            ]
        ),
        (
            18,
            // The price a booking was made at (revenue uses it, not today's price); the sweep that completes ended bookings.
            [
                "ALTER TABLE bookings ADD COLUMN price TEXT",
                "CREATE INDEX bookings_to_complete ON bookings(tenant_id, end_at) WHERE status = 'confirmed'",
            ]
        ),
    ]
}
