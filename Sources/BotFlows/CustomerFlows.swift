import BookingCore
import Foundation
import Storage

/// The customer flows, each built once from the environment with only the stores it uses: the composition root of
/// the customer side. The calls have no cycle, so a flow holds the flows it calls by value; nothing is rebuilt per call,
/// and no flow can reach a store it was not given.
struct CustomerFlows: Sendable {
    /// Tells the admins about customers' bookings, cancellations, moves and low ratings.
    let notifier: AdminNotifier
    /// About the business.
    let about: AboutFlow
    /// Booking a new visit.
    let booking: BookingFlow
    /// Upcoming bookings and cancelling.
    let myBookings: MyBookingsFlow
    /// Past bookings.
    let pastBookings: PastBookingsFlow
    /// Moving a booking.
    let reschedule: RescheduleFlow
    /// Ratings and comments after a visit.
    let feedback: FeedbackFlow
    /// The waitlist of full days.
    let waitlist: WaitlistFlow
    /// Deposits: pre-checkout, payment, lapsed holds, refunds.
    let deposits: DepositFlow
    /// The customer's phone and comment for the master.
    let contact: ContactFlow

    /// Builds every customer flow from `environment`.
    init(_ environment: FlowEnvironment) {
        let stores = environment.stores
        let now = environment.now
        notifier = AdminNotifier(admins: stores.admins, catalog: stores.catalog, backOffice: stores.backOffice)
        about = AboutFlow(catalog: stores.catalog)
        booking = BookingFlow(
            catalog: stores.catalog, bookings: stores.bookings, deposits: stores.deposits, now: now, notifier: notifier, miniAppURL: environment.miniAppURL)
        waitlist = WaitlistFlow(waitlist: stores.waitlist, catalog: stores.catalog, now: now, booking: booking)
        deposits = DepositFlow(
            deposits: stores.deposits, bookings: stores.bookings, catalog: stores.catalog, now: now, booking: booking, waitlist: waitlist)
        myBookings = MyBookingsFlow(
            bookings: stores.bookings, catalog: stores.catalog, now: now, notifier: notifier, waitlist: waitlist, deposits: deposits)
        pastBookings = PastBookingsFlow(bookings: stores.bookings, catalog: stores.catalog, feedback: stores.feedback, now: now)
        reschedule = RescheduleFlow(
            catalog: stores.catalog, bookings: stores.bookings, now: now, booking: booking, myBookings: myBookings, waitlist: waitlist,
            notifier: notifier)
        contact = ContactFlow(booking: booking, backOffice: stores.backOffice, customers: stores.customers, bookings: stores.bookings, now: now)
        feedback = FeedbackFlow(bookings: stores.bookings, feedback: stores.feedback, now: now, notifier: notifier)
    }
}
