import Foundation
import TelegramBotAPI

/// Names of the admin texts of notifications, the dashboard, clients, services, hours and booking rules.
enum BusinessTextKey: String, TextCatalogKey {
    case dashboardButton, clientsButton, servicesButton, hoursButton, notificationsOn, notificationsOff, notificationsNowOn, notificationsNowOff
    case notifyBooked, notifyCancelled, notifyMoved, notifyLowRating, notifyComment, notifyDigest, openBooking, notifyRefundDue
    case dashToday, dashWeek, dashBody, dashNoRating, dashNoHours
    case adviceEmpty, adviceCancellations, adviceNoShows, adviceRating, adviceBusy, adviceGood
    case clientsTitle, clientLine, clientCard, clientHistoryLine, noClients, never, older, newer
    case servicesTitle, serviceCard, active, inactive, tenantInterval, everyMaster, newService, moveUp, activate, deactivate
    case fieldName, fieldDescription, fieldDuration, fieldPrice, fieldInterval, fieldBufferBefore, fieldBufferAfter
    case askNewService, badNewService, serviceCreated, askField, badValue
    case hintName, hintDescription, hintDuration, hintPrice, hintInterval, hintBuffer
    case hoursTitle, policiesButton, masterPlan, dayOff, noExceptions, addException, askDayHours, badHours, askException, badException
    case policiesCard, noLimit, askPolicy, hintRange, hintPerDay, hintReminders
    case policyInterval, policyNotice, policyHorizon, policyMaxActive, policyMaxPerDay, policyCancel, policyReminders, policyFeedback, policyHold
    case policyMiniAppMenu, hintOnOff, valueOn, valueOff, miniAppNotOffered, policyAskPhone, policyNoShowLimit
    case fieldDeposit, hintDeposit, depositLine, depositNone, policyDepositHold, policyPayments, hintPayments, paymentsLine
    case paymentNone, paymentStars, paymentProvider, paymentsUnavailable, dashDeposits
}

/// The business side's wording: notifications, dashboard, clients, services, hours and booking rules.
typealias BusinessTexts = TextCatalog<BusinessTextKey>

extension Reply {
    /// A business-side admin text in the presser's language.
    func biz(_ key: BusinessTextKey, _ values: [String: String] = [:]) -> String { BusinessTexts.standard.render(key, language, values) }

    /// An inline button with a business-side text.
    func button(_ key: BusinessTextKey, _ action: BusinessCallback, _ values: [String: String] = [:]) -> InlineKeyboardButton {
        InlineKeyboardButton(text: biz(key, values), callbackData: AdminCallback.business(action).data)
    }
}

extension InlineKeyboardButton {
    /// A button with literal text and business data.
    static func business(_ text: String, _ action: BusinessCallback) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: AdminCallback.business(action).data)
    }
}
