extension SQLiteMigrations {
    /// Migrations from 19 (the business profile) on.
    static let later: [(version: Int, statements: [String])] = [
        (
            19,
            // The business's map link and the bot's descriptions (`TenantPresentation`, JSON).
            ["ALTER TABLE tenants ADD COLUMN presentation TEXT NOT NULL DEFAULT '{}'"]
        ),
        (
            20,
            // Deposits: a service's rule, the tenant's payment method (a provider token sealed like bot tokens), a booking
            // held until its deposit is paid, and the deposit itself with the charge ids of its payment.
            [
                "ALTER TABLE services ADD COLUMN deposit TEXT",
                "ALTER TABLE bookings ADD COLUMN hold_until REAL",
                "CREATE INDEX bookings_held ON bookings(tenant_id, hold_until) WHERE status = 'held'",
                """
                CREATE TABLE payment_settings (
                    tenant_id TEXT NOT NULL REFERENCES tenants(id), id INTEGER NOT NULL CHECK (id = 1), mode TEXT NOT NULL,
                    sealed_token BLOB, updated_at REAL NOT NULL, PRIMARY KEY (tenant_id, id))
                """,
                """
                CREATE TABLE deposits (
                    tenant_id TEXT NOT NULL REFERENCES tenants(id), booking_id INTEGER NOT NULL, customer_id INTEGER NOT NULL,
                    amount INTEGER NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL, telegram_charge_id TEXT,
                    provider_charge_id TEXT, created_at REAL NOT NULL, paid_at REAL, refunded_at REAL,
                    PRIMARY KEY (tenant_id, booking_id))
                """,
            ]
        ),
        (
            21,
            // Staff: a master's description, order and feed secret; the admin linked to a master; a customer's phone.
            [
                "ALTER TABLE masters ADD COLUMN description TEXT NOT NULL DEFAULT ''", "ALTER TABLE masters ADD COLUMN feed_token TEXT",
                "ALTER TABLE masters ADD COLUMN display_order INTEGER NOT NULL DEFAULT 0", "ALTER TABLE admins ADD COLUMN master_id INTEGER",
                "ALTER TABLE customers ADD COLUMN phone TEXT"]
        ),
        (
            22,
            // Orders of the sales bot, stored before the payment: a paid one is provisioned (retried until it is).
            [
                """
                CREATE TABLE prospects (
                    tenant_id TEXT PRIMARY KEY, buyer_id INTEGER NOT NULL, language TEXT NOT NULL, business_name TEXT NOT NULL,
                    time_zone TEXT NOT NULL, bot_id INTEGER NOT NULL, bot_username TEXT NOT NULL, encrypted_token BLOB NOT NULL,
                    plan TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL, last_error TEXT NOT NULL,
                    created_at REAL NOT NULL, updated_at REAL NOT NULL)
                """,
                "CREATE INDEX prospects_paid ON prospects(updated_at) WHERE status = 'paid'",
            ]
        ),
        (
            23,
            // The customer's comment for the master, typed on the confirmation step (issue 18, item 5).
            ["ALTER TABLE bookings ADD COLUMN comment TEXT"]
        ),
    ]
}
