// Notifications, and the unread badge in the navigation, kept live by `notification` events.
import { get, post } from "../api";
import { h, mount, timeAgo } from "../dom";
import { on } from "../hub";
import { icon } from "../icons";
import type { Notification, Page } from "../types";
import { actionWords } from "./decisions";

const words: Record<string, string> = { follow_request: "asked to follow you", follow: "followed you", like: "liked your post", reply: "replied to your post", mention: "mentioned you", repost: "reposted your post" };
let unread = 0;
let listening = false;

export function renderBadge() {
  const badge = document.getElementById("unread-badge");
  if (!badge) return;
  badge.textContent = unread > 0 ? String(unread) : "";
  badge.hidden = unread === 0;
  badge.setAttribute("aria-label", `${unread} unread notifications`);
}

export async function startBadge() {
  try { unread = (await get<Page<Notification>>("/notifications?limit=100")).items.filter(n => !n.read).length; } catch { unread = 0; }
  renderBadge();
  if (listening) return; // once per tab, however often the user is loaded
  listening = true;
  on("notification", () => { unread++; renderBadge(); });
}

export async function notificationsView(main: HTMLElement) {
  const page = await get<Page<Notification>>("/notifications?limit=50");
  mount(main, h("h1", {}, "Notifications"), page.items.length ? h("ul", { class: "notifications" }, ...page.items.map(n =>
    n.type === "moderation" ? h("li", { class: `moderation ${n.read ? "" : "unread"}` }, icon("shield", 16),
      " ChitLaq moderators: ", h("a", { href: "/decisions", "data-link": true }, actionWords[n.decision?.action ?? ""] ?? "a decision about your account"),
      n.decision ? ` — ${n.decision.reason}` : "", h("span", { class: "meta" }, ` · ${timeAgo(n.createdAt)}`)) :
    h("li", { class: n.read ? "" : "unread" },
      h("a", { href: `/u/${n.actor.handle}`, "data-link": true }, n.actor.displayName), ` ${words[n.type] ?? n.type}`,
      n.type === "follow_request" ? [" · ", h("a", { href: "/follow-requests", "data-link": true }, "Answer")] : null,
      n.post ? h("q", {}, n.post.text.slice(0, 80)) : null, h("span", { class: "meta" }, ` · ${timeAgo(n.createdAt)}`))))
    : h("p", {}, "No notifications yet."));
  if (page.items.length > 0) {
    await post("/notifications/read", { upTo: page.items[0].id });
    unread = 0; renderBadge();
  }
}
