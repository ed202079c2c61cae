import Foundation
import TelegramBotAPI

/// Names of the admin texts of the business profile.
enum ProfileTextKey: String, TextCatalogKey {
    case profileButton, card, notSet, edit, askField, badField, saved
    case fieldName, fieldAddress, fieldMap, fieldContact, fieldTimeZone, fieldCurrency
    case fieldDescriptionRu, fieldDescriptionEn, fieldShortRu, fieldShortEn
    case hintName, hintText, hintMap, hintTimeZone, hintCurrency, hintDescription
    case languageButton, zonePreview, zoneNoBookings, zoneLine, zoneApply, zoneNothingPending, zoneUnchanged
}

/// The business profile's wording.
typealias ProfileTexts = TextCatalog<ProfileTextKey>

extension Reply {
    /// A profile admin text in the presser's language.
    func profileText(_ key: ProfileTextKey, _ values: [String: String] = [:]) -> String { ProfileTexts.standard.render(key, language, values) }

    /// An inline button with a profile text.
    func button(_ key: ProfileTextKey, _ action: ProfileCallback, _ values: [String: String] = [:]) -> InlineKeyboardButton {
        InlineKeyboardButton(text: profileText(key, values), callbackData: AdminCallback.profile(action).data)
    }
}

extension ProfileField {
    /// The field's label.
    var label: ProfileTextKey {
        switch self {
        case .name: .fieldName
        case .address: .fieldAddress
        case .map: .fieldMap
        case .contact: .fieldContact
        case .timeZone: .fieldTimeZone
        case .currency: .fieldCurrency
        case .descriptionRu: .fieldDescriptionRu
        case .descriptionEn: .fieldDescriptionEn
        case .shortRu: .fieldShortRu
        case .shortEn: .fieldShortEn
        }
    }
}
