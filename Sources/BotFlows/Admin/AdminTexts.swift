/// Names of every admin-side text (and of the notices customers get about admin changes).
enum AdminTextKey: String, TextCatalogKey {
    case notAdmin, notAllowed, inputTooLong, panel, paused, closed, close, today, week, textsButton, adminsButton, toPanel, toDay, back, done
    case roleOwner, roleManager, roleMaster, statusConfirmed, statusCancelled, statusCompleted, statusNoShow, statusHeld
    case allMasters, dayTitle, noBookings, pageOf, blockLine, blockButton, shiftButton, weekTitle, weekDay
    case card, cancelBooking, moveBooking, askCancel, yesCancel, notActive, notFound, cancelledNotified, movedNotified
    case moveChoose, moveNoSlots, moveCard, confirmMove, moveRefused
    case reasonTaken, reasonHours, reasonPast, reasonHorizon, reasonUnavailable
    case noticeCancelled, noticeMoved, noticeReason
    case blockChoose, blockChooseEnd, wholeDay, days3, days7, endOfDay, blockPreview, blockReasonHint, blockConfirm, blocked
    case shiftChoose, shiftPreview, shiftRefused, shiftConfirm, shiftNothingChanged, shifted
    case textsTitle, textCard, textIsDefault, textIsEdited, textDefault, edit, reset, textAsk, saved
    case templateLength, templateBraces, templateUnknown, templateTooLongFilled, viewTooLong
    case exportBookings, exportClients, exportAudit, exportCaption
    case adminsTitle, adminCard, addAdmin, removeAdmin, askAdminID, badAdminID, shiftOther, shiftAskMinutes, shiftBadMinutes, forwardHidden, forwardBot, alreadyAdmin, adminAdded, youAreAdmin, lastOwner
    case markNoShow, undoNoShow, noShowTooSoon
}

/// The admin side's wording (and the notices customers get about admin changes).
typealias AdminTexts = TextCatalog<AdminTextKey>
