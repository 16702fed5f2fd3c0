// Mute a conversation: for an hour, eight hours, a week, or until turned back on. Muted, messages
// still arrive; there are no push notifications and the conversation stays out of the chat badge.
import { put } from "../api";
import { announce, h, mount } from "../dom";
import { icon } from "../icons";
import type { Conversation } from "../types";
import { refreshChatBadge } from "./chatBadge";

const choices: [string, number | null][] = [["For 1 hour", 1], ["For 8 hours", 8], ["For 1 week", 24 * 7], ["Until I turn it back on", null]];

export const isMuted = (c: Conversation) => !!c.mutedUntil && Date.parse(c.mutedUntil) > Date.now();

export function mutedUntilText(c: Conversation): string {
  const until = new Date(c.mutedUntil!);
  return until.getUTCFullYear() >= 9999 ? "Muted" : `Muted until ${until.toLocaleString([], { weekday: "short", hour: "numeric", minute: "2-digit" })}`;
}

/** The control in a conversation's header: a menu of mute lengths, or what the mute is and "Unmute". */
export function muteControl(conversation: Conversation): HTMLElement {
  const box = h("div", { class: "mute-control" });
  const draw = () => {
    if (isMuted(conversation)) {
      mount(box, h("span", { class: "meta muted-note" }, icon("bellOff", 16), ` ${mutedUntilText(conversation)} `),
        h("button", { type: "button", class: "link", onclick: () => void save(null, false) }, "Unmute"));
      return;
    }
    const menu = h("div", { class: "menu", role: "menu", hidden: true },
      ...choices.map(([label, hours]) => h("button", { type: "button", role: "menuitem", onclick: () => void save(hours, hours === null) }, label)));
    const toggle = h("button", { type: "button", class: "icon", "aria-haspopup": "menu", "aria-expanded": "false", "aria-label": "Mute this conversation", title: "Mute",
      onclick: () => { menu.hidden = !menu.hidden; toggle.setAttribute("aria-expanded", String(!menu.hidden)); if (!menu.hidden) (menu.firstElementChild as HTMLElement)?.focus(); } },
      icon("bell"), " Mute");
    menu.addEventListener("keydown", event => { if (event.key === "Escape") { menu.hidden = true; toggle.focus(); } });
    mount(box, toggle, menu);
  };
  async function save(hours: number | null, forever: boolean) {
    const until = hours === null ? null : new Date(Date.now() + hours * 3600_000).toISOString();
    try {
      await put(`/conversations/${conversation.id}/mute`, forever ? { forever: true } : { until });
      conversation.mutedUntil = forever ? "9999-12-31T23:59:59Z" : until;
      draw();
      refreshChatBadge();
      announce(forever || until ? "Conversation muted." : "Conversation unmuted.");
    } catch (error) { announce((error as Error).message, "error"); }
  }
  draw();
  return box;
}
