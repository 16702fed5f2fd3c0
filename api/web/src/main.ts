// The ChitLaq web client: the signed-in user, the frame, and which screen each path shows.
// Every screen is its own chunk, loaded when first opened: the first screen downloads only
// itself and this shell.
import { forgetSession, get, isSignedIn, onRestricted, onSignedOut, post } from "./api";
import { announce, h, mount } from "./dom";
import { connectHub, disconnectHub, onReconnected } from "./hub";
import { flushOutbox } from "./outbox";
import { navigate, startRouter } from "./router";
import type { Me } from "./types";
import { renderShell } from "./shell";
import { applyTheme } from "./theme";
import { renderBadge, startBadge } from "./views/notificationBadge";
import { renderChatBadge, startChatBadge } from "./views/chatBadge";
import { startDeliveryReceipts } from "./deliveryReceipts";
import { setDefaultAudience } from "./views/audience";
import { forgetDevice, registerServiceWorker } from "./pwa";
import { errorState, skeleton } from "./ui/states";

applyTheme();
const main = document.getElementById("main")!;
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
  renderShell({ me, restricted: restricted(), signOut: () => void signOut() });
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

document.addEventListener("chitlaq:sign-out", () => void signOut()); // Settings' button (on phones the only one)
onSignedOut(() => { me = null; void disconnectHub(); renderNav(); navigate("/signin"); });
// Suspended while the tab was open: read the account again and show the restricted screen.
onRestricted(() => { if (!restricted()) { me = null; navigate("/decisions"); } });

registerServiceWorker(navigate);
// Messages written offline go out when the connection returns, whichever screen is open.
window.addEventListener("online", () => void flushOutbox());
onReconnected(() => void flushOutbox());

/** The screen for a path: loaded on first use; a screen still loading shows skeletons. */
async function show(path: string, params: URLSearchParams): Promise<void> {
  if (path === "/signup") return (await import("./views/auth")).signUpView(main);
  if (path === "/signin") return (await import("./views/auth")).signInView(main);
  if (path === "/verify-email") {
    await (await import("./views/auth")).verifyView(main, params);
    if (params.get("token")) { await loadMe(); renderNav(); }
    return;
  }
  if (path === "/forgot-password") return (await import("./views/auth")).forgotView(main);
  if (path === "/reset-password") return (await import("./views/auth")).resetView(main, params);
  if (me && restricted()) return (await import("./views/decisions")).restrictedView(main, me);
  // Everything else is for signed-in students (the API answers nobody else).
  if (!me) return (await import("./views/auth")).signInView(main);
  if (path === "/explore") return (await import("./views/discover")).exploreView(main, me.id, params);
  if (path === "/search") return (await import("./views/discover")).searchView(main, me.id, params);
  if (path.startsWith("/u/")) return (await import("./views/profile")).profileView(main, decodeURIComponent(path.slice(3)), me);
  if (path === "/settings") return (await import("./views/settings")).settingsView(main, me);
  if (path === "/settings/data") return (await import("./views/accountData")).accountDataView(main, cleanups);
  if (path === "/follow-requests") return (await import("./views/privacy")).followRequestsView(main);
  if (path === "/bookmarks") return (await import("./views/privacy")).bookmarksView(main, me);
  if (path === "/decisions") return (await import("./views/decisions")).decisionsView(main);
  if (path === "/moderation") return (await import("./views/moderation")).moderationView(main, me, params);
  if (path === "/notifications") return (await import("./views/notifications")).notificationsView(main);
  if (path === "/chat") return (await import("./views/chat")).conversationsView(main, me, cleanups);
  if (path.startsWith("/chat/")) return (await import("./views/chat")).conversationView(main, path.slice(6), me, cleanups);
  return (await import("./views/posts")).homeView(main, me.id, cleanups);
}

/**
 * Once the first screen is up and the browser is idle, the main tabs' code is fetched too: the
 * next tap opens at once, and the service worker has them for offline use.
 */
function warmUp() {
  // Safari has no requestIdleCallback: a plain delay does there.
  const later = (work: () => void) => (typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(work, { timeout: 5000 }) : setTimeout(work, 2000));
  window.setTimeout(() => later(() => {
    const screens = me ? [import("./views/posts"), import("./views/chat"), import("./views/notifications"), import("./views/discover"), import("./views/profile")]
      : [import("./views/auth")];
    void Promise.allSettled(screens);
  }), 1500);
}

startRouter(async (path, params) => {
  cleanups.forEach(cleanup => cleanup());
  cleanups = [];
  if (isSignedIn() && !me && !["/verify-email", "/reset-password"].includes(path)) await loadMe();
  renderNav();
  document.body.dataset.screen = path.split("/")[1] || "home";
  if (!main.firstChild) mount(main, skeleton("post", 3));
  try {
    await show(path, params);
    // The first screen is on and usable: what the performance tests (and field timing) read.
    if (performance.getEntriesByName("chitlaq:first-screen").length === 0) { performance.mark("chitlaq:first-screen"); warmUp(); }
  } catch (error) {
    // A screen whose code did not arrive (offline, or a new version replaced it) or failed.
    announce((error as Error).message, "error");
    if (!main.querySelector("h1")) mount(main, h("h1", { class: "visually-hidden" }, "ChitLaq"), errorState((error as Error).message, () => navigate(location.pathname + location.search)));
  }
});
