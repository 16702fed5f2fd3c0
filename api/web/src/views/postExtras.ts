// A post's bookmark toggle, and its edit history in a dialog.
import { del, get, post } from "../api";
import { announce, h } from "../dom";
import { icon } from "../icons";
import type { Post } from "../types";

export function bookmarkButton(p: Post): HTMLButtonElement {
  let saved = !!p.bookmarkedByMe;
  const button = h("button", { type: "button", class: "icon bookmark", "aria-pressed": String(saved), "aria-label": "Bookmark", title: "Bookmark" }, icon("bookmark"));
  button.addEventListener("click", async () => {
    try {
      await (saved ? del(`/posts/${p.id}/bookmark`) : post(`/posts/${p.id}/bookmark`));
      saved = !saved;
      button.setAttribute("aria-pressed", String(saved));
      announce(saved ? "Saved to your bookmarks." : "Removed from your bookmarks.");
    } catch (error) { announce((error as Error).message, "error"); }
  });
  return button;
}

export function historyButton(postId: string): HTMLButtonElement {
  return h("button", { type: "button", class: "link edited", title: "See earlier versions", onclick: () => void openHistory(postId) }, " · edited");
}

async function openHistory(postId: string) {
  let versions: { text: string; editedAt: string }[];
  try { versions = await get(`/posts/${postId}/history`); } catch (error) { announce((error as Error).message, "error"); return; }
  const dialog = h("dialog", { class: "dialog", "aria-label": "Edit history" },
    h("h2", { class: "row" }, icon("history"), " Edit history"),
    h("ol", { class: "history" }, ...versions.map((v, i) => h("li", {},
      h("p", { class: "meta" }, `${i === 0 ? "Current" : i === versions.length - 1 ? "Original" : "Earlier"} · ${new Date(v.editedAt).toLocaleString([], { dateStyle: "medium", timeStyle: "short" })}`),
      h("p", {}, v.text)))),
    h("div", { class: "row end" }, h("button", { type: "button", onclick: () => dialog.close() }, "Close")));
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
