// Settings → notifications: this device's push switch, which events push, and quiet hours.
import { get, put } from "../api";
import { announce, h, mount } from "../dom";
import { icon } from "../icons";
import { disablePush, enablePush, pushState } from "../pwa";
import { showErrors } from "./auth";

interface Preferences { alerts: Record<string, boolean>; quietHours: { start: string; end: string; timeZone: string } | null; }

const kinds: [string, string][] = [["message", "Messages"], ["mention", "Mentions"], ["reply", "Replies"], ["follow", "New followers"],
  ["like", "Likes"], ["repost", "Reposts"], ["moderation", "Moderation decisions"]];

const stateWords = {
  on: "On for this device.", off: "Off for this device.", blocked: "Blocked in this browser's site settings.",
  unsupported: "This browser cannot show notifications when ChitLaq is closed.",
};

export function pushOffer(onDone: () => void): HTMLElement {
  const offer = h("div", { class: "card push-offer", role: "region", "aria-label": "Notifications" }, icon("check"),
    h("span", {}, "Get notified about new messages when ChitLaq is closed?"),
    h("button", { type: "button", class: "primary", onclick: async () => {
      try { announce(await enablePush() ? "Notifications are on for this device." : "Notifications stay off."); }
      catch (error) { announce((error as Error).message, "error"); }
      offer.remove(); onDone();
    } }, "Turn on notifications"),
    h("button", { type: "button", onclick: () => { offer.remove(); onDone(); } }, "Not now"));
  return offer;
}

export async function pushSettings(): Promise<HTMLElement> {
  const preferences = await get<Preferences>("/push/preferences");
  const status = h("p", { class: "meta", role: "status" }, stateWords[pushState()]);
  const toggle = h("button", { type: "button" }, pushState() === "on" ? "Turn off on this device" : "Turn on on this device");
  toggle.disabled = pushState() === "blocked" || pushState() === "unsupported";
  toggle.addEventListener("click", async () => {
    try {
      if (pushState() === "on") await disablePush(); else await enablePush();
    } catch (error) { announce((error as Error).message, "error"); }
    status.textContent = stateWords[pushState()];
    toggle.textContent = pushState() === "on" ? "Turn off on this device" : "Turn on on this device";
  });
  const zone = preferences.quietHours?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const quietOn = h("input", { type: "checkbox", name: "quiet", checked: preferences.quietHours !== null });
  const form = h("form", { class: "card push-settings" },
    h("h2", { class: "row" }, icon("gear"), " Notifications when ChitLaq is closed"), status, toggle,
    h("p", { class: "form-error", role: "alert" }),
    h("fieldset", {}, h("legend", {}, "Notify me about"),
      ...kinds.map(([value, text]) => h("label", { class: "choice" },
        h("input", { type: "checkbox", name: "alert", value, checked: preferences.alerts[value] !== false }), ` ${text}`))),
    h("fieldset", {}, h("legend", {}, "Quiet hours"),
      h("label", { class: "choice" }, quietOn, " Hold notifications back"),
      h("div", { class: "row" },
        h("label", { for: "f-quiet-start" }, "From"), h("input", { id: "f-quiet-start", name: "start", type: "time", value: preferences.quietHours?.start ?? "22:00" }),
        h("label", { for: "f-quiet-end" }, "to"), h("input", { id: "f-quiet-end", name: "end", type: "time", value: preferences.quietHours?.end ?? "07:00" })),
      h("p", { class: "hint" }, `Times are in ${zone}.`), h("p", { class: "field-error", id: "f-quietHours-error" })),
    h("button", { type: "submit", class: "primary" }, "Save notification settings"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    const chosen = new Set(data.getAll("alert"));
    try {
      await put("/push/preferences", {
        alerts: Object.fromEntries(kinds.map(([value]) => [value, chosen.has(value)])),
        quietHours: quietOn.checked ? { start: data.get("start"), end: data.get("end"), timeZone: zone } : null,
      });
      announce("Notification settings saved.");
    } catch (error) { showErrors(form, error); }
  });
  return form;
}

export function mountPushSettings(target: HTMLElement) {
  void pushSettings().then(element => mount(target, element)).catch(error => announce((error as Error).message, "error"));
}
