#!/usr/bin/env python3
"""Drives the Mini App in a real headless Chromium through the sandbox chat page, as a customer would.

Run by Tests/AppTests/MiniAppBrowserTests.swift (scripts/test installs Debian's chromium and Playwright from PyPI).
Opens the chat, asks the bot to book, taps "Open calendar" (a web_app button: the sandbox signs initData with the
bot's token, as Telegram does), books the first free time in the Mini App, closes it and opens My bookings in the
chat. Screenshots of the Mini App at 360 px go to --shots. Prints one JSON line: {"ok": true, "booked": "<text>"}.
"""
import argparse
import json
import shutil
import sys

from playwright.sync_api import sync_playwright

WORDS = {
    "ru": {"book": "📅 Записаться", "calendar": "📆 Открыть календарь", "mine": "🗂 Мои записи",
           "header": "Ваши предстоящие записи", "greeting": "Здравствуйте"},
    "en": {"book": "📅 Book", "calendar": "📆 Open calendar", "mine": "🗂 My bookings",
           "header": "Your upcoming bookings", "greeting": "Hello"},
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chat", required=True, help="the sandbox chat page URL")
    parser.add_argument("--lang", default="ru", choices=sorted(WORDS))
    parser.add_argument("--shots", required=True, help="folder for the screenshots")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per step")
    args = parser.parse_args()
    words = WORDS[args.lang]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print(json.dumps({"ok": False, "error": "no chromium"}))
        return 2
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2)
        page.set_default_timeout(args.timeout * 1000)
        # No internet here: Telegram's script is refused at once (the Mini App works from its launch parameters).
        page.route("https://telegram.org/**", lambda route: route.abort())
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(args.chat)
        page.fill("#text", "/start")
        page.click("#form button[type=submit]")
        page.locator(".bot .bubble", has_text=words["greeting"]).first.wait_for()
        page.locator("#reply button", has_text=words["book"]).click()
        page.locator(".kb button", has_text=words["calendar"]).last.click()
        app = page.frame_locator("#webapp-frame")
        app.locator("[data-test=service]").first.click()
        # Several masters: take the first; one master goes straight to the week.
        app.locator("[data-test=master], [data-test=time]").first.wait_for()
        if app.locator("[data-test=master]").count() > 0:
            app.locator("[data-test=master]").first.click()
        # Next week, its last day with free times: far enough ahead to be moved or cancelled (outside the 24 h window).
        # Each step waits for the view it asked for (the week's Monday, the chosen day), never for what was on screen.
        app.locator(".days[data-monday]").wait_for()
        for _ in range(4):
            before = app.locator(".days").get_attribute("data-monday")
            app.locator("[data-test=next-week]").click()
            app.locator(f".days:not([data-monday='{before}'])").wait_for()
            if app.locator("[data-test=day]:not([disabled])").count() > 0:
                break
        day = app.locator("[data-test=day]:not([disabled])").last
        date = day.get_attribute("data-date")
        day.click()
        app.locator(f"[data-test=day].selected[data-date='{date}']").wait_for()
        app.locator("[data-test=time]").first.wait_for()
        page.locator("#webapp-frame").screenshot(path=f"{args.shots}/miniapp-week-{args.lang}.png")
        app.locator("[data-test=time]").first.click()
        app.locator("[data-test=confirm]").click()
        app.locator("[data-test=booking] [data-test=cancel]").first.wait_for()
        page.locator("#webapp-frame").screenshot(path=f"{args.shots}/miniapp-bookings-{args.lang}.png")
        # Usable at 320 px: nothing wider than the screen, on the week and on My bookings.
        page.set_viewport_size({"width": 320, "height": 640})
        frame = next(f for f in page.frames if "/app/" in f.url)
        widths = [frame.evaluate("document.documentElement.scrollWidth")]
        app.locator("[data-test=reschedule]").first.click()
        app.locator("[data-test=time]").first.wait_for()
        widths.append(frame.evaluate("document.documentElement.scrollWidth"))
        if max(widths) > 320:
            errors.append(f"wider than 320 px: {widths}")
        page.click("#webapp-close")
        page.locator("#reply button", has_text=words["mine"]).click()
        listed = page.locator(".bot .bubble", has_text=words["header"]).last
        listed.wait_for()
        text = listed.inner_text()
        browser.close()
    if errors:
        print(json.dumps({"ok": False, "error": "page errors: " + "; ".join(errors)}))
        return 1
    print(json.dumps({"ok": True, "listed": text}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
