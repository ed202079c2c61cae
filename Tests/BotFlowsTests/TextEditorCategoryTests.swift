import BookingCore
import Foundation
import Storage
import TelegramBotAPI
import Testing

@testable import BotFlows

/// The template editor lists the customer texts by group, a page at a time, with bounded button data (issue 17, item 7).
@Suite("Template editor by category")
struct TextEditorCategoryTests {
    @Test func everyTextIsInExactlyOneGroupAndEveryPageFitsTelegram() {
        #expect(
            TextCategory.allCases.flatMap(\.keys).sorted { $0.rawValue < $1.rawValue }
                == TextKey.allCases.sorted { $0.rawValue < $1.rawValue })
        for category in TextCategory.allCases {
            #expect(!category.keys.isEmpty, "\(category)")
            for language in Language.allCases {
                for page in 0..<3 {
                    let data = AdminCallback.textCategory(category, language, page: page).data
                    #expect(data.utf8.count <= 64 && AdminCallback(data: data) == .textCategory(category, language, page: page))
                }
                for key in category.keys { #expect(AdminCallback.text(key, language).data.utf8.count <= 64) }
            }
        }
    }

    @Test func theOwnerFindsATextThroughItsGroupAndPage() async throws {
        let h = try await FlowHarness()
        await h.store.setTextOverride(key: "noticeMoved", language: "ru", template: "Перенесли: {service}", tenant: h.context.id)
        let groups = try await h.press(.texts(.ru), as: FlowHarness.owner)
        #expect(groups.shown?.hasPrefix("📝 Тексты (RU): выберите раздел.") == true)
        let labels = groups.calls.flatMap(\.inlineButtons).map(\.text)
        #expect(labels.contains("Уведомления от сотрудников ✏️1") && labels.contains("Меню и команды") && labels.contains("Запись"))
        let booking = try await h.press(.textCategory(.booking, .ru, page: 0), as: FlowHarness.owner)
        let buttons = booking.calls.flatMap(\.inlineButtons)
        #expect(booking.shown == "📝 Запись (RU). ✏️ — изменённые:")
        #expect(buttons.filter { $0.callbackData?.hasPrefix("ati:") == true }.count == PageSizes.list)
        #expect(buttons.contains { $0.text == "Стр. 1 из 2" } && buttons.contains { $0.callbackData == "atg:b:ru:1" })
        let second = try await h.press(.textCategory(.booking, .ru, page: 1), as: FlowHarness.owner)
        let rest = second.calls.flatMap(\.inlineButtons).filter { $0.callbackData?.hasPrefix("ati:") == true }.map(\.text)
        #expect(rest.count == TextCategory.booking.keys.count - PageSizes.list && rest.contains("dateTime"))
        // A card goes back to the page listing it; an edited text is marked in its group.
        let card = try await h.press(.text(.dateTime, .ru), as: FlowHarness.owner)
        #expect(card.calls.flatMap(\.inlineButtons).contains { $0.callbackData == "atg:b:ru:1" })
        let notices = try await h.press(.textCategory(.notices, .ru, page: 0), as: FlowHarness.owner)
        #expect(notices.calls.flatMap(\.inlineButtons).map(\.text).prefix(3) == ["noticeCancelled", "✏️ noticeMoved", "noticeReason"])
    }

    @Test func forgedGroupButtonsAreRefused() async throws {
        for data in ["atg:x:ru", "atg:b:de", "atg:b:ru:0", "atg:b:ru:01", "atg:b:ru:-1", "atg:b:ru:99999999", "atg:b", "atg:b:ru:1:2"] {
            #expect(AdminCallback(data: data) == nil, "\(data)")
        }
        let h = try await FlowHarness()
        // A page beyond the end shows the last one; a customer may not open the editor.
        let beyond = try await h.press(.textCategory(.notices, .en, page: 9_999), as: FlowHarness.owner)
        #expect(beyond.shown == "📝 Уведомления от сотрудников (EN). ✏️ — изменённые:")
        #expect(beyond.calls.flatMap(\.inlineButtons).map(\.text).prefix(3) == ["noticeCancelled", "noticeMoved", "noticeReason"])
        let customer = try await h.result(FlowHarness.press("atg:n:ru"))
        #expect(customer.answer?.text == "Эта команда — для администраторов.")
    }
}
