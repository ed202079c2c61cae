import Foundation

/// YooKassa's amount: a decimal string and an ISO currency (`{"value": "299.00", "currency": "RUB"}`).
public struct YooKassaAmount: Codable, Sendable, Hashable {
    /// Decimal string, e.g. "299.00".
    public var value: String
    /// ISO 4217 code.
    public var currency: String

    /// Creates an amount.
    public init(value: String, currency: String) {
        self.value = value
        self.currency = currency
    }
}

/// Where YooKassa sends the buyer: a redirect to its confirmation page.
public struct YooKassaConfirmation: Codable, Sendable, Hashable {
    /// "redirect".
    public var type: String
    /// Where the buyer comes back to after paying (in the request).
    public var returnURL: String?
    /// The page the buyer pays on (in the answer).
    public var confirmationURL: String?

    /// Creates a confirmation.
    public init(type: String = "redirect", returnURL: String? = nil, confirmationURL: String? = nil) {
        self.type = type
        self.returnURL = returnURL
        self.confirmationURL = confirmationURL
    }

    enum CodingKeys: String, CodingKey {
        case type
        case returnURL = "return_url"
        case confirmationURL = "confirmation_url"
    }
}

/// A payment as YooKassa describes it (the fields Zapis reads).
public struct YooKassaPayment: Codable, Sendable, Hashable {
    /// YooKassa's id.
    public var id: String
    /// pending, waiting_for_capture, succeeded, canceled.
    public var status: String
    /// What is (or was) paid.
    public var amount: YooKassaAmount
    /// The confirmation page (while pending).
    public var confirmation: YooKassaConfirmation?
    /// Our ids, as we sent them.
    public var metadata: [String: String]?
    /// Description we sent.
    public var description: String?
    /// Whether it was paid.
    public var paid: Bool?

    /// Creates a payment.
    public init(
        id: String, status: String, amount: YooKassaAmount, confirmation: YooKassaConfirmation? = nil, metadata: [String: String]? = nil,
        description: String? = nil, paid: Bool? = nil
    ) {
        self.id = id
        self.status = status
        self.amount = amount
        self.confirmation = confirmation
        self.metadata = metadata
        self.description = description
        self.paid = paid
    }

    /// Whether `raw` can be a YooKassa payment id: 1–64 of A–Z a–z 0–9 `-` `_` (so it is safe in a URL path).
    public static func isPlausibleID(_ raw: String) -> Bool {
        (1...64).contains(raw.utf8.count) && raw.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
    }
}

/// `POST /v3/payments`: a redirect payment captured at once.
public struct YooKassaCreatePayment: Codable, Sendable, Hashable {
    /// What to pay.
    public var amount: YooKassaAmount
    /// Always true: no two-stage payments.
    public var capture: Bool
    /// A redirect with the return URL.
    public var confirmation: YooKassaConfirmation
    /// Shown to the buyer (≤ 128 characters).
    public var description: String
    /// Our ids (order id, tenant).
    public var metadata: [String: String]

    /// Creates a request.
    public init(amount: YooKassaAmount, returnURL: String, description: String, metadata: [String: String]) {
        self.amount = amount
        self.capture = true
        self.confirmation = YooKassaConfirmation(returnURL: returnURL)
        self.description = String(description.prefix(128))
        self.metadata = metadata
    }
}

/// A notification YooKassa POSTs (`{type: "notification", event, object}`). Not signed: only its payment id is used,
/// to re-read the payment.
public struct YooKassaNotification: Codable, Sendable, Hashable {
    /// "notification".
    public var type: String
    /// e.g. "payment.succeeded".
    public var event: String
    /// The payment as the notification claims it.
    public var object: Object

    /// The part of the object read: its id.
    public struct Object: Codable, Sendable, Hashable {
        /// The payment's id.
        public var id: String
        /// The claimed status (never trusted).
        public var status: String?

        /// Creates an object.
        public init(id: String, status: String? = nil) {
            self.id = id
            self.status = status
        }
    }

    /// Creates a notification.
    public init(event: String, object: Object) {
        self.type = "notification"
        self.event = event
        self.object = object
    }
}
