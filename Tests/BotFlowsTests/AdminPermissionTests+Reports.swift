import BookingCore
@testable import BotFlows
import Foundation
import Storage

/// Reports' and service changes' buttons and inputs, enumerated for the permission tests.
extension AdminPermissionTests {
    static func reportCallbacks(master m: MasterID, service s: ServiceID) -> [AdminCallback] {
        let period = ReportPeriod.week(FlowHarness.tomorrow)
        let reports: [ReportCallback] = [.menu, .show(nil, period), .show(m, period), .csv(nil, period), .custom(nil)]
        let changes: [ServiceChangeCallback] = [
            .start(nil, FlowHarness.tomorrow), .preview(m, FlowHarness.tomorrow, s), .confirm(nil, FlowHarness.tomorrow, s),
        ]
        return reports.map { .report($0) } + changes.map { .serviceChange($0) }
    }

    static let reportInputs: [(AdminInput, String)] = [(.report(master: nil), "01.12.2026 - 31.12.2026")]
}
