// Delivered receipts for messages that reach this tab while their conversation is not open (the
// open one marks them read instead), so senders see two ticks as soon as a device has them.
import { invoke, on } from "./hub";
import type { Me, Message } from "./types";

let openConversation: string | null = null;
let stop: (() => void) | null = null;

/** The conversation on screen (null when none): its messages are read, not only delivered. */
export function setOpenConversation(id: string | null) { openConversation = id; }
export function currentOpenConversation() { return openConversation; }

export function startDeliveryReceipts(me: Me) {
  stop?.(); // once per tab: the newest signed-in user
  stop = on("message", (m: Message) => {
    if (m.sender.id === me.id || m.conversationId === openConversation) return;
    void invoke("MarkDelivered", m.conversationId, m.seq).catch(() => { /* best effort: Resume re-delivers */ });
  });
}
