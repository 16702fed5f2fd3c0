// ChitLaq's service worker: shows pushes when no tab is open and opens the right screen when one
// is tapped; keeps the app shell and the last-seen feed, conversation list and conversations for
// offline use (served from cache with X-ChitLaq-Offline: 1, so the app marks them read-only).
// Plain JavaScript at the site root (scope "/"), never bundled, so its URL never changes.
const SHELL = "chitlaq-shell-v1";
const DATA = "chitlaq-data-v1";

// API reads worth having offline: the home feed, the conversation list, a conversation's messages, me.
const OFFLINE_READS = [/^\/api\/v1\/feed\/home(\?|$)/, /^\/api\/v1\/conversations(\?|$)/, /^\/api\/v1\/conversations\/[^/]+(\?|$)/,
  /^\/api\/v1\/conversations\/[^/]+\/messages(\?|$)/, /^\/api\/v1\/auth\/me$/];

self.addEventListener("install", event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(["/", "/manifest.webmanifest", "/icons/icon-192.png"])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (![SHELL, DATA].includes(name)) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener("message", event => {
  // Signed out: nothing of the account stays on the device.
  if (event.data === "signed-out") event.waitUntil(caches.delete(DATA));
});

self.addEventListener("fetch", event => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") { event.respondWith(networkFirst(request, SHELL, "/")); return; }
  if (url.pathname.startsWith("/assets/")) { event.respondWith(cacheFirst(request)); return; }
  if (OFFLINE_READS.some(pattern => pattern.test(url.pathname + url.search))) event.respondWith(networkFirst(request, DATA, null));
});

async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

/** The network when it answers; the last good answer (marked offline) when it does not. */
async function networkFirst(request, cacheName, fallbackPath) {
  const cache = await caches.open(cacheName);
  const key = fallbackPath ?? cacheKey(request);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (!cached) throw error;
    const headers = new Headers(cached.headers);
    headers.set("X-ChitLaq-Offline", "1");
    return new Response(await cached.blob(), { status: cached.status, statusText: cached.statusText, headers });
  }
}

/** API answers depend on the bearer token, which the cache key cannot see: key them by URL alone (one account per browser profile). */
function cacheKey(request) { return new Request(request.url); }

self.addEventListener("push", event => {
  let data = {};
  try { data = event.data ? event.data.json() : {}; } catch { data = { title: "ChitLaq", body: event.data ? event.data.text() : "" }; }
  event.waitUntil(self.registration.showNotification(data.title || "ChitLaq", {
    body: data.body || "",
    tag: data.tag,
    renotify: Boolean(data.tag),
    icon: "/icons/icon-192.png",
    badge: "/icons/icon-192.png",
    data: { url: data.url || "/", type: data.type },
  }));
});

self.addEventListener("notificationclick", event => {
  event.notification.close();
  event.waitUntil(openFromNotification(event.notification.data));
});

/**
 * Tapped: the app's screen for it (a conversation, a post, the decisions). A tab already open
 * is focused and routes there itself (no reload, the realtime connection stays); otherwise a new
 * window opens at that address.
 */
async function openFromNotification(data) {
  const target = new URL(data?.url || "/", self.location.origin);
  if (target.origin !== self.location.origin) return; // payloads come from our server; never leave the app
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const open = windows.find(w => w.focused) ?? windows.find(w => new URL(w.url).origin === self.location.origin);
  if (!open) return self.clients.openWindow(target.href);
  open.postMessage({ type: "open", path: target.pathname + target.search });
  try { await open.focus(); } catch { /* focusing needs the tap's user activation; the tab routes anyway */ }
}
