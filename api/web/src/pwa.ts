// The installable app: the service worker (pushes, offline copies), the "showing what you saw
// last" state, and this device's push subscription.
import { del, get, post } from "./api";

const subscriptionKey = "chitlaq.pushSubscriptionId";
const askedKey = "chitlaq.pushAsked";

export function registerServiceWorker(open: (path: string) => void) {
  if (!("serviceWorker" in navigator)) return;
  void navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => { /* the app works without it */ });
  // A tapped notification, with this tab open: the service worker asks it to show that screen.
  navigator.serviceWorker.addEventListener("message", event => {
    const data = event.data as { type?: string; path?: string } | null;
    if (data?.type === "open" && typeof data.path === "string" && data.path.startsWith("/") && !data.path.startsWith("//")) open(data.path);
  });
}

/** Called for every API answer: one the service worker served from its cache means we are offline. */
export function noteFreshness(response: Response) {
  const stale = response.headers.get("X-ChitLaq-Offline") === "1";
  document.body.classList.toggle("stale", stale);
}

export function pushSupported() {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

export function pushState(): "on" | "off" | "blocked" | "unsupported" {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(subscriptionKey) ? "on" : "off";
}

/** Asks for permission (only ever from a click) and registers this device's subscription. */
export async function enablePush(): Promise<boolean> {
  if (!pushSupported()) return false;
  localStorage.setItem(askedKey, "1");
  if (await Notification.requestPermission() !== "granted") return false;
  const registration = await navigator.serviceWorker.ready;
  const { publicKey } = await get<{ publicKey: string }>("/push/key");
  const subscription = await registration.pushManager.getSubscription()
    ?? await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
  const json = subscription.toJSON();
  const { id } = await post<{ id: string }>("/push/subscriptions", { endpoint: json.endpoint, keys: json.keys });
  localStorage.setItem(subscriptionKey, id);
  return true;
}

export async function disablePush() {
  const id = localStorage.getItem(subscriptionKey);
  localStorage.removeItem(subscriptionKey);
  try { if (id) await del(`/push/subscriptions/${id}`); } catch { /* gone already */ }
  if (pushSupported()) await (await navigator.serviceWorker.getRegistration())?.pushManager.getSubscription().then(s => s?.unsubscribe());
}

/** Whether to offer push now: supported, undecided, and not offered before (students decide once, at a moment that makes sense). */
export function shouldOfferPush() {
  return pushSupported() && Notification.permission === "default" && !localStorage.getItem(askedKey);
}

export function dismissPushOffer() { localStorage.setItem(askedKey, "1"); }

/** Signed out: this device stops receiving the account's pushes and forgets its offline copies. */
export async function forgetDevice() {
  await disablePush();
  navigator.serviceWorker?.controller?.postMessage("signed-out");
}

function fromBase64Url(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (value.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
