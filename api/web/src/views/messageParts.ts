// The parts of a chat message beyond its text (API.md "Chat essentials"): the quote of what it
// replies to, its images, its reactions and their picker, and the pinned messages of a conversation.
import { del, get, post, put } from "../api";
import { announce, h, mount } from "../dom";
import { ago } from "../ui/time";
import { icon } from "../icons";
import type { Message, Page } from "../types";

export const quickReactions = ["👍", "❤️", "😂", "🎉", "😮", "😢"];

export function quote(m: Message): HTMLElement | null {
  if (!m.replyTo) return null;
  const q = m.replyTo;
  return h("blockquote", { class: "quote", "data-reply-to": q.seq },
    h("span", { class: "sender" }, q.sender.displayName), " ",
    q.deleted ? h("em", {}, "Message deleted") : h("span", {}, q.text.length > 140 ? q.text.slice(0, 140) + "…" : q.text));
}

async function toggle(m: Message, emoji: string, mine: boolean) {
  const path = `/conversations/${m.conversationId}/messages/${m.id}/reactions/${encodeURIComponent(emoji)}`;
  try { if (mine) await del(path); else await put(path, {}); } catch (error) { announce((error as Error).message, "error"); }
}

export function reactions(m: Message): HTMLElement | null {
  if (!m.reactions?.length || m.deleted) return null;
  return h("div", { class: "reactions", role: "group", "aria-label": "Reactions" }, ...m.reactions.map(r =>
    h("button", { type: "button", class: "reaction", "aria-pressed": r.reactedByMe ? "true" : "false",
      "aria-label": `${r.emoji} ${r.count}${r.reactedByMe ? ", yours" : ""}`, onclick: () => void toggle(m, r.emoji, r.reactedByMe) },
      r.emoji, h("span", { class: "count" }, String(r.count)))));
}

/** A small menu of quick reactions under a "React" button. */
export function reactButton(m: Message): HTMLElement {
  const menu = h("span", { class: "reaction-picker", role: "menu", hidden: true }, ...quickReactions.map(emoji =>
    h("button", { type: "button", role: "menuitem", "aria-label": `React ${emoji}`, onclick: () => {
      menu.hidden = true;
      void toggle(m, emoji, m.reactions?.some(r => r.emoji === emoji && r.reactedByMe) ?? false);
    } }, emoji)));
  const open = h("button", { type: "button", class: "icon", "aria-label": "React", title: "React", "aria-haspopup": "menu",
    onclick: () => { menu.hidden = !menu.hidden; } }, icon("smile", 16));
  return h("span", { class: "react" }, open, menu);
}

export async function setPinned(m: Message, pinned: boolean) {
  try {
    if (pinned) await post(`/conversations/${m.conversationId}/pins/${m.id}`); else await del(`/conversations/${m.conversationId}/pins/${m.id}`);
    announce(pinned ? "Message pinned." : "Message unpinned.");
  } catch (error) { announce((error as Error).message, "error"); }
}

/** "Pinned (n)": the conversation's pinned messages, opened on demand; reloaded when a message changes. */
export function pinnedPanel(conversationId: string, onJump: (seq: number) => void) {
  const list = h("ol", { class: "pinned-list", hidden: true });
  const toggleButton = h("button", { type: "button", class: "link row", "aria-expanded": "false" }, icon("pin", 16), " Pinned");
  const element = h("section", { class: "pinned", "aria-label": "Pinned messages" }, toggleButton, list);
  const reload = async () => {
    const pins = (await get<Page<Message>>(`/conversations/${conversationId}/pins`)).items;
    element.hidden = pins.length === 0;
    toggleButton.replaceChildren(icon("pin", 16), ` Pinned (${pins.length})`);
    mount(list, pins.map(p => h("li", {}, h("button", { type: "button", class: "link", onclick: () => onJump(p.seq) },
      h("strong", {}, p.sender.displayName), ` ${p.text || "Image"} · ${ago(p.sentAt)}`))));
  };
  toggleButton.addEventListener("click", () => {
    list.hidden = !list.hidden;
    toggleButton.setAttribute("aria-expanded", String(!list.hidden));
  });
  element.hidden = true;
  return { element, reload };
}
