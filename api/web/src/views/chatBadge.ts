// The chat badge in the navigation: how many conversations have unread messages, muted ones left
// out (the server counts; GET /conversations/unread). Read again shortly after anything that can
// change it — a message, a conversation change such as a mute, reading in this tab.
import { get } from "../api";
import { on, onReconnected } from "../hub";
import type { Me, Message } from "../types";

let unreadConversations = 0;
let timer = 0;
let stop: (() => void)[] = [];

export function renderChatBadge() {
  const badge = document.getElementById("chat-badge");
  if (!badge) return;
  badge.textContent = unreadConversations > 0 ? String(unreadConversations) : "";
  badge.hidden = unreadConversations === 0;
  badge.setAttribute("aria-label", `${unreadConversations} conversations with unread messages`);
}

/** Reads the count again soon; calls close together are one request. */
export function refreshChatBadge() {
  window.clearTimeout(timer);
  timer = window.setTimeout(async () => {
    try { unreadConversations = (await get<{ conversations: number; messages: number }>("/conversations/unread")).conversations; renderChatBadge(); }
    catch { /* offline: keep the last count */ }
  }, 250);
}

export function startChatBadge(me: Me) {
  stop.forEach(s => s());
  stop = [
    on("message", (m: Message) => { if (m.sender.id !== me.id) refreshChatBadge(); }),
    on("conversation", () => refreshChatBadge()),
    onReconnected(() => refreshChatBadge()),
  ];
  refreshChatBadge();
}
