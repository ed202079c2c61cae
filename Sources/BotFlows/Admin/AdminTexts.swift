/// Names of every admin-side text (the notices customers get about admin changes are customer texts: `TextKey`).
enum AdminTextKey: String, TextCatalogKey {
    case notAdmin, notAllowed, inputTooLong, panel, paused, closed, close, today, week, textsButton, adminsButton, toPanel, toDay, back, done
    case roleOwner, roleManager, roleMaster, statusConfirmed, statusCancelled, statusCompleted, statusNoShow, statusHeld
    case allMasters, dayTitle, noBookings, pageOf, blockLine, blockButton, shiftButton, weekTitle, weekDay
    case card, cancelBooking, moveBooking, askCancel, yesCancel, notActive, notFound, cancelledNotified, movedNotified
    case moveChoose, moveNoSlots, moveCard, confirmMove, moveRefused
    case reasonTaken, reasonHours, reasonPast, reasonHorizon, reasonUnavailable
    case blockChoose, blockChooseEnd, wholeDay, days3, days7, endOfDay, blockPreview, blockReasonHint, blockConfirm, blocked
    case shiftChoose, shiftPreview, shiftRefused, shiftConfirm, shiftNothingChanged, shifted
    case textsTitle, textsCategoryTitle, textCard, textIsDefault, textIsEdited, textDefault, edit, reset, textAsk, saved
    case categoryWelcome, categoryBooking, categoryMyBookings, categoryReminders, categoryNotices, categoryWaitlist, categoryMenu
    case categoryErrors, categoryMiniApp, templateMultiline, templateLabelTaken, commandsUpdated
    case templateLength, templateBraces, templateUnknown, templateTooLongFilled, viewTooLong
    case exportBookings, exportClients, exportAudit, exportCaption
    case adminsTitle, adminCard, addAdmin, removeAdmin, askAdminID, badAdminID, shiftOther, shiftAskMinutes, shiftBadMinutes, forwardHidden, forwardBot, alreadyAdmin, adminAdded, youAreAdmin, lastOwner
    case markNoShow, undoNoShow, noShowTooSoon
}

/// The admin side's wording.
typealias AdminTexts = TextCatalog<AdminTextKey>
