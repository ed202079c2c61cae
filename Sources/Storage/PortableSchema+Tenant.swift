extension PortableSchema {
    /// A tenant's own tables (its schema on PostgreSQL), parents first.
    static let tenantTables: [PortableTable] = [
        table(
            "masters", .tenant, key: ["id"], identity: "id",
            [
                ("id", .integer), ("name", .text), ("is_active", .boolean), ("plan", .json), ("exceptions", .json), ("description", .text),
                ("display_order", .integer), ("feed_token", .text),
            ]),
        table(
            "services", .tenant, key: ["id"], identity: "id",
            [
                ("id", .integer), ("name", .text), ("description", .text), ("duration_minutes", .integer), ("price", .json),
                ("slot_interval_minutes", .integer), ("buffer_before_minutes", .integer), ("buffer_after_minutes", .integer),
                ("is_active", .boolean), ("display_order", .integer), ("master_ids", .json), ("deposit", .json),
            ]),
        table(
            "customers", .tenant, key: ["user_id"],
            [
                ("user_id", .integer), ("chat_id", .integer), ("first_name", .text), ("username", .text), ("language_code", .text),
                ("first_seen", .instant), ("last_seen", .instant), ("unreachable_at", .instant), ("phone", .text),
            ]),
        table(
            "bookings", .tenant, key: ["id"], identity: "id",
            [
                ("id", .integer), ("customer_id", .integer), ("chat_id", .integer), ("service_id", .integer), ("master_id", .integer),
                ("start_at", .instant), ("end_at", .instant), ("occupied_from", .instant), ("occupied_to", .instant),
                ("buffer_before_minutes", .integer), ("buffer_after_minutes", .integer), ("status", .text), ("cancelled_by", .text),
                ("cancel_reason", .text), ("created_at", .instant), ("price", .json), ("hold_until", .instant),
                ("comment", .text),
            ]),
        table(
            "deposits", .tenant, key: ["booking_id"],
            [
                ("booking_id", .integer), ("customer_id", .integer), ("amount", .integer), ("currency", .text), ("status", .text),
                ("telegram_charge_id", .text), ("provider_charge_id", .text), ("created_at", .instant), ("paid_at", .instant),
                ("refunded_at", .instant),
            ]),
        table(
            "payment_settings", .tenant, key: ["id"],
            [("id", .integer), ("mode", .text), ("sealed_token", .blob), ("updated_at", .instant)]),
        table(
            "booking_history", .tenant, key: ["id"], identity: "id",
            [
                ("id", .integer), ("booking_id", .integer), ("at", .instant), ("actor", .text), ("old_status", .text),
                ("new_status", .text), ("note", .text), ("from_start_at", .instant), ("from_end_at", .instant),
                ("from_master_id", .integer), ("from_service_id", .integer), ("to_start_at", .instant), ("to_end_at", .instant),
                ("to_master_id", .integer), ("to_service_id", .integer),
            ]),
        table(
            "blocks", .tenant, key: ["id"], identity: "id",
            [("id", .integer), ("master_id", .integer), ("start_at", .instant), ("end_at", .instant), ("reason", .text)]),
        table(
            "feedback", .tenant, key: ["booking_id"],
            [
                ("booking_id", .integer), ("customer_id", .integer), ("master_id", .integer), ("service_id", .integer),
                ("rating", .integer), ("comment", .text), ("rated_at", .instant),
            ]),
        table(
            "waitlist", .tenant, key: ["id"], identity: "id",
            [
                ("id", .integer), ("customer_id", .integer), ("chat_id", .integer), ("language_code", .text), ("service_id", .integer),
                ("master_id", .integer), ("day", .integer), ("created_at", .instant), ("status", .text), ("offer_start", .instant),
                ("offer_master_id", .integer), ("offer_until", .instant), ("offer_from", .instant), ("offer_to", .instant),
            ]),
        table(
            "conversation_state", .tenant, key: ["chat_id", "user_id"],
            [("chat_id", .integer), ("user_id", .integer), ("state", .blob), ("updated_at", .instant)]),
        table(
            "admins", .tenant, key: ["user_id"],
            [
                ("user_id", .integer), ("role", .text), ("name", .text), ("notify", .boolean), ("added_at", .instant),
                ("language_code", .text), ("master_id", .integer),
            ]),
        table(
            "audit_log", .tenant, key: ["id"], identity: "id",
            [
                ("id", .integer), ("at", .instant), ("actor", .integer), ("action", .text), ("target", .text), ("old_value", .text),
                ("new_value", .text), ("outcome", .text),
            ]),
        table("text_overrides", .tenant, key: ["key", "language"], [("key", .text), ("language", .text), ("template", .text)]),
        table(
            "import_ledger", .tenant, key: ["source", "kind", "original_key"],
            [("source", .text), ("kind", .text), ("original_key", .text), ("our_id", .integer), ("fingerprint", .text)]),
    ]
}
