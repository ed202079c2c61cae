/// Versioned schema of the embedded database. Append new versions; never edit an applied one.
enum SQLiteMigrations {
    /// (version, statements) in order.
    static let all: [(version: Int, statements: [String])] = [
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
    ]
}
