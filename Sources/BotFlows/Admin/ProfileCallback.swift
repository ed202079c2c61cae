import BookingCore

/// A field of the business profile an owner edits by typing.
enum ProfileField: String, CaseIterable, Codable, Sendable {
    case name = "n"
    case address = "a"
    case map = "m"
    case contact = "c"
    case timeZone = "z"
    case currency = "k"
    case descriptionRu = "dr"
    case descriptionEn = "de"
    case shortRu = "sr"
    case shortEn = "se"

    /// The bot description field's language, if it is one.
    var descriptionLanguage: (Language, short: Bool)? {
        switch self {
        case .descriptionRu: (.ru, false)
        case .descriptionEn: (.en, false)
        case .shortRu: (.ru, true)
        case .shortEn: (.en, true)
        default: nil
        }
    }
}

/// Buttons of the business profile, carried by `AdminCallback.profile`: the card, a field to type, the default
/// language, and applying a time zone change after its preview.
enum ProfileCallback: ButtonFamily, Equatable {
    case show
    case edit(ProfileField)
    case language(Language)
    case applyZone

    /// Every profile button needs the profile permission.
    var action: AdminAction { .editProfile }

    /// Every profile button kind, declared once (carried by `AdminCallback.codec`).
    static let codec = ButtonCodec<ProfileCallback>([
        ButtonKind("ag", .show),
        ButtonKind("age", .token, make: { .edit($0) }, match: { if case .edit(let f) = $0 { f } else { nil } }),
        ButtonKind("agl", .token, make: { .language($0) }, match: { if case .language(let l) = $0 { l } else { nil } }),
        ButtonKind("agz", .applyZone),
    ])
}
