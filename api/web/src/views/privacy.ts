// Privacy: lock the account and choose the default audience (Settings), answer follow requests,
// and read one's bookmarks.
import { get, patch, post } from "../api";
import { announce, h, mount } from "../dom";
import { icon } from "../icons";
import type { Audience, Me, Page, User } from "../types";
import { audiences, setDefaultAudience } from "./audience";
import { postList } from "./posts";
import { avatar } from "../ui/avatar";
import { emptyState, errorState, skeleton } from "../ui/states";

export function privacySettings(me: Me): HTMLElement {
  const lock = h("input", { type: "checkbox", id: "f-locked", checked: me.locked ? true : undefined });
  const audience = h("select", { id: "f-default-audience" },
    ...audiences.map(a => h("option", { value: a.value, selected: a.value === (me.defaultAudience ?? "public") ? true : undefined }, `${a.label} — ${a.hint}`)));
  const save = async (changes: { locked?: boolean; defaultAudience?: Audience }, done: string) => {
    try {
      const updated = await patch<Me>("/users/me", changes);
      Object.assign(me, { locked: updated.locked, defaultAudience: updated.defaultAudience });
      setDefaultAudience(updated.defaultAudience);
      announce(done);
    } catch (error) { announce((error as Error).message, "error"); }
  };
  lock.addEventListener("change", () => void save({ locked: lock.checked },
    lock.checked ? "Your account is locked: new followers need your approval." : "Your account is open: everyone waiting now follows you."));
  audience.addEventListener("change", () => void save({ defaultAudience: audience.value as Audience }, "Default audience saved."));
  return h("section", { class: "card privacy" },
    h("h2", { class: "row" }, icon("lock"), " Privacy"),
    h("label", { class: "choice", for: "f-locked" }, lock, " Lock my account — only followers I approve see my posts"),
    h("div", { class: "field" }, h("label", { for: "f-default-audience" }, "New posts are for"), audience),
    h("p", {}, h("a", { href: "/follow-requests", "data-link": true }, "Follow requests"), " · ",
      h("a", { href: "/bookmarks", "data-link": true }, "Bookmarks")));
}

export async function followRequestsView(main: HTMLElement) {
  const list = h("ul", { class: "requests", "aria-label": "Follow requests" });
  const load = async () => {
    const page = await get<Page<User>>("/follow-requests?limit=100");
    mount(list, page.items.length ? page.items.map(u => {
      const row = h("li", { class: "request-row" }, avatar(u, 44),
        h("a", { href: `/u/${u.handle}`, "data-link": true, class: "grow" }, `${u.displayName} @${u.handle}`), h("span", { class: "meta" }, u.university),
        h("span", { class: "row end" },
          h("button", { type: "button", class: "primary", onclick: () => void answer(u, "approve") }, "Approve"),
          h("button", { type: "button", onclick: () => void answer(u, "reject") }, "Decline")));
      return row;
    }) : h("li", { class: "empty" }, emptyState("users", "No one is waiting", "Requests to follow you appear here.")));
  };
  async function answer(u: User, decision: "approve" | "reject") {
    try {
      await post(`/follow-requests/${u.handle}/${decision}`);
      announce(decision === "approve" ? `${u.displayName} now follows you.` : `Request from ${u.displayName} declined.`);
      await load();
    } catch (error) { announce((error as Error).message, "error"); }
  }
  mount(main, h("h1", {}, "Follow requests"),
    h("p", { class: "hint" }, "Your account is locked: these people asked to see your posts. Declining does not tell them."), list);
  mount(list, h("li", {}, skeleton("row", 3)));
  try { await load(); } catch (error) { mount(list, h("li", {}, errorState((error as Error).message, () => void load()))); }
}

export function bookmarksView(main: HTMLElement, me: Me) {
  const list = postList("/bookmarks", me.id, () => emptyState("bookmark", "No bookmarks yet", "Save a post with its bookmark button to find it here later."));
  mount(main, h("h1", { class: "row" }, icon("bookmark"), " Bookmarks"), h("p", { class: "hint" }, "Only you see what you saved."), list.element);
  void list.reload();
}
