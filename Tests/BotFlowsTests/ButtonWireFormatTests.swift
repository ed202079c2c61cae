import BookingCore
import Storage
import Testing

@testable import BotFlows

/// The wire form of every button kind of every family, pinned as it was before the declarative codec: buttons already
/// sent to users stay in their chats for months, so each of these strings must keep parsing to the same press.
@Suite("Button wire format")
struct ButtonWireFormatTests {
    static let date = LocalDate(year: 2026, month: 3, day: 7)!
    static let s = ServiceID(12)
    static let m = MasterID(3)
    static let b = BookingID(9_007_199_254_740_992)
    static let u = UserID(5_550_123)

    static let customer: [(CallbackAction, String)] = [
        (.services, "s"), (.service(s), "s:12"), (.master(s, m), "m:12:3"), (.master(s, nil), "m:12:a"),
        (.month(s, nil, year: 2026, month: 3), "c:12:a:202603"), (.month(s, m, year: 2100, month: 12), "c:12:3:210012"),
        (.day(s, m, date), "d:12:3:20260307"), (.fullDay(s, nil, date), "f:12:a:20260307"),
        (.slot(s, m, epochMinute: 29_533_500, choice: nil), "t:12:3:29533500:a"),
        (.slot(s, m, epochMinute: 29_533_500, choice: MasterID(4)), "t:12:3:29533500:4"),
        (.confirm(s, m, epochMinute: 15_778_080), "ok:12:3:15778080"), (.abort, "x"), (.noop, "n"),
        (.askCancel(b), "bc:9007199254740992"), (.cancelBooking(BookingID(1)), "by:1"), (.myBookings, "my"),
        (.confirmComing(BookingID(7)), "rc:7"), (.reschedule(BookingID(7)), "rs:7"),
        (.rescheduleMonth(BookingID(7), year: 2000, month: 1), "rm:7:200001"), (.rescheduleDay(BookingID(7), date), "rd:7:20260307"),
        (.rescheduleSlot(BookingID(7), epochMinute: 68_899_680), "rt:7:68899680"),
        (.rescheduleConfirm(BookingID(7), epochMinute: 29_533_500), "ry:7:29533500"), (.pastBookings(page: 0), "pb:0"),
        (.pastBookings(page: 10_000), "pb:10000"), (.rate(BookingID(7), stars: 5), "fr:7:5"), (.skipComment(BookingID(7)), "fs:7"),
        (.joinWaitlist(s, nil, date), "wj:12:a:20260307"), (.leaveWaitlist(WaitlistEntryID(8)), "wl:8"),
        (.acceptOffer(WaitlistEntryID(8)), "wa:8"), (.declineOffer(WaitlistEntryID(8)), "wn:8"),
    ]

    static let admin: [(AdminCallback, String)] = [
        (.panel, "a"), (.close, "az"), (.day(nil, date), "ad:a:20260307"), (.day(m, date), "ad:3:20260307"),
        (.dayPage(m, date, page: 99), "adp:3:20260307:99"), (.week(nil, date), "aw:a:20260307"), (.booking(b), "ab:9007199254740992"),
        (.askCancel(BookingID(7)), "abq:7"), (.cancel(BookingID(7)), "abx:7"), (.moveDay(BookingID(7), date), "amd:7:20260307"),
        (.moveSlot(BookingID(7), epochMinute: 29_533_500), "amt:7:29533500"),
        (.moveConfirm(BookingID(7), epochMinute: 29_533_500), "amy:7:29533500"), (.blockStart(m, date), "ak:3:20260307"),
        (.blockFrom(nil, epochMinute: 29_533_500), "akf:a:29533500"),
        (.blockPreview(m, from: 29_533_500, to: 29_533_560), "akp:3:29533500:29533560"),
        (.blockConfirm(nil, from: 29_533_500, to: 29_533_560), "aky:a:29533500:29533560"), (.shiftStart(nil, date), "as:a:20260307"), (.shiftAsk(nil, date), "asa:a:20260307"),
        (.shiftPreview(m, date, minutes: -720), "asp:3:20260307:-720"), (.shiftConfirm(nil, date, minutes: 30), "asy:a:20260307:30"),
        (.texts(.en), "at:en"), (.textCategory(.notices, .ru, page: 0), "atg:n:ru"), (.textCategory(.booking, .en, page: 1), "atg:b:en:1"),
        (.text(.greeting, .ru), "ati:greeting:ru"),
        (.textEdit(.rescheduleConfirmButton, .en), "atw:rescheduleConfirmButton:en"), (.textReset(.about, .ru), "atr:about:ru"),
        (.admins, "aa"), (.adminAdd, "aaa"), (.adminCard(u), "aac:5550123"), (.adminRole(u, .manager), "aar:5550123:manager"),
        (.adminRemove(u), "aax:5550123"), (.export(.bookings), "ae:b"), (.export(.audit), "ae:l"),
    ]

    static let business: [(BusinessCallback, String)] = [
        (.notifications, "an"), (.dashboard(week: false), "ar:d"), (.dashboard(week: true), "ar:w"), (.clients(page: 3), "ac:3"),
        (.client(u), "acc:5550123"), (.services, "av"), (.service(s), "avc:12"), (.serviceNew, "avn"),
        (.serviceEdit(s, .bufferAfter), "ave:12:a"), (.serviceMaster(s, m), "avm:12:3"), (.serviceUp(s), "avu:12"),
        (.serviceActive(s, true), "ava:12:1"), (.serviceActive(s, false), "ava:12:0"), (.hours, "ah"), (.masterHours(m), "ahm:3"),
        (.dayHours(m, .monday), "ahd:3:1"), (.dayOff(m, .sunday), "aho:3:7"), (.exceptionAdd(m), "ahx:3"),
        (.exceptionRemove(m, date), "ahr:3:20260307"), (.policies, "ap"), (.policyEdit(.maxPerDay), "ape:cd"),
    ]

    static let broadcast: [(BroadcastCallback, String)] = [
        (.start, "ao"), (.audience(.all), "aoa:a"), (.audience(.future), "aoa:f"), (.confirm, "aoy"), (.status(42), "aos:42"),
    ]

    static let profile: [(ProfileCallback, String)] = [
        (.show, "ag"), (.edit(.map), "age:m"), (.edit(.shortEn), "age:se"), (.language(.en), "agl:en"), (.applyZone, "agz"),
    ]

    @Test func customerButtonsKeepTheirWireForm() {
        for (action, wire) in Self.customer {
            #expect(action.data == wire)
            #expect(CallbackAction(data: wire) == action, "\(wire)")
        }
    }

    @Test func adminButtonsOfEveryFamilyKeepTheirWireForm() {
        let all = Self.admin + Self.business.map { (AdminCallback.business($0.0), $0.1) } + Self.broadcast.map { (.broadcast($0.0), $0.1) }
            + Self.profile.map { (.profile($0.0), $0.1) }
        for (action, wire) in all {
            #expect(action.data == wire)
            #expect(AdminCallback(data: wire) == action, "\(wire)")
        }
    }
}
