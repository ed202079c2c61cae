extension TextKey {
    /// The Mini App page's texts by the names its script uses (`TEXTS` in app.js).
    static let miniAppPage: [(name: String, key: TextKey)] = [
        ("book", .miniAppBook), ("mine", .miniAppMine), ("services", .miniAppServices), ("master", .miniAppMaster),
        ("anyMaster", .miniAppAnyMaster), ("chooseTime", .miniAppChooseTime), ("noTimes", .miniAppNoTimes), ("back", .miniAppBack),
        ("confirm", .miniAppConfirm), ("confirmTitle", .miniAppConfirmTitle), ("booked", .miniAppBooked), ("noBookings", .miniAppNoBookings),
        ("cancel", .miniAppCancel), ("reallyCancel", .miniAppReallyCancel), ("reschedule", .miniAppReschedule), ("moveTo", .miniAppMoveTo),
        ("moved", .miniAppMoved), ("cancelled", .miniAppCancelled), ("locked", .miniAppLocked), ("error", .miniAppError),
        ("prevWeek", .miniAppPrevWeek), ("nextWeek", .miniAppNextWeek), ("held", .miniAppHeld),
    ]
}

extension Texts {
    /// The Mini App page's texts in `language`, by the names its script uses (a tenant's edits applied when these
    /// texts carry them, see `applying`).
    public func miniAppPage(_ language: Language) -> [String: String] {
        Dictionary(uniqueKeysWithValues: TextKey.miniAppPage.map { ($0.name, render($0.key, language)) })
    }
}
