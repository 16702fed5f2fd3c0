// Chat: the conversation list (unread counts, presence, last message), and a conversation laid
// out like a messenger — bubbles grouped by sender and time, day separators, a composer pinned to
// the bottom, a "new messages" marker, a scroll-to-latest button, typing and ticks, edit and
// delete. Messages are kept by seq, so anything that arrives twice (live and again from Resume
// after a reconnect) is shown once, in order.
import { del, get, patch, post } from "../api";
import { announce, h, mount } from "../dom";
import { invoke, isConnected, on, onReconnected } from "../hub";
import type { Conversation, Me, Message, Page, Receipt } from "../types";
import { pinnedPanel, quote, reactButton, reactions, setPinned } from "./messageParts";
import { messageSearch } from "./chatSearch";
import { navigate } from "../router";
import { reportButton } from "./report";
import { discard, onOutboxChange, pendingFor, queue, type PendingMessage } from "../outbox";
import { shouldOfferPush } from "../pwa";
import { pushOffer } from "./pushSettings";
import { icon } from "../icons";
import { isMuted, muteControl } from "./muteControl";
import { refreshChatBadge } from "./chatBadge";
import { setOpenConversation, currentOpenConversation } from "../deliveryReceipts";
import { avatar } from "../ui/avatar";
import { clockTime, dayKey, dayLabel, timeAgo } from "../ui/time";
import { imageGrid } from "../ui/lightbox";
import { attachmentPicker } from "../ui/attachments";
import { emptyState, errorState, skeleton } from "../ui/states";

const presence = new Map<string, string>(); // userId → online | away | offline
/** Messages of one sender closer together than this share a bubble group. */
const groupGapMs = 5 * 60_000;

function conversationName(c: Conversation, me: Me): string {
  const others = c.members.filter(m => m.id !== me.id);
  return c.title || others.map(o => o.displayName).join(", ") || "Just you";
}

/** A direct chat shows the other person; a group shows its first other member (with the group's name beside it). */
function conversationFace(c: Conversation, me: Me, size: number): Element {
  const others = c.members.filter(m => m.id !== me.id);
  return avatar(c.kind === "group" && c.title ? { id: c.id, displayName: c.title } : others[0] ?? me, size);
}

export async function conversationsView(main: HTMLElement, me: Me, cleanups: (() => void)[]) {
  const list = h("ul", { class: "conversations", "aria-label": "Conversations" }, h("li", {}, skeleton("row", 4)));
  const handles = h("input", { name: "handles", "aria-label": "Handles to chat with, separated by commas", placeholder: "Handles, separated by commas" });
  const title = h("input", { name: "title", "aria-label": "Group name (for groups)", placeholder: "Group name (optional)" });
  const start = h("form", { class: "start-chat card" }, h("h2", {}, icon("compose", 18), "New chat"),
    h("div", { class: "row" }, handles, title, h("button", { type: "submit", class: "primary" }, "Start chat")));
  start.addEventListener("submit", async event => {
    event.preventDefault();
    const memberHandles = handles.value.split(",").map(s => s.trim().replace(/^@/, "")).filter(Boolean);
    try {
      const conversation = await post<Conversation>("/conversations", { memberHandles, title: title.value || undefined });
      navigate(`/chat/${conversation.id}`);
    } catch (error) { announce((error as Error).message, "error"); }
  });
  const row = (c: Conversation) => {
    const others = c.members.filter(m => m.id !== me.id);
    const online = others.some(o => presence.get(o.id) === "online");
    const last = c.lastMessage;
    const lastText = last ? `${last.sender.id === me.id ? "You: " : c.kind === "group" ? `${last.sender.displayName}: ` : ""}${last.deleted ? "Message deleted" : last.text || (last.media?.length ? "Image" : "")}` : "No messages yet";
    return h("li", {}, h("a", { href: `/chat/${c.id}`, "data-link": true, class: `conversation${c.unreadCount > 0 ? " has-unread" : ""}` },
      h("span", { class: "face" }, conversationFace(c, me, 48), h("span", { class: `dot ${online ? "online" : ""}`, role: "img", "aria-label": online ? "online" : "offline" })),
      h("span", { class: "summary" },
        h("span", { class: "top-line" }, h("strong", {}, conversationName(c, me)),
          isMuted(c) ? h("span", { class: "muted-icon", title: "Muted", role: "img", "aria-label": "muted" }, icon("bellOff", 14)) : null,
          last ? timeAgo(last.sentAt) : null),
        h("span", { class: "last" }, lastText.slice(0, 80))),
      c.unreadCount > 0 ? h("span", { class: `badge${isMuted(c) ? " quiet" : ""}`, "aria-label": `${c.unreadCount} unread` }, String(c.unreadCount)) : null));
  };
  async function load() {
    let items: Conversation[];
    try {
      const conversations = await get<Conversation[] | Page<Conversation>>("/conversations");
      items = Array.isArray(conversations) ? conversations : conversations.items;
    } catch (error) {
      if (!list.querySelector(".conversation")) mount(list, h("li", {}, errorState((error as Error).message, () => void load())));
      return;
    }
    await loadPresence(items.flatMap(c => c.members).filter(m => m.id !== me.id && !m.deleted).map(m => m.handle));
    mount(list, items.length ? items.map(row)
      : h("li", {}, emptyState("chats", "No conversations yet", "Start one above: type a classmate's handle, or several for a group.")));
  }
  mount(main, h("div", { class: "page-head" }, h("h1", {}, "Chat")), start, messageSearch(), list);
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
  main.classList.add("conversation-screen");
  cleanups.push(() => main.classList.remove("conversation-screen"));
  setOpenConversation(id);
  cleanups.push(() => { if (currentOpenConversation() === id) setOpenConversation(null); });
  mount(main, h("h1", { class: "visually-hidden" }, "Conversation"), h("div", { class: "chat-scroll" }, skeleton("message", 6)));
  let conversation: Conversation;
  try { conversation = await get<Conversation>(`/conversations/${id}`); }
  catch (error) {
    mount(main, h("h1", { class: "visually-hidden" }, "Conversation"), errorState((error as Error).message, () => navigate(`/chat/${id}`)),
      h("p", {}, h("a", { href: "/chat", "data-link": true }, "All chats")));
    return;
  }
  const others = conversation.members.filter(m => m.id !== me.id);
  const messages = new Map<number, Message>();
  const readBy = new Map<string, number>(), deliveredTo = new Map<string, number>();
  for (const r of conversation.receipts ?? []) { readBy.set(r.userId, r.readSeq); deliveredTo.set(r.userId, r.deliveredSeq); }
  // Where "new messages" starts: what was unread when the conversation was opened.
  const firstUnread = conversation.unreadCount > 0 ? conversation.lastReadSeq + 1 : null;

  // The log is redrawn as a whole when anything changes, so it is not itself live (a screen reader
  // would read the whole conversation again); new messages from others are read out from here.
  const log = h("div", { class: `chat-log ${conversation.kind}`, role: "log", "aria-live": "off", "aria-label": "Messages" });
  const spoken = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const latest = h("button", { type: "button", class: "scroll-latest", hidden: true, "aria-label": "Scroll to the latest message" }, icon("arrowDown", 18));
  const scroller = h("div", { class: "chat-scroll" }, log, latest);
  const typing = h("p", { class: "typing", "aria-live": "polite" });
  const text = h("textarea", { rows: 1, maxlength: 4000, "aria-label": "Message", placeholder: "Write a message" });
  // A reply in the making and the images attached so far (uploaded as they are chosen).
  let replying: Message | null = null;
  const replyBar = h("div", { class: "reply-bar", hidden: true });
  const sendButton = h("button", { type: "submit", class: "primary", "aria-label": "Send", title: "Send" }, icon("send", 20));
  const images = attachmentPicker("f-chat-images", { label: "Attach images", onChange: () => { sendButton.disabled = images.busy(); } });
  const composer = h("form", { class: "send" }, images.button, images.input, text, sendButton);
  const canPin = conversation.kind === "direct" || conversation.admins.includes(me.id);
  const pinned = pinnedPanel(id, seq => log.querySelector(`[data-seq="${seq}"]`)?.scrollIntoView({ block: "center" }));
  const showReply = () => {
    replyBar.hidden = !replying;
    if (replying) mount(replyBar, icon("reply", 16), h("span", { class: "grow" }, `Replying to ${replying.sender.displayName}: ${replying.text.slice(0, 80) || "an image"}`),
      h("button", { type: "button", class: "icon", "aria-label": "Cancel reply", onclick: () => { replying = null; showReply(); } }, icon("close", 16)));
  };
  let typingTimer = 0, lastTyping = 0;
  let unseen = 0; // messages that arrived while the reader was scrolled up

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
    const state = read ? "read" : delivered ? "delivered" : "sent";
    return h("span", { class: `ticks ${state}`, role: "img", "aria-label": state, title: state[0].toUpperCase() + state.slice(1), "data-state": state },
      icon(read || delivered ? "checkCheck" : "check", 16));
  };
  const nearBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 120;
  const scrollToLatest = (smooth = false) => {
    scroller.scrollTo({ top: scroller.scrollHeight, behavior: smooth ? "smooth" : "auto" });
    unseen = 0; drawLatest();
  };
  const drawLatest = () => {
    latest.hidden = nearBottom();
    mount(latest, icon("arrowDown", 18), unseen > 0 ? h("span", { class: "badge" }, String(unseen)) : null);
    latest.setAttribute("aria-label", unseen > 0 ? `Scroll to the latest message, ${unseen} new` : "Scroll to the latest message");
  };
  latest.addEventListener("click", () => scrollToLatest(true));
  scroller.addEventListener("scroll", () => { if (nearBottom()) unseen = 0; drawLatest(); }, { passive: true });

  // Touch screens have no hover: a tap on a bubble shows (or hides) its actions.
  log.addEventListener("click", event => {
    const target = event.target as HTMLElement;
    if (target.closest("button, a, .actions")) return;
    const item = target.closest<HTMLElement>(".messages > li[data-seq]");
    log.querySelectorAll(".show-actions").forEach(other => { if (other !== item) other.classList.remove("show-actions"); });
    item?.classList.toggle("show-actions");
  });
  const bubble = (m: Message, showSender: boolean) => {
    const mine = m.sender.id === me.id;
    const describe = (i: number) => `Image ${i + 1} of ${m.media!.length} from ${m.sender.displayName}`;
    return [
      showSender && !mine && conversation.kind === "group" ? avatar(m.sender, 28) : null,
      h("span", { class: m.sender.deleted ? "sender deleted-account" : "sender" }, m.sender.displayName),
      h("div", { class: "bubble" },
        quote(m),
        m.deleted ? h("em", {}, "Message deleted") : m.text ? h("span", { class: "body" }, m.text) : null,
        m.media?.length && !m.deleted ? imageGrid(m.media, describe, "message-images") : null,
        h("span", { class: "stamp" },
          m.pinned ? h("span", { class: "pin-mark", role: "img", "aria-label": "Pinned", title: "Pinned" }, icon("pin", 12)) : null,
          m.editedAt && !m.deleted ? h("span", {}, "edited") : null,
          h("time", { dateTime: m.sentAt, title: new Date(m.sentAt).toLocaleString() }, clockTime(m.sentAt)), ticks(m))),
      reactions(m),
      m.deleted ? null : h("span", { class: "actions" },
        h("button", { type: "button", class: "icon", "aria-label": "Reply", title: "Reply", onclick: () => { replying = m; showReply(); text.focus(); } }, icon("reply", 16)),
        reactButton(m),
        canPin ? h("button", { type: "button", class: "icon", "aria-label": m.pinned ? "Unpin" : "Pin", title: m.pinned ? "Unpin" : "Pin",
          "aria-pressed": m.pinned ? "true" : "false", onclick: () => void setPinned(m, !m.pinned) }, icon("pin", 16)) : null,
        mine ? [
          h("button", { type: "button", class: "icon", "aria-label": "Edit", title: "Edit", onclick: () => edit(m) }, icon("edit", 16)),
          h("button", { type: "button", class: "icon danger", "aria-label": "Delete", title: "Delete", onclick: () => remove(m) }, icon("trash", 16))]
          : reportButton({ kind: "message", id: m.id })),
    ];
  };
  const pendingItem = (p: PendingMessage) => h("li", { class: `mine pending group-start group-end${p.error ? " failed" : ""}`, "data-client-id": p.clientMessageId },
    h("span", { class: "sender" }, me.displayName),
    h("div", { class: "bubble" }, h("span", { class: "body" }, p.text), h("span", { class: "stamp" }, icon("clock", 12))),
    h("p", { class: "pending-state" }, p.error
      ? [h("span", { class: "danger" }, `Not sent: ${p.error}`), h("button", { type: "button", class: "link", onclick: () => discard(p.clientMessageId) }, "Discard")]
      : "Waiting to send…"));

  const render = () => {
    const stick = nearBottom();
    const sorted = [...messages.values()].sort((a, b) => a.seq - b.seq);
    const days: HTMLElement[] = [];
    let list: HTMLOListElement | null = null, section: HTMLElement | null = null, day = "";
    sorted.forEach((m, i) => {
      if (dayKey(m.sentAt) !== day) {
        day = dayKey(m.sentAt);
        list = h("ol", { class: "messages" });
        section = h("section", { class: "day", "aria-label": dayLabel(m.sentAt) }, h("h2", { class: "day-separator" }, h("span", {}, dayLabel(m.sentAt))), list);
        days.push(section);
      }
      // The first message unread when the chat was opened starts a new list under a marker.
      if (m.seq === firstUnread) {
        list = h("ol", { class: "messages" });
        section!.append(h("div", { class: "unread-marker", role: "separator", "aria-label": "New messages" }, "New messages"), list);
      }
      const previous = sorted[i - 1], next = sorted[i + 1];
      const together = (a?: Message, b?: Message) => !!a && !!b && a.sender.id === b.sender.id && dayKey(a.sentAt) === dayKey(b.sentAt)
        && Math.abs(Date.parse(b.sentAt) - Date.parse(a.sentAt)) < groupGapMs && b.seq !== firstUnread;
      const start = !together(previous, m), end = !together(m, next);
      list!.append(h("li", { class: `${m.sender.id === me.id ? "mine" : "theirs"}${start ? " group-start" : ""}${end ? " group-end" : ""}`, "data-seq": m.seq, tabindex: 0 },
        ...bubble(m, start)));
    });
    const pending = pendingFor(id);
    if (pending.length) days.push(h("ol", { class: "messages pending-list", "aria-label": "Waiting to send" }, ...pending.map(pendingItem)));
    if (days.length === 0) days.push(emptyState("chat", "Say hello", others.length ? `This is the start of your chat with ${conversationName(conversation, me)}.` : "Only you are here."));
    mount(log, days);
    if (stick) scrollToLatest(); else drawLatest();
  };
  const add = (incoming: Message[], fromMe = false) => {
    let newest = 0, arrived = 0;
    const before = lastSeq();
    for (const m of incoming) if (m.conversationId === id) {
      if (!messages.has(m.seq) && m.seq > before) {
        arrived++;
        if (before > 0 && m.sender.id !== me.id) spoken.textContent = `${m.sender.displayName}: ${m.deleted ? "deleted message" : m.text || "an image"}`;
      }
      messages.set(m.seq, m); newest = Math.max(newest, m.seq);
    }
    const wasNearBottom = nearBottom();
    render();
    if (fromMe) scrollToLatest();
    else if (!wasNearBottom && arrived > 0 && before > 0) { unseen += arrived; drawLatest(); }
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

  composer.addEventListener("submit", async event => {
    event.preventDefault();
    const body = text.value.trim();
    if (!body && images.mediaIds().length === 0 && !images.busy()) return;
    text.value = "";
    fit();
    const reply = replying;
    replying = null; showReply();
    await images.settled(); // images chosen a moment ago may still be on their way
    const mediaIds = images.mediaIds();
    images.clear();
    if (!body && mediaIds.length === 0) return;
    // Kept (across reloads) until the server has it; sent now if the connection is up.
    queue(id, body, { replyToSeq: reply?.seq, mediaIds });
    scrollToLatest();
    // Having just written to someone is when a reply notification makes sense: offer it once.
    if (shouldOfferPush() && !main.querySelector(".push-offer")) footer.prepend(pushOffer(() => text.focus()));
  });
  /** The message box grows with what is written, up to a few lines. */
  const fit = () => { text.style.height = "auto"; text.style.height = `${Math.min(text.scrollHeight + 2, 144)}px`; };
  text.addEventListener("input", () => {
    fit();
    if (Date.now() - lastTyping > 2000 && isConnected()) { lastTyping = Date.now(); void invoke("Typing", id).catch(() => {}); }
  });
  text.addEventListener("keydown", event => { if (event.key === "Enter" && !event.shiftKey && !event.isComposing) { event.preventDefault(); composer.requestSubmit(); } });

  cleanups.push(
    on("message", (m: Message) => add([m], m.sender.id === me.id)),
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
    on("online", (e: { userId: string; status: string }) => { presence.set(e.userId, e.status); drawStatus(); }),
    onReconnected(() => void resume()),
    onOutboxChange(sent => { if (sent) add([sent], true); else render(); }));

  const name = conversationName(conversation, me);
  const status = h("p", { class: "meta" });
  const drawStatus = () => {
    status.textContent = conversation.kind === "group" ? `${conversation.members.length} members`
      : others.some(o => presence.get(o.id) === "online") ? "Online" : others[0] ? `@${others[0].handle}` : "";
  };
  const footer = h("div", { class: "chat-composer" }, replyBar, images.previews, composer);
  const header = h("header", { class: "chat-header" },
    h("a", { href: "/chat", "data-link": true, class: "button icon", "aria-label": "All chats", title: "All chats" }, icon("back", 22)),
    others.length === 1 && conversation.kind === "direct"
      ? h("a", { href: `/u/${others[0].handle}`, "data-link": true, tabindex: -1, "aria-hidden": "true" }, avatar(others[0], 40))
      : conversationFace(conversation, me, 40),
    h("div", { class: "who" }, h("h1", {}, name), status), muteControl(conversation));
  mount(main, header, pinned.element, scroller, typing, spoken, footer);
  void loadPresence(others.filter(o => !o.deleted).map(o => o.handle)).then(drawStatus);
  drawStatus();
  void pinned.reload();
  // Muted or unmuted on another device of the same student: show it here too.
  cleanups.push(on("conversation", (change: { conversationId: string; conversation: Conversation | null }) => {
    if (change.conversationId !== id || !change.conversation) return;
    conversation.mutedUntil = change.conversation.mutedUntil;
    main.querySelector(".mute-control")?.replaceWith(muteControl(conversation));
  }));
  try {
    const recent = await get<Page<Message>>(`/conversations/${id}/messages?limit=50`);
    add(recent.items);
    await resume();
  } catch (error) { announce((error as Error).message, "error"); }
  if (messages.size === 0) render();
  // Opened with unread messages: start at the first of them, not at the bottom.
  const marker = log.querySelector<HTMLElement>(".unread-marker");
  if (marker) { marker.scrollIntoView({ block: "start" }); drawLatest(); } else scrollToLatest();
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
