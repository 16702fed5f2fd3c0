// Settings: keyword filters (hide or warn about words in chosen places), and a way to the
// student's own moderation decisions.
import { del, get, post } from "../api";
import { announce, h, mount } from "../dom";
import { icon, type IconName } from "../icons";
import { setTheme, themeChoice, type ThemeChoice } from "../theme";
import { emptyState } from "../ui/states";
import type { KeywordFilter, Page } from "../types";
import { showErrors } from "./auth";
import { mountPushSettings } from "./pushSettings";
import { privacySettings } from "./privacy";
import type { Me } from "../types";

const contextWords: [string, string][] = [["home", "Home"], ["explore", "Explore"], ["notifications", "Notifications"], ["search", "Search"], ["threads", "Replies"]];
const durations: [string, string][] = [["", "Forever"], ["1", "1 hour"], ["24", "1 day"], ["168", "1 week"], ["720", "30 days"]];

function filterRow(f: KeywordFilter, onRemoved: () => void): HTMLElement {
  const places = contextWords.filter(([value]) => f.contexts.includes(value)).map(([, text]) => text).join(", ");
  return h("li", { class: "filter-row", "data-filter-id": f.id },
    h("div", {}, h("strong", {}, `“${f.phrase}”`),
      h("p", { class: "meta" }, `${f.action === "hide" ? "Hidden" : "Shown with a warning"} in ${places}`,
        f.wholeWord ? " · whole word" : " · anywhere in a word",
        f.expiresAt ? ` · until ${new Date(f.expiresAt).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}` : "")),
    h("button", { type: "button", class: "icon danger", "aria-label": `Remove filter ${f.phrase}`, onclick: async () => {
      try { await del(`/filters/${f.id}`); onRemoved(); announce(`Filter “${f.phrase}” removed.`); } catch (error) { announce((error as Error).message, "error"); }
    } }, icon("trash")));
}

/** Light, dark, or whatever the device uses: kept on this device. */
function appearance(): HTMLElement {
  const choices: [ThemeChoice, string, IconName][] = [["system", "Automatic", "system"], ["light", "Light", "sun"], ["dark", "Dark", "moon"]];
  const group = h("div", { class: "segmented", role: "radiogroup", "aria-labelledby": "appearance-title" }, ...choices.map(([value, label, name]) =>
    h("label", {}, h("input", { type: "radio", name: "theme", value, checked: themeChoice() === value ? true : undefined,
      onchange: () => setTheme(value) }), icon(name, 16), label)));
  return h("section", { class: "card" }, h("h2", { id: "appearance-title" }, icon("sun"), "Appearance"),
    h("p", { class: "hint" }, "Automatic follows your device's light or dark setting."), group);
}

export async function settingsView(main: HTMLElement, me: Me) {
  const list = h("ul", { class: "filters", "aria-label": "Your filters" });
  const refresh = async () => {
    const filters = (await get<Page<KeywordFilter>>("/filters")).items;
    mount(list, filters.length ? filters.map(f => filterRow(f, () => void refresh()))
      : h("li", { class: "empty" }, emptyState("filter", "No filters yet", "Add a word below to hide or fold away posts that use it.")));
  };
  const form = h("form", { class: "card filter-form" },
    h("h2", { class: "row" }, icon("filter"), " Add a filter"),
    h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "field" }, h("label", { for: "f-phrase" }, "Word or phrase"),
      h("input", { id: "f-phrase", name: "phrase", maxlength: 100, required: true, autocomplete: "off" }), h("p", { class: "field-error", id: "f-phrase-error" })),
    h("fieldset", {}, h("legend", {}, "Where"),
      ...contextWords.map(([value, text]) => h("label", { class: "choice" }, h("input", { type: "checkbox", name: "contexts", value, checked: true }), ` ${text}`)),
      h("p", { class: "field-error", id: "f-contexts-error" })),
    h("fieldset", {}, h("legend", {}, "What to do"),
      h("label", { class: "choice" }, h("input", { type: "radio", name: "action", value: "hide", checked: true }), " Hide matching posts"),
      h("label", { class: "choice" }, h("input", { type: "radio", name: "action", value: "warn" }), " Show them behind a warning")),
    h("label", { class: "choice" }, h("input", { type: "checkbox", name: "wholeWord", checked: true }), " Whole word only"),
    h("div", { class: "field" }, h("label", { for: "f-duration" }, "For"),
      h("select", { id: "f-duration", name: "duration" }, ...durations.map(([value, text]) => h("option", { value }, text))),
      h("p", { class: "field-error", id: "f-expiresAt-error" })),
    h("button", { type: "submit", class: "primary" }, "Add filter"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    const hours = Number(data.get("duration") || 0);
    try {
      await post("/filters", {
        phrase: data.get("phrase"), contexts: data.getAll("contexts"), action: data.get("action"), wholeWord: data.get("wholeWord") === "on",
        expiresAt: hours > 0 ? new Date(Date.now() + hours * 3600_000).toISOString() : null,
      });
      (form.querySelector("#f-phrase") as HTMLInputElement).value = "";
      form.querySelectorAll(".field-error, .form-error").forEach(e => (e.textContent = ""));
      announce("Filter added.");
      await refresh();
    } catch (error) { showErrors(form, error); }
  });
  const notifications = h("section", { class: "notifications-settings" });
  mountPushSettings(notifications);
  mount(main, h("h1", {}, "Settings"), appearance(), privacySettings(me), notifications,
    h("section", {}, h("h2", {}, "Keyword filters"),
      h("p", { class: "hint" }, "Posts with these words are hidden or folded away for you. Case and accents are ignored."), list),
    form,
    h("section", { class: "card" }, h("h2", { class: "row" }, icon("download"), " Your data"),
      h("p", {}, h("a", { href: "/settings/data", "data-link": true }, "Download your data or delete your account"))),
    h("section", { class: "card" }, h("h2", { class: "row" }, icon("shield"), " Moderation"),
      h("p", {}, h("a", { href: "/decisions", "data-link": true }, "Decisions about your account"), " — read them and appeal.")),
    h("section", { class: "card" }, h("h2", { class: "row" }, icon("user"), " Account"),
      h("p", { class: "hint" }, `Signed in as ${me.email}.`),
      h("button", { type: "button", onclick: () => document.dispatchEvent(new CustomEvent("chitlaq:sign-out")) }, icon("signOut", 18), "Sign out of this device")));
  await refresh();
}
