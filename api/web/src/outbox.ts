// Messages written while the connection is down: kept in localStorage (so a reload keeps them),
// shown as pending, and sent when the connection returns — one at a time, oldest first, each with
// its clientMessageId, so the server stores every one exactly once whatever a retry runs into.
import { ApiError, post } from "./api";
import { hubErrorText, invoke, isConnected } from "./hub";
import type { Message } from "./types";

export interface PendingMessage {
  conversationId: string; clientMessageId: string; text: string; createdAt: string; error?: string;
  /** A reply's seq and attached images (uploaded already: only their ids wait here). */
  replyToSeq?: number; mediaIds?: string[];
}

const key = "chitlaq.outbox";
const listeners = new Set<(sent: Message | null) => void>();
let flushing: Promise<void> | null = null;

function read(): PendingMessage[] {
  try { return JSON.parse(localStorage.getItem(key) ?? "[]") as PendingMessage[]; } catch { return []; }
}
function write(items: PendingMessage[]) { localStorage.setItem(key, JSON.stringify(items)); }

export function pendingFor(conversationId: string) { return read().filter(p => p.conversationId === conversationId); }

/** Told after every change: with the stored message when one was sent. */
export function onOutboxChange(listener: (sent: Message | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function changed(sent: Message | null) { listeners.forEach(listener => listener(sent)); }

export function queue(conversationId: string, text: string, extras: { replyToSeq?: number; mediaIds?: string[] } = {}) {
  write([...read(), { conversationId, clientMessageId: crypto.randomUUID(), text, createdAt: new Date().toISOString(), ...extras }]);
  changed(null);
  void flushOutbox();
}

export function discard(clientMessageId: string) {
  write(read().filter(p => p.clientMessageId !== clientMessageId));
  changed(null);
}

/** Sends what is pending, in order; stops at the first failure that another try may cure (offline, busy). */
export function flushOutbox(): Promise<void> {
  flushing ??= (async () => {
    for (;;) {
      const next = read().find(p => !p.error);
      if (!next) return;
      try {
        const rich = { text: next.text, replyToSeq: next.replyToSeq ?? null, mediaIds: next.mediaIds ?? [] };
        const sent = isConnected()
          ? await invoke<Message>("SendRichMessage", next.conversationId, next.clientMessageId, rich)
          : await post<Message>(`/conversations/${next.conversationId}/messages`, { ...rich, clientMessageId: next.clientMessageId });
        write(read().filter(p => p.clientMessageId !== next.clientMessageId));
        changed(sent);
      } catch (error) {
        const code = error instanceof ApiError ? error.code : /HubException: (\w+):/.exec(String((error as Error)?.message ?? error))?.[1];
        if (code === "rate_limited") { await new Promise(resolve => setTimeout(resolve, 1500)); continue; }
        // Refused for good (too long, a blocked word, no longer a member): keep it visible, marked, for the writer to fix or discard.
        if (code && !["service_unavailable", "internal_error", "unauthorized"].includes(code) && !(error instanceof TypeError)) {
          write(read().map(p => (p.clientMessageId === next.clientMessageId ? { ...p, error: error instanceof ApiError ? error.message : hubErrorText(error) } : p)));
          changed(null);
          continue;
        }
        return; // offline or the server is away: the next reconnect or "online" event tries again
      }
    }
  })().finally(() => { flushing = null; });
  return flushing;
}
