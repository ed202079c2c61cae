/// Names of every customer-visible text; a tenant's admins may edit each per language (`Texts.applying`).
public enum TextKey: String, TextCatalogKey {
    case greeting, onboarding, menuBook, menuMyBookings, menuAbout, hint, unavailable
    case chooseService, chooseMaster, anyMaster, chooseDay, chooseTime, noSlots, confirmCard, confirmButton
    case booked, slotTaken, limitReached, dailyLimitReached, tooSoon, beyondHorizon, serviceGone, flowCancelled
    case back, cancel, noServices, myBookingsHeader, noBookings, cancelBookingButton, askCancel, yesCancel
    case bookingCancelled, cancelWindow, bookingNotFound, staleButton, about, help, priceFree, priceOnRequest
    case minutes, commandStart, commandBook, commandMy, commandHelp, commandCancel, done
    case reminder, comingButton, thanksComing, calendarFileCaption
    case rateLimited, somethingWentWrong
    case rescheduleButton, rescheduleChooseDay, rescheduleChooseTime, rescheduleCard, rescheduleConfirmButton, rescheduled
    case pastBookingsButton, pastBookingsHeader, noPastBookings, olderButton, newerButton, pastCancelled, pastNoShow, pastRated
    case feedbackAsk, ratingButton, feedbackAskComment, skipButton, feedbackThanks, feedbackAlreadyGiven, feedbackUnavailable
    case commentNeedsText, commentTooLong, editedIgnored
    case joinWaitlistButton, waitlistJoined, waitlistAlready, waitlistLimit, leaveWaitlistButton, waitlistLeft
    case waitlistOffer, acceptOfferButton, declineOfferButton, offerExpired, offerDeclined
    case pageOf, calendarLegend, freeTimes
    case openCalendar
    case depositHeld, depositInvoiceTitle, depositInvoiceDescription, depositHoldExpired, depositRefusedExpired, depositRefusedWrong
    case depositLate, depositRefunded, depositRefundDue
    // What a customer is told when the business cancels or moves their booking (admin, block, shift).
    case noticeCancelled, noticeMoved, noticeReason
    // Lines and labels assembled from data (word order and punctuation are language's, so they are templates too).
    case serviceButton, serviceDescriptionLine, aboutServiceLine, aboutServiceDescribed, masterHours
    case bookingLine, pastBookingLine, pastBookingNotedLine, dateTime
    // The Mini App page's words (its script keeps the built-in ones for when the API cannot be reached).
    case miniAppBook, miniAppMine, miniAppServices, miniAppMaster, miniAppAnyMaster, miniAppChooseTime, miniAppNoTimes, miniAppBack
    case miniAppConfirm, miniAppConfirmTitle, miniAppBooked, miniAppNoBookings, miniAppCancel, miniAppReallyCancel, miniAppReschedule
    case miniAppMoveTo, miniAppMoved, miniAppCancelled, miniAppLocked, miniAppError, miniAppPrevWeek, miniAppNextWeek, miniAppHeld
}

/// The customer texts: the one catalog tenants may override (`applying(_:)`).
public typealias Texts = TextCatalog<TextKey>
