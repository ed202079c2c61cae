import BookingCore
@testable import BotFlows
import Foundation
import Storage

/// The staff side's buttons and inputs, enumerated for the permission tests.
extension AdminPermissionTests {
    static func staffCallbacks(master m: MasterID, service s: ServiceID, booking b: BookingID) -> [AdminCallback] {
        let callbacks: [StaffCallback] = [
            .list, .listPage(page: 1), .card(m), .new, .edit(m, .name), .edit(m, .description), .up(m), .askDeactivate(m), .active(m, false),
            .services(m), .service(m, s), .link(m), .unlink(m), .feed(m), .feed(nil), .feedRotate(m), .feedRotate(nil),
        ]
        let walkIns: [WalkInCallback] = [
            .start(nil, FlowHarness.tomorrow), .service(s, nil, FlowHarness.tomorrow), .times(s, m, FlowHarness.tomorrow),
            .slot(s, m, epochMinute: FlowHarness.now.addingTimeInterval(86_400).epochMinute),
        ]
        let visits: [AdminCallback] = [.visit(b, .arrived), .visit(b, .undoArrived), .visit(b, .noShow), .visit(b, .undoNoShow)]
        return callbacks.map { .staff($0) } + walkIns.map { .walkIn($0) } + visits
    }

    static let staffInputs: [(AdminInput, String)] = [
        (.staff(.newMaster), "Борис"),
        (.staff(.field(master: 1, field: .name)), "Анна-Мария"),
        (.staff(.link(master: 1)), "555"),
        (.walkIn(service: 1, master: 1, minute: 29_933_000), "Иван; 89123456789"),
    ]
}
