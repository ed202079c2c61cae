/// The groups the template editor lists the customer texts in (its raw value is the group's field in button data).
enum TextCategory: String, CaseIterable, Sendable {
    case welcome = "g"
    case booking = "b"
    case myBookings = "m"
    case reminders = "r"
    case notices = "n"
    case waitlist = "w"
    case menu = "c"
    case errors = "e"
    case miniApp = "a"

    /// The group's name in the editor.
    var title: AdminTextKey {
        switch self {
        case .welcome: .categoryWelcome
        case .booking: .categoryBooking
        case .myBookings: .categoryMyBookings
        case .reminders: .categoryReminders
        case .notices: .categoryNotices
        case .waitlist: .categoryWaitlist
        case .menu: .categoryMenu
        case .errors: .categoryErrors
        case .miniApp: .categoryMiniApp
        }
    }

    /// The group's texts, in declaration order.
    var keys: [TextKey] { TextKey.allCases.filter { $0.category == self } }
}

extension TextKey {
    /// The editor's group of this text (every key has one: the switch is exhaustive).
    var category: TextCategory {
        switch self {
        case .greeting, .onboarding, .about, .help, .aboutServiceLine, .aboutServiceDescribed, .masterHours: .welcome
        case .menuBook, .menuMyBookings, .menuAbout, .hint, .commandStart, .commandBook, .commandMy, .commandHelp, .commandCancel: .menu
        case .chooseService, .chooseMaster, .anyMaster, .chooseDay, .chooseTime, .noSlots, .confirmCard, .confirmButton, .booked,
            .slotTaken,
            .limitReached, .dailyLimitReached, .tooSoon, .beyondHorizon, .serviceGone, .flowCancelled, .noServices, .calendarFileCaption,
            .calendarLegend, .freeTimes, .openCalendar, .serviceButton, .serviceDescriptionLine, .priceFree, .priceOnRequest, .minutes,
            .dateTime, .depositHeld, .depositInvoiceTitle, .depositInvoiceDescription, .depositHoldExpired, .depositRefusedExpired,
            .depositRefusedWrong, .depositLate, .depositRefunded, .depositRefundDue:
            .booking
        case .myBookingsHeader, .noBookings, .cancelBookingButton, .askCancel, .yesCancel, .bookingCancelled, .cancelWindow,
            .bookingNotFound, .rescheduleButton, .rescheduleChooseDay, .rescheduleChooseTime, .rescheduleCard, .rescheduleConfirmButton,
            .rescheduled, .pastBookingsButton, .pastBookingsHeader, .noPastBookings, .olderButton, .newerButton, .pastCancelled,
            .pastNoShow, .pastRated, .bookingLine, .pastBookingLine, .pastBookingNotedLine:
            .myBookings
        case .reminder, .comingButton, .thanksComing, .feedbackAsk, .ratingButton, .feedbackAskComment, .skipButton, .feedbackThanks,
            .feedbackAlreadyGiven, .feedbackUnavailable, .commentNeedsText, .commentTooLong, .editedIgnored:
            .reminders
        case .noticeCancelled, .noticeMoved, .noticeReason: .notices
        case .joinWaitlistButton, .waitlistJoined, .waitlistAlready, .waitlistLimit, .leaveWaitlistButton, .waitlistLeft, .waitlistOffer,
            .acceptOfferButton, .declineOfferButton, .offerExpired, .offerDeclined:
            .waitlist
        case .unavailable, .staleButton, .rateLimited, .somethingWentWrong, .back, .cancel, .done, .pageOf: .errors
        case .miniAppBook, .miniAppMine, .miniAppServices, .miniAppMaster, .miniAppAnyMaster, .miniAppChooseTime, .miniAppNoTimes, .miniAppBack,
            .miniAppConfirm, .miniAppConfirmTitle, .miniAppBooked, .miniAppNoBookings, .miniAppCancel, .miniAppReallyCancel, .miniAppReschedule,
            .miniAppMoveTo, .miniAppMoved, .miniAppCancelled, .miniAppLocked, .miniAppError, .miniAppPrevWeek, .miniAppNextWeek, .miniAppHeld:
            .miniApp
        }
    }
}
