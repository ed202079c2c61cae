import BookingCore
import Foundation

/// `zapis key show|rotate`: the master key's fingerprints and its rotation.
extension Commands {
    /// Why a rotation could not start.
    public struct KeyRotationRefused: Error, CustomStringConvertible {
        public let description: String
    }

    /// `key show`: the fingerprints of the keys this configuration reads (never the keys).
    public static func showKeys(configuration: AppConfiguration) throws -> [String] {
        let vault = try configuration.keySource.load()
        return ["primary \(vault.fingerprint)"] + vault.otherFingerprints.map { "also opens with \($0)" }
    }

    /// `key rotate`: re-seals every token under the next key, checks the result, and with a key file makes the next
    /// key the key (the old one kept as `<key file>.previous`). The next key is `--new-key-file`, else
    /// `ZAPIS_MASTER_KEY_NEXT`, else `<key file>.next` (created when missing).
    public static func rotateKey(newKeyFile: String?, configuration: AppConfiguration) async throws -> [String] {
        let source = configuration.keySource
        let usesFiles = source.configured == nil && source.keyFile != nil
        let nextKey: String
        if let newKeyFile {
            guard let key = try TokenVault.readKeyFile(newKeyFile) else { throw KeyRotationRefused(description: "no key file \(newKeyFile)") }
            nextKey = key
        } else if let key = configuration.masterKeyNext {
            nextKey = key
        } else if usesFiles, let nextFile = source.nextFile {
            // Written before any token is touched: a service beside us reads it when a re-sealed token does not open.
            nextKey = try TokenVault.readKeyFile(nextFile) ?? TokenVault.createKeyFile(nextFile)
        } else {
            throw KeyRotationRefused(
                description: "the key comes from ZAPIS_MASTER_KEY: give every instance the new key as ZAPIS_MASTER_KEY_NEXT "
                    + "(restarting them one at a time), then run `zapis key rotate` with it set here too")
        }
        let logger = LiveDependencies.logger(configuration)
        return try await LiveDependencies.withRunning(configuration, logger: logger) { dependencies in
            let current = dependencies.vault
            let next = try TokenVault(base64Key: nextKey)
            guard next.fingerprint != current.fingerprint else { throw KeyRotationRefused(description: "the new key is the current key") }
            // Every server's tenants (each server keeps its tenants' rows).
            let rotations = dependencies.everyServer.map {
                KeyRotation(tenants: $0.stores.tenants, deposits: $0.stores.deposits, now: $0.now, actor: cliActor(), logger: logger)
            }
            var report = KeyRotation.Report()
            var failing: [TenantID] = []
            for rotation in rotations {
                let done = try await rotation.run(current: current, next: next)
                report.resealed += done.resealed
                report.alreadyNew += done.alreadyNew
                report.unreadable += done.unreadable
                failing += try await rotation.verify(current: current.primaryOnly, next: next).filter { !done.unreadable.contains($0) }
            }
            var lines = ["re-sealed \(report.resealed) tokens under \(next.fingerprint) (\(report.alreadyNew) already were)"]
            lines += report.unreadable.map { "token of \($0) opens with no key: left as it is; give it a new one with `zapis tenant set-token`" }
            guard failing.isEmpty else {
                // E.g. a tenant added meanwhile under the old key: running the rotation again seals it too.
                return lines + ["not done: \(failing.map(\.rawValue)) still open with the old key; run `zapis key rotate` again"]
            }
            if usesFiles, let keyFile = source.keyFile, let previousFile = source.previousFile, let nextFile = source.nextFile {
                try KeyFiles.promote(nextKey, keyFile: keyFile, previousFile: previousFile, nextFile: nextFile)
                return lines + [
                    "\(keyFile) now holds the new key; the old one is in \(previousFile), read only to accept webhooks "
                        + "registered under it: remove it once every instance has restarted",
                ]
            }
            return lines + [
                "every token opens with the new key only. Now set ZAPIS_MASTER_KEY to the new key and "
                    + "ZAPIS_MASTER_KEY_PREVIOUS to the old one on every instance (restart them one at a time); "
                    + "remove ZAPIS_MASTER_KEY_PREVIOUS and ZAPIS_MASTER_KEY_NEXT once all have restarted",
            ]
        }
    }
}
