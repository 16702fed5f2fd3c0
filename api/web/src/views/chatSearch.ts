// Search in chats (GET /search/messages): words, "phrases" and from:handle over the student's
// own conversations; each hit opens its conversation at that message.
import { get } from "../api";
import { announce, h, mount } from "../dom";
import { ago } from "../ui/time";
import { icon } from "../icons";
import type { Message, Page } from "../types";

export function messageSearch(): HTMLElement {
  const input = h("input", { type: "search", name: "q", "aria-label": "Search your messages", placeholder: "Search your messages (words, \"phrases\", from:handle)" });
  const results = h("ol", { class: "message-results", "aria-label": "Messages found" });
  const form = h("form", { class: "row message-search", role: "search" }, icon("search"), input, h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) { mount(results); return; }
    try {
      const found = (await get<Page<Message>>(`/search/messages?q=${encodeURIComponent(q)}`)).items;
      mount(results, found.length ? found.map(m => h("li", {}, h("a", { href: `/chat/${m.conversationId}#seq-${m.seq}`, "data-link": true },
        h("strong", {}, m.sender.displayName), ` ${m.text}`, h("span", { class: "meta" }, ` · ${ago(m.sentAt)}`))))
        : h("li", { class: "empty" }, "No messages found."));
    } catch (error) { announce((error as Error).message, "error"); }
  });
  return h("section", { class: "card chat-search" }, form, results);
}
