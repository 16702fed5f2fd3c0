// Notifications: who did what, newest first, unread ones highlighted; opening the screen marks
// them read (and clears the badge).
import { get, post } from "../api";
import { h, mount } from "../dom";
import { icon, type IconName } from "../icons";
import type { Notification, Page } from "../types";
import { actionWords } from "./decisions";
import { clearBadge } from "./notificationBadge";
import { avatar } from "../ui/avatar";
import { timeAgo } from "../ui/time";
import { emptyState, errorState, skeleton } from "../ui/states";

const words: Record<string, string> = { follow_request: "asked to follow you", follow: "followed you", like: "liked your post", reply: "replied to your post", mention: "mentioned you", repost: "reposted your post" };
const kinds: Record<string, IconName> = { follow_request: "users", follow: "user", like: "heart", reply: "reply", mention: "chat", repost: "repost", moderation: "shield" };

function item(n: Notification): HTMLElement {
  const kind = h("span", { class: `notification-kind ${n.type}`, "aria-hidden": "true" }, icon(kinds[n.type] ?? "bell", 16));
  if (n.type === "moderation")
    return h("li", { class: `moderation ${n.read ? "" : "unread"}` }, kind, h("div", { class: "what" },
      h("p", {}, "ChitLaq moderators: ", h("a", { href: "/decisions", "data-link": true }, actionWords[n.decision?.action ?? ""] ?? "a decision about your account"),
        n.decision ? ` — ${n.decision.reason}` : ""), h("span", { class: "meta" }, timeAgo(n.createdAt))));
  return h("li", { class: n.read ? "" : "unread" }, avatar(n.actor, 40), h("div", { class: "what" },
    h("p", {}, h("a", { href: `/u/${n.actor.handle}`, "data-link": true }, n.actor.displayName), ` ${words[n.type] ?? n.type}`,
      n.type === "follow_request" ? [" · ", h("a", { href: "/follow-requests", "data-link": true }, "Answer")] : null),
    n.post ? h("q", {}, n.post.text.slice(0, 120)) : null,
    h("span", { class: "meta" }, timeAgo(n.createdAt))), kind);
}

export async function notificationsView(main: HTMLElement) {
  const heading = h("h1", {}, "Notifications");
  mount(main, heading, skeleton("row", 5));
  let page: Page<Notification>;
  try { page = await get<Page<Notification>>("/notifications?limit=50"); }
  catch (error) { mount(main, heading, errorState((error as Error).message, () => void notificationsView(main))); return; }
  mount(main, heading, page.items.length ? h("ul", { class: "notifications" }, ...page.items.map(item))
    : emptyState("bell", "No notifications yet", "Likes, replies, mentions and new followers show up here."));
  if (page.items.length > 0) {
    await post("/notifications/read", { upTo: page.items[0].id });
    clearBadge();
  }
}
