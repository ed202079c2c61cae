import App
import ArgumentParser

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Subscription plans (data the sales bot and renewals offer).", subcommands: [List.self, Set.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the plans.")
        @OptionGroup var options: ServiceOptions

        func run() async throws {
            try await billing { for line in try await Commands.listPlans(configuration: try await options.configuration()) { print(line) } }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or change a plan (audited); options not given keep their value.")
        @OptionGroup var options: ServiceOptions
        @Argument(help: "Plan code (1–32 of a-z, 0-9, _), e.g. m3; `trial` is the trial.") var code: String
        @Option(help: "Russian name.") var nameRu: String?
        @Option(help: "English name.") var nameEn: String?
        @Option(help: "Price as a decimal, e.g. 799.00.") var price: String?
        @Option(help: "ISO currency code.") var currency: String?
        @Option(help: "Days one payment adds (the trial: its length).") var days: Int?
        @Option(help: "Position in lists.") var order: Int?
        @Flag(inversion: .prefixedNo, help: "Offered to buyers.") var active: Bool?

        func run() async throws {
            let edit = PlanEdit(
                nameRU: nameRu, nameEN: nameEn, price: price, currency: currency, periodDays: days, active: active, displayOrder: order)
            try await billing { print(try await Commands.setPlan(code, edit, configuration: try await options.configuration())) }
        }
    }
}

struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing", abstract: "Tenants' subscriptions and payments.", subcommands: [Show.self, Pay.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A tenant's subscription and latest payments.")
        @OptionGroup var options: ServiceOptions
        @Argument(help: "Tenant id.") var tenant: String

        func run() async throws {
            try await billing { for line in try await Commands.showBilling(tenant, configuration: try await options.configuration()) { print(line) } }
        }
    }

    struct Pay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a payment received outside YooKassa: extends paid-until from max(now, paid-until), audited.")
        @OptionGroup var options: ServiceOptions
        @Argument(help: "Tenant id.") var tenant: String
        @Option(help: "Amount received, a decimal, e.g. 799.00.") var amount: String
        @Option(help: "Days it pays for (1–3660).") var days: Int
        @Option(help: "What the money was: bank transfer number, receipt (1–200 characters).") var reference: String
        @Option(help: "The plan it pays for, if any.") var plan: String?

        func run() async throws {
            try await billing {
                print(
                    try await Commands.recordManualPayment(
                        tenant, amount: amount, days: days, reference: reference, plan: plan, configuration: try await options.configuration()))
            }
        }
    }
}

/// Runs a billing command; its refusals become clear one-line errors.
private func billing(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as BillingError {
        throw ValidationError(error.description)
    }
}
