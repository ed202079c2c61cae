import BookingCore
@testable import BotFlows
import Foundation
import Storage

/// The business side's buttons and inputs, enumerated for the permission tests.
extension AdminPermissionTests {
    static func businessCallbacks(service s: ServiceID, master m: MasterID, customer: UserID) -> [AdminCallback] {
        let callbacks: [BusinessCallback] = [
            .notifications, .dashboard(week: false), .dashboard(week: true), .clients(page: 0), .client(customer), .services, .service(s),
            .serviceNew, .serviceEdit(s, .price), .serviceMaster(s, m), .serviceUp(s), .serviceActive(s, false), .hours, .masterHours(m),
            .dayHours(m, .monday), .dayOff(m, .sunday), .exceptionAdd(m), .exceptionRemove(m, FlowHarness.tomorrow), .policies, .policyEdit(.horizon),
            .subscription, .renew(PlanCode("m3")!),
        ]
        return callbacks.map { .business($0) }
    }

    static let businessInputs: [(AdminInput, String)] = [
        (.business(.newService), "Укладка; 30; 900"),
        (.business(.serviceField(service: 1, field: .price)), "2000"),
        (.business(.dayHours(master: 1, weekday: 1)), "10:00-19:00"),
        (.business(.exception(master: 1)), "31.12 выходной"),
        (.business(.policy(field: .horizon)), "30"),
    ]
}
