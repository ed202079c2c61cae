import Testing

/// Resources a test created (PostgreSQL pools and databases), released when the test ends.
actor StoreScope {
    @TaskLocal static var current: StoreScope?

    struct Missing: Error, CustomStringConvertible {
        var description: String { "no StoreScope: give the suite the .storeScope trait or wrap the code in StoreScope.run" }
    }

    private var exits: [@Sendable () async -> Void] = []

    /// The scope of the running test.
    static func required() throws -> StoreScope {
        guard let current else { throw Missing() }
        return current
    }

    /// Registers work to do when the scope ends (in reverse order of registration).
    func onExit(_ work: @escaping @Sendable () async -> Void) { exits.append(work) }

    /// Runs `body` in a new scope and releases what it registered, also when it throws.
    static func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let scope = StoreScope()
        do {
            let result = try await $current.withValue(scope) { try await body() }
            await scope.release()
            return result
        } catch {
            await scope.release()
            throw error
        }
    }

    private func release() async {
        for work in exits.reversed() { await work() }
        exits = []
    }
}

/// Gives every test case of a suite its own `StoreScope`.
struct StoreScopeTrait: SuiteTrait, TestTrait, TestScoping {
    var isRecursive: Bool { true }

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        try await StoreScope.run { try await function() }
    }
}

extension Trait where Self == StoreScopeTrait {
    /// Each test case gets a `StoreScope` that drops its PostgreSQL databases when it ends.
    static var storeScope: Self { StoreScopeTrait() }
}
