// The realtime connection: one per signed-in tab, reconnecting for as long as the tab is open
// (phones and laptops drop connections all the time). After every reconnect the open views are
// told, so they can Resume what they missed.
// The SignalR client is loaded with the first connection, so screens without one (signing in,
// signing up) do not download it.
import type { HubConnection, IRetryPolicy } from "@microsoft/signalr";
import { currentAccessToken, get, refreshAccessToken } from "./api";

type Handler = (payload: any) => void;
const handlers = new Map<string, Set<Handler>>();
const reconnectedListeners = new Set<() => void>();
let connection: HubConnection | null = null;
/** Whether this tab should be connected: false once signed out or restricted, so no timer reconnects it. */
let wanted = false;

/** Retries at once, then backs off to every 10 s, forever. */
const forever: IRetryPolicy = {
  nextRetryDelayInMilliseconds: context => [0, 1000, 2000, 5000][context.previousRetryCount] ?? 10000,
};

export async function connectHub() {
  wanted = true;
  if (connection) return;
  const signalR = await import("@microsoft/signalr");
  if (connection) return; // another call connected while the library loaded
  connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/chat", {
      accessTokenFactory: async () => {
        if (!currentAccessToken()) await refreshAccessToken();
        return currentAccessToken() ?? "";
      },
    })
    .withAutomaticReconnect(forever)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  for (const method of ["message", "messageUpdated", "typing", "receipt", "online", "conversation", "notification", "feed"])
    connection.on(method, payload => handlers.get(method)?.forEach(handler => handler(payload)));
  // A server node was lost: events it was sending are gone. Catch up as after a reconnect, each
  // client at a random moment within 2 s so a whole campus does not ask at once.
  connection.on("resync", () => {
    window.setTimeout(() => reconnectedListeners.forEach(listener => listener()), Math.random() * 2000);
  });
  connection.onreconnecting(() => {
    document.body.classList.add("offline");
    checkSession();
  });
  connection.onreconnected(() => {
    document.body.classList.remove("offline");
    reconnectedListeners.forEach(listener => listener());
  });
  const built = connection;
  connection.onclose(() => {
    if (connection !== built) return; // stopped on purpose (signed out): nothing to heal
    // Closed for good (e.g. the server refused the token): start again after a refresh.
    connection = null;
    document.body.classList.add("offline");
    checkSession();
    // Not when the tab has since been signed out or restricted: each try rotates the refresh
    // token, and a reload in the middle of one would lose the session.
    window.setTimeout(() => {
      if (!wanted || connection) return;
      void refreshAccessToken().then(ok => { if (ok && wanted) void connectHub(); });
    }, 5000);
  });
  await startWithRetry();
}

/**
 * The server also closes connections when moderators end the account's sessions: one ordinary
 * request finds out at once (401 → refresh refused → signed out; 403 → the restricted screen).
 */
function checkSession() {
  void get("/auth/me").catch(() => { /* offline, or already handled by the API client */ });
}

async function startWithRetry() {
  for (let attempt = 0; connection; attempt++) {
    try {
      await connection.start();
      document.body.classList.remove("offline");
      reconnectedListeners.forEach(listener => listener());
      return;
    } catch {
      document.body.classList.add("offline");
      await new Promise(resolve => setTimeout(resolve, Math.min(10000, 1000 * 2 ** attempt)));
    }
  }
}

export async function disconnectHub() {
  wanted = false;
  const closing = connection;
  connection = null;
  await closing?.stop();
  document.body.classList.remove("offline"); // signed out is not offline
}

/** Subscribes to a server event; returns the unsubscribe function. */
export function on(method: string, handler: Handler): () => void {
  if (!handlers.has(method)) handlers.set(method, new Set());
  handlers.get(method)!.add(handler);
  return () => handlers.get(method)!.delete(handler);
}

export function onReconnected(listener: () => void): () => void {
  reconnectedListeners.add(listener);
  return () => reconnectedListeners.delete(listener);
}

export function invoke<T>(method: string, ...args: unknown[]): Promise<T> {
  if (!connection || String(connection.state) !== "Connected")
    return Promise.reject(new Error("Not connected; reconnecting…"));
  return connection.invoke<T>(method, ...args);
}

export function isConnected() { return String(connection?.state) === "Connected"; }

/** The code at the start of a HubException's text (SignalR prefixes it with its own words). */
export function hubErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const match = /HubException: (\w+): (.*)$/.exec(text);
  return match ? match[2] : text;
}
