// Chat: conversations with unread counts and presence dots; a conversation with typing, delivered
// and read ticks, edit and delete. Messages are kept by seq, so anything that arrives twice (live
// and again from Resume after a reconnect) is shown once, in order.
import { del, get, patch, post } from "../api";
import { announce, h, mount, timeAgo } from "../dom";
import { invoke, isConnected, on, onReconnected } from "../hub";
import type { Conversation, Me, Media, Message, Page, Receipt } from "../types";
import { images, pinnedPanel, quote, reactButton, reactions, setPinned } from "./messageParts";
import { messageSearch } from "./chatSearch";
import { navigate } from "../router";
import { reportButton } from "./report";
import { discard, onOutboxChange, pendingFor, queue } from "../outbox";
import { shouldOfferPush } from "../pwa";
import { pushOffer } from "./pushSettings";
import { icon } from "../icons";
import { isMuted, muteControl } from "./muteControl";
import { refreshChatBadge } from "./chatBadge";

const presence = new Map<string, string>(); // userId → online | away | offline
let openConversation: string | null = null;

/**
 * Delivered receipts for messages that reach this tab while their conversation is not open
 * (the open one marks them read instead), so senders see ✓✓ as soon as a device has them.
 */
let deliveryReceipts: (() => void) | null = null;

export function startDeliveryReceipts(me: Me) {
  deliveryReceipts?.(); // once per tab: the newest signed-in user
  deliveryReceipts = on("message", (m: Message) => {
    if (m.sender.id === me.id || m.conversationId === openConversation) return;
    void invoke("MarkDelivered", m.conversationId, m.seq).catch(() => { /* best effort: Resume re-delivers */ });
  });
}

export async function conversationsView(main: HTMLElement, me: Me, cleanups: (() => void)[]) {
  const list = h("ul", { class: "conversations" });
  const handles = h("input", { name: "handles", "aria-label": "Handles to chat with, separated by commas", placeholder: "handle, or several for a group" });
  const title = h("input", { name: "title", "aria-label": "Group name (for groups)", placeholder: "Group name (optional)" });
  const start = h("form", { class: "row start-chat" }, handles, title, h("button", { type: "submit", class: "primary" }, "Start chat"));
  start.addEventListener("submit", async event => {
    event.preventDefault();
    const memberHandles = handles.value.split(",").map(s => s.trim().replace(/^@/, "")).filter(Boolean);
    try {
      const conversation = await post<Conversation>("/conversations", { memberHandles, title: title.value || undefined });
      navigate(`/chat/${conversation.id}`);
    } catch (error) { announce((error as Error).message, "error"); }
  });
  async function load() {
    const conversations = await get<Conversation[] | Page<Conversation>>("/conversations");
    const items = Array.isArray(conversations) ? conversations : conversations.items;
    await loadPresence(items.flatMap(c => c.members).filter(m => m.id !== me.id && !m.deleted).map(m => m.handle));
    mount(list, items.length ? items.map(c => {
      const others = c.members.filter(m => m.id !== me.id);
      const name = c.title || others.map(o => o.displayName).join(", ") || "Just you";
      return h("li", {}, h("a", { href: `/chat/${c.id}`, "data-link": true, class: "conversation" },
        h("span", { class: `dot ${others.some(o => presence.get(o.id) === "online") ? "online" : ""}`, "aria-label": others.some(o => presence.get(o.id) === "online") ? "online" : "offline" }),
        h("strong", {}, name), isMuted(c) ? h("span", { class: "muted-icon", title: "Muted", "aria-label": "muted" }, icon("bellOff", 14)) : null,
        c.unreadCount > 0 ? h("span", { class: `badge${isMuted(c) ? " quiet" : ""}`, "aria-label": `${c.unreadCount} unread` }, String(c.unreadCount)) : null,
        h("span", { class: "meta" }, c.lastMessage ? ` ${(c.lastMessage.text || (c.lastMessage.media?.length ? "Image" : "")).slice(0, 60)} · ${timeAgo(c.lastMessage.sentAt)}` : " No messages yet")));
    }) : h("li", {}, "No conversations yet."));
  }
  mount(main, h("h1", {}, "Chat"), messageSearch(), start, list);
  cleanups.push(on("message", () => void load()), on("conversation", () => void load()),
    on("online", e => { presence.set(e.userId, e.status); void load(); }), onReconnected(() => void load()));
  await load();
}

async function loadPresence(handles: string[]) {
  if (handles.length === 0) return;
  try {
    const states = await get<{ userId: string; status: string }[]>(`/presence?handles=${encodeURIComponent([...new Set(handles)].slice(0, 100).join(","))}`);
    for (const s of states) presence.set(s.userId, s.status);
  } catch { /* presence is a nicety */ }
}

export async function conversationView(main: HTMLElement, id: string, me: Me, cleanups: (() => void)[]) {
  let conversation: Conversation;
  openConversation = id;
  cleanups.push(() => { if (openConversation === id) openConversation = null; });
  try { conversation = await get<Conversation>(`/conversations/${id}`); }
  catch (error) { mount(main, h("p", { role: "alert" }, (error as Error).message)); return; }
  const others = conversation.members.filter(m => m.id !== me.id);
  const messages = new Map<number, Message>();
  const readBy = new Map<string, number>(), deliveredTo = new Map<string, number>();
  for (const r of conversation.receipts ?? []) { readBy.set(r.userId, r.readSeq); deliveredTo.set(r.userId, r.deliveredSeq); }
  const log = h("ol", { class: "messages", role: "log", "aria-live": "polite", "aria-label": "Messages" });
  const typing = h("p", { class: "typing", "aria-live": "polite" });
  const text = h("textarea", { rows: 2, maxlength: 4000, "aria-label": "Message", placeholder: "Write a message" });
  // A reply in the making and the images attached so far (uploaded as they are chosen).
  let replying: Message | null = null;
  let attached: Media[] = [];
  const replyBar = h("div", { class: "reply-bar", hidden: true });
  const previews = h("div", { class: "attachments", "aria-label": "Attached images" });
  const files = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp,image/gif", multiple: true, class: "visually-hidden", id: "f-chat-images" });
  const attach = h("label", { for: "f-chat-images", class: "button icon", title: "Attach images", "aria-label": "Attach images" }, icon("image"));
  const composer = h("form", { class: "row send" }, attach, files, text, h("button", { type: "submit", class: "primary" }, "Send"));
  const canPin = conversation.kind === "direct" || conversation.admins.includes(me.id);
  const pinned = pinnedPanel(id, seq => log.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView({ block: "center" }));
  const showReply = () => {
    replyBar.hidden = !replying;
    if (replying) mount(replyBar, icon("reply", 16), ` Replying to ${replying.sender.displayName}: ${replying.text.slice(0, 80) || "an image"} `,
      h("button", { type: "button", class: "link", "aria-label": "Cancel reply", onclick: () => { replying = null; showReply(); } }, icon("close", 14)));
  };
  const showAttached = () => mount(previews, attached.map(media => h("span", { class: "attachment" },
    h("img", { src: media.feedUrl ?? media.url, alt: "Attached image" }),
    h("button", { type: "button", class: "icon", "aria-label": "Remove image", onclick: () => { attached = attached.filter(a => a.id !== media.id); showAttached(); } }, icon("close", 14)))));
  files.addEventListener("change", async () => {
    for (const file of Array.from(files.files ?? []).slice(0, 4 - attached.length)) {
      const data = new FormData();
      data.append("file", file);
      try { attached.push(await post<Media>("/media", data)); showAttached(); } catch (error) { announce((error as Error).message, "error"); }
    }
    files.value = "";
  });
  let typingTimer = 0, lastTyping = 0;

  /** The seq up to which every message is here (from the oldest one loaded): where Resume continues. */
  const lastSeq = () => {
    const seqs = [...messages.keys()].sort((a, b) => a - b);
    let last = seqs[0] ?? 0;
    for (const seq of seqs) { if (seq > last + 1) break; last = seq; }
    return last;
  };
  const ticks = (m: Message) => {
    if (m.sender.id !== me.id) return null;
    const read = others.length > 0 && others.every(o => (readBy.get(o.id) ?? 0) >= m.seq);
    const delivered = others.length > 0 && others.every(o => Math.max(deliveredTo.get(o.id) ?? 0, readBy.get(o.id) ?? 0) >= m.seq);
    return h("span", { class: `ticks ${read ? "read" : ""}`, "aria-label": read ? "read" : delivered ? "delivered" : "sent", "data-state": read ? "read" : delivered ? "delivered" : "sent" }, delivered || read ? "✓✓" : "✓");
  };
  const pendingItems = () => pendingFor(id).map(p => h("li", { class: `mine pending${p.error ? " failed" : ""}`, "data-client-id": p.clientMessageId },
    h("span", { class: "sender" }, me.displayName), " ", h("span", { class: "body" }, p.text), " ",
    p.error ? [h("span", { class: "danger" }, ` Not sent: ${p.error} `), h("button", { type: "button", class: "link", onclick: () => discard(p.clientMessageId) }, "Discard")]
      : h("span", { class: "meta" }, "Waiting to send…")));
  const render = () => {
    mount(log, [...messages.values()].sort((a, b) => a.seq - b.seq).map(m => h("li", { class: m.sender.id === me.id ? "mine" : "theirs", "data-seq": m.seq },
      m.pinned ? h("span", { class: "pin-mark", role: "img", "aria-label": "Pinned", title: "Pinned" }, icon("pin", 14)) : null,
      h("span", { class: m.sender.deleted ? "sender deleted-account" : "sender" }, m.sender.displayName), " ",
      quote(m),
      m.deleted ? h("em", {}, "Message deleted") : m.text ? h("span", { class: "body" }, m.text) : null,
      images(m),
      m.editedAt && !m.deleted ? h("span", { class: "meta" }, " (edited)") : null,
      h("span", { class: "meta" }, ` ${timeAgo(m.sentAt)}`), ticks(m),
      reactions(m),
      m.deleted ? null : h("span", { class: "actions" },
        h("button", { type: "button", class: "icon", "aria-label": "Reply", title: "Reply", onclick: () => { replying = m; showReply(); text.focus(); } }, icon("reply", 16)),
        reactButton(m),
        canPin ? h("button", { type: "button", class: "icon", "aria-label": m.pinned ? "Unpin" : "Pin", title: m.pinned ? "Unpin" : "Pin",
          "aria-pressed": m.pinned ? "true" : "false", onclick: () => void setPinned(m, !m.pinned) }, icon("pin", 16)) : null,
        m.sender.id === me.id ? [
          h("button", { type: "button", class: "link", onclick: () => edit(m) }, "Edit"),
          h("button", { type: "button", class: "link danger", onclick: () => remove(m) }, "Delete")] : reportButton({ kind: "message", id: m.id })))),
      pendingItems());
    log.lastElementChild?.scrollIntoView({ block: "end" });
  };
  const add = (incoming: Message[]) => {
    let newest = 0;
    const before = lastSeq();
    for (const m of incoming) if (m.conversationId === id) { messages.set(m.seq, m); newest = Math.max(newest, m.seq); }
    render();
    if (newest > 0 && document.visibilityState === "visible") void markRead(newest);
    // A seq past the next one means live events were lost on the way (a server node went down
    // while sending them): fetch the gap. Messages are kept by seq, so overlaps are harmless.
    if (before > 0 && newest > before + 1) void resume();
  };
  const markRead = async (seq: number) => {
    try { if (isConnected()) await invoke("MarkRead", id, seq); else await post(`/conversations/${id}/read`, { seq }); refreshChatBadge(); } catch { /* next message retries */ }
  };
  async function edit(m: Message) {
    const changed = prompt("Edit your message", m.text);
    if (changed === null || changed === m.text) return;
    try { add([await patch<Message>(`/conversations/${id}/messages/${m.id}`, { text: changed })]); } catch (error) { announce((error as Error).message, "error"); }
  }
  async function remove(m: Message) {
    if (!confirm("Delete this message?")) return;
    try { await del(`/conversations/${id}/messages/${m.id}`); messages.set(m.seq, { ...m, deleted: true, text: "" }); render(); } catch (error) { announce((error as Error).message, "error"); }
  }
  /** Everything after the last seq shown, in batches of up to 500 (after a reconnect, a gap, or on opening). */
  let resuming: Promise<void> | null = null;
  function resume(): Promise<void> {
    return resuming ??= resumeBatches().finally(() => { resuming = null; });
  }
  async function resumeBatches() {
    for (;;) {
      const batch = isConnected()
        ? await invoke<Message[]>("Resume", id, lastSeq())
        : (await get<Page<Message>>(`/conversations/${id}/messages?after=${lastSeq()}&limit=100`)).items;
      add(batch);
      if (batch.length < (isConnected() ? 500 : 100)) return;
    }
  }

  composer.addEventListener("submit", event => {
    event.preventDefault();
    const body = text.value.trim();
    if (!body && attached.length === 0) return;
    text.value = "";
    // Kept (across reloads) until the server has it; sent now if the connection is up.
    queue(id, body, { replyToSeq: replying?.seq, mediaIds: attached.map(a => a.id) });
    replying = null; attached = [];
    showReply(); showAttached();
    // Having just written to someone is when a reply notification makes sense: offer it once.
    if (shouldOfferPush() && !main.querySelector(".push-offer")) composer.after(pushOffer(() => text.focus()));
  });
  text.addEventListener("input", () => {
    if (Date.now() - lastTyping > 2000 && isConnected()) { lastTyping = Date.now(); void invoke("Typing", id).catch(() => {}); }
  });
  text.addEventListener("keydown", event => { if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); composer.requestSubmit(); } });

  cleanups.push(
    on("message", (m: Message) => add([m])),
    on("messageUpdated", (m: Message) => { add([m]); if (m.conversationId === id) void pinned.reload(); }),
    on("typing", (t: { conversationId: string; user: { id: string; displayName: string }; expiresAt: string }) => {
      if (t.conversationId !== id || t.user.id === me.id) return;
      typing.textContent = `${t.user.displayName} is typing…`;
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(() => (typing.textContent = ""), Math.max(1000, Date.parse(t.expiresAt) - Date.now()));
    }),
    on("receipt", (r: Receipt) => {
      if (r.conversationId !== id) return;
      const map = r.kind === "delivered" ? deliveredTo : readBy;
      map.set(r.userId, Math.max(map.get(r.userId) ?? 0, r.seq));
      render();
    }),
    onReconnected(() => void resume()),
    onOutboxChange(sent => { if (sent) add([sent]); else render(); }));

  const title = conversation.title || others.map(o => o.displayName).join(", ") || "Just you";
  mount(main, h("p", {}, h("a", { href: "/chat", "data-link": true }, "← All chats")),
    h("div", { class: "conversation-head" }, h("h1", {}, title), muteControl(conversation)), pinned.element, log, typing, replyBar, previews, composer);
  void pinned.reload();
  // Muted or unmuted on another device of the same student: show it here too.
  cleanups.push(on("conversation", (change: { conversationId: string; conversation: Conversation | null }) => {
    if (change.conversationId !== id || !change.conversation) return;
    conversation.mutedUntil = change.conversation.mutedUntil;
    main.querySelector(".mute-control")?.replaceWith(muteControl(conversation));
  }));
  const recent = await get<Page<Message>>(`/conversations/${id}/messages?limit=50`);
  add(recent.items);
  await resume();
  // Opened from a search hit (#seq-N): bring that message in if it is older, and show it.
  const wanted = Number(/^#seq-(\d+)$/.exec(location.hash)?.[1] ?? 0);
  if (wanted > 0) {
    if (!messages.has(wanted)) add((await get<Page<Message>>(`/conversations/${id}/messages?before=${wanted + 10}&limit=40`)).items);
    const target = log.querySelector<HTMLElement>(`[data-seq="${wanted}"]`);
    target?.classList.add("found");
    target?.scrollIntoView({ block: "center" });
  }
  text.focus();
}
