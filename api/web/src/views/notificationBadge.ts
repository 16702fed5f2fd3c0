// The notifications badge in the navigation, kept live by `notification` events; the
// notifications screen clears it.
import { get } from "../api";
import { on } from "../hub";
import type { Notification, Page } from "../types";

let unread = 0;
let listening = false;

export function renderBadge() {
  const badge = document.getElementById("unread-badge");
  if (!badge) return;
  badge.textContent = unread > 0 ? String(unread) : "";
  badge.hidden = unread === 0;
  badge.setAttribute("aria-label", `${unread} unread notifications`);
}

export function clearBadge() { unread = 0; renderBadge(); }

export async function startBadge() {
  try { unread = (await get<Page<Notification>>("/notifications?limit=100")).items.filter(n => !n.read).length; } catch { unread = 0; }
  renderBadge();
  if (listening) return; // once per tab, however often the user is loaded
  listening = true;
  on("notification", () => { unread++; renderBadge(); });
}
