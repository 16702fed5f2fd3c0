// The ChitLaq web client: navigation, the signed-in user, and which view each path shows.
import { forgetSession, get, isSignedIn, onRestricted, onSignedOut, post } from "./api";
import { announce, h, mount } from "./dom";
import { connectHub, disconnectHub, onReconnected } from "./hub";
import { flushOutbox } from "./outbox";
import { navigate, startRouter } from "./router";
import type { Me } from "./types";
import { forgotView, resetView, signInView, signUpView, verifyView } from "./views/auth";
import { conversationsView, conversationView, startDeliveryReceipts } from "./views/chat";
import { exploreView, searchView } from "./views/discover";
import { notificationsView, renderBadge, startBadge } from "./views/notifications";
import { renderChatBadge, startChatBadge } from "./views/chatBadge";
import { decisionsView, restrictedView } from "./views/decisions";
import { moderationView } from "./views/moderation";
import { homeView } from "./views/posts";
import { settingsView } from "./views/settings";
import { icon } from "./icons";
import { forgetDevice, registerServiceWorker } from "./pwa";
import { profileView } from "./views/profile";
import { bookmarksView, followRequestsView } from "./views/privacy";
import { accountDataView } from "./views/accountData";
import { setDefaultAudience } from "./views/audience";

const main = document.getElementById("main")!;
const top = document.getElementById("top")!;
let me: Me | null = null;
let cleanups: (() => void)[] = [];

async function loadMe() {
  if (!isSignedIn()) { me = null; return; }
  try {
    me = await get<Me>("/auth/me");
    setDefaultAudience(me.defaultAudience);
    // A suspended or banned account has no realtime: the hub would refuse it anyway.
    if (restricted()) { await disconnectHub(); return; }
    void connectHub(); // not awaited: offline, the hub keeps retrying while the views show the offline copies
    await startBadge();
    startDeliveryReceipts(me);
    startChatBadge(me);
  } catch { me = null; }
}

/** Suspended or banned: the session may only read its decisions, appeal, and sign out. */
function restricted() { return me !== null && (me.standing === "suspended" || me.standing === "banned"); }

function renderNav() {
  const link = (href: string, label: string, extra?: Node) => h("a", { href, "data-link": true, "aria-current": location.pathname === href ? "page" : undefined }, label, extra ?? null);
  mount(top, h("nav", { class: "top", "aria-label": "Main" },
    h("a", { href: "/", "data-link": true, class: "brand" }, "ChitLaq"),
    me && restricted() ? [link("/decisions", "Decisions"), h("button", { type: "button", class: "link", onclick: signOut }, "Sign out")] :
    me ? [
      link("/", "Home"), link("/explore", "Explore"), link("/search", "Search"),
      link("/notifications", "Notifications", h("span", { id: "unread-badge", class: "badge", hidden: true })),
      link("/chat", "Chat", h("span", { id: "chat-badge", class: "badge", hidden: true })), link(`/u/${me.handle}`, "Profile"),
      me.roles.some(r => r === "moderator" || r === "admin") ? link("/moderation", "Moderation") : null,
      h("a", { href: "/bookmarks", "data-link": true, "aria-label": "Bookmarks", title: "Bookmarks", "aria-current": location.pathname === "/bookmarks" ? "page" : undefined }, icon("bookmark")),
      h("a", { href: "/settings", "data-link": true, "aria-label": "Settings", title: "Settings", "aria-current": location.pathname === "/settings" ? "page" : undefined }, icon("gear")),
      h("button", { type: "button", class: "link", onclick: signOut }, "Sign out"),
    ] : [link("/explore", "Explore"), link("/signin", "Sign in"), link("/signup", "Sign up")]),
    me && !me.emailVerified ? h("p", { class: "notice" }, "Verify your university email to post and chat. ", h("a", { href: "/verify-email", "data-link": true }, "How?")) : null,
    h("p", { class: "offline-notice", role: "status" }, "Reconnecting…"),
    h("p", { class: "stale-notice", role: "status" }, "Offline — showing what you saw last. Posting and sending wait until you are back."));
  // The navigation is drawn anew on every screen: put the counts back in.
  renderBadge();
  renderChatBadge();
}

async function signOut() {
  const refreshToken = localStorage.getItem("chitlaq.refreshToken");
  await forgetDevice().catch(() => { /* best effort: the server ends the subscription when the push service does */ });
  try { if (refreshToken) await post("/auth/logout", { refreshToken }); } catch { /* signed out locally anyway */ }
  forgetSession();
}

onSignedOut(() => { me = null; void disconnectHub(); renderNav(); navigate("/signin"); });
// Suspended while the tab was open: read the account again and show the restricted screen.
onRestricted(() => { if (!restricted()) { me = null; navigate("/decisions"); } });

registerServiceWorker(navigate);
// Messages written offline go out when the connection returns, whichever screen is open.
window.addEventListener("online", () => void flushOutbox());
onReconnected(() => void flushOutbox());

startRouter(async (path, params) => {
  cleanups.forEach(cleanup => cleanup());
  cleanups = [];
  if (isSignedIn() && !me && !["/verify-email", "/reset-password"].includes(path)) await loadMe();
  renderNav();
  try {
    if (path === "/signup") return signUpView(main);
    if (path === "/signin") return signInView(main);
    if (path === "/verify-email") { await verifyView(main, params); if (params.get("token")) { await loadMe(); renderNav(); } return; }
    if (path === "/forgot-password") return forgotView(main);
    if (path === "/reset-password") return resetView(main, params);
    if (me && restricted()) return await restrictedView(main, me);
    if (path === "/explore") return await exploreView(main, me?.id ?? null, params);
    if (path === "/search") return searchView(main, me?.id ?? null, params);
    if (path.startsWith("/u/")) return await profileView(main, decodeURIComponent(path.slice(3)), me);
    if (!me) return signInView(main);
    if (path === "/settings") return await settingsView(main, me);
    if (path === "/settings/data") return accountDataView(main, cleanups);
    if (path === "/follow-requests") return await followRequestsView(main);
    if (path === "/bookmarks") return bookmarksView(main, me);
    if (path === "/decisions") return await decisionsView(main);
    if (path === "/moderation") return await moderationView(main, me, params);
    if (path === "/notifications") return await notificationsView(main);
    if (path === "/chat") return await conversationsView(main, me, cleanups);
    if (path.startsWith("/chat/")) return await conversationView(main, path.slice(6), me, cleanups);
    return homeView(main, me.id, cleanups);
  } catch (error) {
    announce((error as Error).message, "error");
  }
});
