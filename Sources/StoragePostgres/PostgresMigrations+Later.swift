extension PostgresMigrations {
    /// Tenant migrations from 8 (deposits) on.
    static let tenantLater: [SchemaMigration] = [
        // Deposits: a service's rule, the tenant's payment method (a provider token sealed like bot tokens), a booking
        // held until its deposit is paid (held bookings take their time like confirmed ones: the exclusion constraint
        // covers both), and the deposit itself with the charge ids of its payment.
        SchemaMigration(
            version: 8, name: "deposits", tables: ["payment_settings", "deposits"],
            statements: [
                "ALTER TABLE {schema}.services ADD COLUMN deposit jsonb",
                "ALTER TABLE {schema}.bookings ADD COLUMN hold_until timestamptz",
                "ALTER TABLE {schema}.bookings DROP CONSTRAINT bookings_status_check",
                "ALTER TABLE {schema}.bookings ADD CONSTRAINT bookings_status_check CHECK (status IN ('confirmed', 'held', 'cancelled', 'completed', 'no_show'))",
                "ALTER TABLE {schema}.bookings DROP CONSTRAINT bookings_no_overlap",
                """
                ALTER TABLE {schema}.bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
                    master_id WITH =, tstzrange(occupied_from, occupied_to) WITH &&) WHERE (status IN ('confirmed', 'held'))
                """,
                "CREATE INDEX bookings_held ON {schema}.bookings (hold_until) WHERE status = 'held'",
                """
                CREATE TABLE {schema}.payment_settings (
                    id integer PRIMARY KEY CHECK (id = 1), mode text NOT NULL CHECK (mode IN ('none', 'stars', 'provider')),
                    sealed_token bytea, updated_at timestamptz NOT NULL)
                """,
                """
                CREATE TABLE {schema}.deposits (
                    booking_id bigint PRIMARY KEY REFERENCES {schema}.bookings (id), customer_id bigint NOT NULL,
                    amount bigint NOT NULL CHECK (amount > 0), currency text NOT NULL,
                    status text NOT NULL CHECK (status IN ('pending', 'paid', 'expired', 'refunded', 'refund_due')),
                    telegram_charge_id text, provider_charge_id text, created_at timestamptz NOT NULL, paid_at timestamptz,
                    refunded_at timestamptz)
                """,
            ]),
        // Staff: a master's description, order and feed secret; the admin linked to a master; a customer's phone.
        SchemaMigration(
            version: 9, name: "staff", tables: [],
            statements: [
                "ALTER TABLE {schema}.masters ADD COLUMN description text NOT NULL DEFAULT '', ADD COLUMN display_order integer NOT NULL DEFAULT 0",
                "ALTER TABLE {schema}.admins ADD COLUMN master_id bigint",
                "ALTER TABLE {schema}.customers ADD COLUMN phone text",
                "ALTER TABLE {schema}.masters ADD COLUMN feed_token text",
            ]),
        // The customer's comment for the master, typed on the confirmation step (issue 18, item 5).
        SchemaMigration(version: 10, name: "booking comment", tables: [], statements: ["ALTER TABLE {schema}.bookings ADD COLUMN comment text"]),
    ]
}
