// The Zapis Mini App: services -> master -> a week of free times -> confirm; My bookings with cancel and reschedule.
// Plain script, no build step. The initData Telegram signed is sent with every API call; the server trusts nothing else.
"use strict";

const TEXTS = {
  ru: {
    book: "Записаться", mine: "Мои записи", services: "Услуги", master: "Мастер", anyMaster: "Любой мастер",
    chooseTime: "Свободное время", noTimes: "В этот день свободного времени нет", back: "Назад", confirm: "Подтвердить запись",
    confirmTitle: "Проверьте запись", booked: "Вы записаны", noBookings: "Записей пока нет", cancel: "Отменить",
    reallyCancel: "Да, отменить", reschedule: "Перенести", moveTo: "Перенести на", moved: "Запись перенесена",
    cancelled: "Запись отменена", locked: "Изменить уже нельзя — свяжитесь с нами", openInTelegram: "Откройте приложение из Telegram",
    error: "Что-то пошло не так, попробуйте ещё раз", prevWeek: "Предыдущая неделя", nextWeek: "Следующая неделя",
    held: "Время закреплено за вами: оплатите предоплату по счёту в чате, чтобы подтвердить запись",
    weekdays: ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
    months: ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
  },
  en: {
    book: "Book", mine: "My bookings", services: "Services", master: "Master", anyMaster: "Any master",
    chooseTime: "Free times", noTimes: "No free times on this day", back: "Back", confirm: "Confirm booking",
    confirmTitle: "Check your booking", booked: "You are booked", noBookings: "No bookings yet", cancel: "Cancel",
    reallyCancel: "Yes, cancel", reschedule: "Reschedule", moveTo: "Move to", moved: "Booking moved",
    cancelled: "Booking cancelled", locked: "Too late to change — please contact us", openInTelegram: "Open this app from Telegram",
    error: "Something went wrong, please try again", prevWeek: "Previous week", nextWeek: "Next week",
    held: "The time is held for you: pay the deposit with the invoice in the chat to confirm",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
  },
};

const launch = new URLSearchParams(location.hash.slice(1));
const tg = window.Telegram && window.Telegram.WebApp;
const initData = (tg && tg.initData) || launch.get("tgWebAppData") || "";
const tenant = location.pathname.split("/")[2] || "";
const api = `/app/${encodeURIComponent(tenant)}/api`;
let lang = languageOf(initData);
let T = TEXTS[lang];
let catalog = null;

function languageOf(data) {
  try {
    const user = JSON.parse(new URLSearchParams(data).get("user") || "{}");
    return String(user.language_code || "").toLowerCase().startsWith("en") ? "en" : "ru";
  } catch (e) {
    return "ru";
  }
}

function applyTheme() {
  let theme = tg && tg.themeParams;
  if (!theme || !Object.keys(theme).length) {
    try { theme = JSON.parse(launch.get("tgWebAppThemeParams") || "{}"); } catch (e) { theme = {}; }
  }
  for (const [key, value] of Object.entries(theme)) {
    if (/^#[0-9a-fA-F]{3,8}$/.test(String(value))) {
      document.documentElement.style.setProperty(`--tg-theme-${key.replace(/_/g, "-")}`, value);
    }
  }
}

async function call(method, path, body) {
  const response = await fetch(api + path, {
    method,
    headers: Object.assign({ Authorization: "tma " + initData }, body ? { "Content-Type": "application/json" } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) throw Object.assign(new Error(json.error || "http " + response.status), { info: json, status: response.status });
  return json;
}

// DOM helpers: text goes in as text, never as HTML.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "onclick") node.addEventListener("click", value);
    else if (value !== false && value != null) node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) if (child != null) node.append(child.nodeType ? child : String(child));
  return node;
}
function show(...nodes) {
  const view = document.getElementById("view");
  view.replaceChildren(...nodes.flat());
  window.scrollTo(0, 0);
}
function toast(text) {
  const box = document.getElementById("toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 4000);
}
function failed(error) {
  toast((error.info && error.info.message) || T.error);
}
function dateText(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return lang === "ru" ? `${d} ${T.months[m - 1]}` : `${T.months[m - 1]} ${d}`;
}
function addDays(iso, days) {
  const date = new Date(iso + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
function today() {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}
function mondayOf(iso) {
  const weekday = (new Date(iso + "T00:00:00Z").getUTCDay() + 6) % 7;
  return addDays(iso, -weekday);
}
function selectTab(name) {
  for (const tab of document.querySelectorAll(".tab")) tab.classList.toggle("active", tab.dataset.tab === name);
}

async function showServices() {
  selectTab("book");
  if (!catalog) catalog = await call("GET", "/services");
  show(
    el("h2", {}, T.services),
    catalog.services.map((service) =>
      el("button", { class: "item", "data-test": "service", onclick: () => chooseService(service) },
        el("div", {}, service.name), el("div", { class: "meta" }, `${service.duration} · ${service.price}`))),
  );
}

function chooseService(service) {
  if (service.masters.length === 1) return showWeek({ service, master: service.masters[0] }, mondayOf(today()));
  show(
    el("h2", {}, `${service.name} — ${T.master}`),
    service.masters.map((master) =>
      el("button", { class: "item", "data-test": "master", onclick: () => showWeek({ service, master }, mondayOf(today())) }, master.name)),
    el("button", { class: "item", "data-test": "any-master", onclick: () => showWeek({ service, master: null }, mondayOf(today())) }, T.anyMaster),
    el("button", { class: "secondary", onclick: showServices }, T.back),
  );
}

// A week of free times: `choice` is {service, master} for a new booking or {booking} for a move.
async function showWeek(choice, monday, selected) {
  const query = choice.booking
    ? `booking=${choice.booking.id}`
    : `service=${choice.service.id}` + (choice.master ? `&master=${choice.master.id}` : "");
  let week;
  try {
    week = await call("GET", `/times?${query}&from=${monday}&days=7`);
  } catch (error) {
    return failed(error);
  }
  const byDate = Object.fromEntries(week.days.map((day) => [day.date, day]));
  const firstFree = week.days.find((day) => day.times.length);
  const current = selected && byDate[selected] ? selected : firstFree ? firstFree.date : null;
  const title = choice.booking ? `${T.moveTo}: ${choice.booking.service_name}` : choice.service.name;
  const dayButtons = [];
  for (let i = 0; i < 7; i++) {
    const iso = addDays(monday, i);
    const day = byDate[iso];
    dayButtons.push(el("button", {
      class: "day" + (iso === current ? " selected" : ""), disabled: !day || !day.times.length, "data-test": "day", "data-date": iso,
      onclick: () => showWeek(choice, monday, iso),
    }, T.weekdays[i], el("b", {}, Number(iso.slice(8)))));
  }
  const times = current ? byDate[current].times : [];
  const back = choice.booking ? showMine : showServices;
  show(
    el("h2", {}, title),
    el("div", { class: "week-nav" },
      el("button", { class: "secondary", "aria-label": T.prevWeek, disabled: monday <= mondayOf(today()), onclick: () => showWeek(choice, addDays(monday, -7)) }, "‹"),
      el("span", { class: "hint" }, `${dateText(monday)} – ${dateText(addDays(monday, 6))}`),
      el("button", { class: "secondary", "aria-label": T.nextWeek, "data-test": "next-week", onclick: () => showWeek(choice, addDays(monday, 7)) }, "›")),
    el("div", { class: "days", "data-monday": monday }, dayButtons),
    el("h2", {}, current ? `${T.chooseTime}, ${dateText(current)}` : T.noTimes),
    el("div", { class: "times" }, times.map((slot) =>
      el("button", { class: "time", "data-test": "time", onclick: () => showConfirm(choice, current, slot) }, slot.time))),
    el("button", { class: "secondary spaced", onclick: back }, T.back),
  );
}

function showConfirm(choice, date, slot) {
  const master = choice.booking
    ? choice.booking.master_name
    : (choice.service.masters.find((m) => m.id === slot.master) || {}).name || "";
  const what = choice.booking ? choice.booking.service_name : choice.service.name;
  show(
    el("h2", {}, T.confirmTitle),
    el("div", { class: "card" }, el("div", {}, what), el("div", { class: "meta" }, `${master} · ${dateText(date)}, ${slot.time}`),
      choice.service ? el("div", { class: "meta" }, choice.service.price) : null),
    el("button", { class: "primary", "data-test": "confirm", onclick: (event) => confirmChoice(event.target, choice, slot) },
      choice.booking ? T.reschedule : T.confirm),
    el("button", { class: "secondary spaced", onclick: () => showWeek(choice, mondayOf(date), date) }, T.back),
  );
}

async function confirmChoice(button, choice, slot) {
  button.disabled = true;
  try {
    if (choice.booking) {
      await call("POST", `/bookings/${choice.booking.id}/reschedule`, { start: slot.start });
      toast(T.moved);
    } else {
      const booked = await call("POST", "/bookings", { service: choice.service.id, master: slot.master, start: slot.start });
      toast(booked.held ? T.held : T.booked);
    }
    if (tg && tg.HapticFeedback) tg.HapticFeedback.notificationOccurred("success");
    await showMine();
  } catch (error) {
    button.disabled = false;
    failed(error);
  }
}

async function showMine() {
  selectTab("mine");
  let mine;
  try {
    mine = await call("GET", "/bookings");
  } catch (error) {
    return failed(error);
  }
  if (!mine.bookings.length) return show(el("h2", {}, T.mine), el("p", { class: "hint" }, T.noBookings));
  show(el("h2", {}, T.mine), mine.bookings.map((booking) => {
    const actions = booking.changeable
      ? el("div", { class: "actions" },
          el("button", { class: "secondary", "data-test": "reschedule", onclick: () => showWeek({ booking }, mondayOf(booking.date)) }, T.reschedule),
          el("button", { class: "danger", "data-test": "cancel", onclick: (event) => askCancel(event.target, booking) }, T.cancel))
      : el("div", { class: "hint" }, T.locked);
    return el("div", { class: "card", "data-test": "booking" },
      el("div", {}, booking.service_name), el("div", { class: "meta" }, `${booking.master_name} · ${dateText(booking.date)}, ${booking.time}`),
      actions);
  }));
}

async function askCancel(button, booking) {
  if (button.dataset.armed !== "yes") {
    button.dataset.armed = "yes";
    button.textContent = T.reallyCancel;
    return;
  }
  button.disabled = true;
  try {
    await call("POST", `/bookings/${booking.id}/cancel`);
    toast(T.cancelled);
    await showMine();
  } catch (error) {
    button.disabled = false;
    failed(error);
  }
}

function start() {
  applyTheme();
  document.documentElement.lang = lang;
  document.getElementById("tab-book").textContent = T.book;
  document.getElementById("tab-mine").textContent = T.mine;
  document.getElementById("tab-book").addEventListener("click", () => showServices().catch(failed));
  document.getElementById("tab-mine").addEventListener("click", () => showMine());
  if (tg && tg.ready) { tg.ready(); tg.expand(); }
  if (!initData) return show(el("p", { class: "hint" }, T.openInTelegram));
  showServices().then(() => {
    document.getElementById("business").textContent = catalog.business;
    // The business's language and its edited words (shown as text, never as markup); unknown names are ignored.
    const language = catalog.language && TEXTS[catalog.language] ? catalog.language : lang;
    const words = Object.assign({}, TEXTS[language]);
    for (const [name, text] of Object.entries(catalog.texts || {})) {
      if (typeof text === "string" && typeof words[name] === "string") words[name] = text;
    }
    const changed = language !== lang || Object.keys(words).some((name) => words[name] !== T[name]);
    lang = language;
    T = words;
    if (changed) start.relabel();
  }).catch(failed);
}
start.relabel = () => {
  document.documentElement.lang = lang;
  document.getElementById("tab-book").textContent = T.book;
  document.getElementById("tab-mine").textContent = T.mine;
  showServices().catch(failed);
};

start();
