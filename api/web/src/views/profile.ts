// A profile: follow / block / mute, followers and following, their posts; your own can be edited.
import { del, get, patch, post } from "../api";
import { announce, h, mount } from "../dom";
import type { Me, Media, Page, User } from "../types";
import { showErrors } from "./auth";
import { postList } from "./posts";
import { avatar } from "../ui/avatar";
import { reportButton } from "./report";
import { icon } from "../icons";
import { emptyState, errorState, skeleton } from "../ui/states";

/** Follow, Following, or — for a locked account — Requested until it answers (pressing it again cancels). */
function followButton(user: User): HTMLButtonElement {
  let state: "none" | "following" | "requested" = user.isFollowing ? "following" : user.followRequested ? "requested" : "none";
  const labels = { none: "Follow", following: "Following", requested: "Requested" };
  const button = h("button", { type: "button", class: "follow" }, "");
  const draw = () => { button.textContent = labels[state]; button.setAttribute("aria-pressed", String(state !== "none")); };
  button.addEventListener("click", async () => {
    try {
      if (state !== "none") { await del(`/users/${user.handle}/follow`); state = "none"; }
      else {
        const answer = await post<{ requested?: boolean } | undefined>(`/users/${user.handle}/follow`);
        state = answer?.requested ? "requested" : "following";
        if (state === "requested") announce(`${user.displayName} approves followers. Your request was sent.`);
      }
      draw();
    } catch (error) { announce((error as Error).message, "error"); }
  });
  draw();
  return button;
}

export async function profileView(main: HTMLElement, handle: string, me: Me | null) {
  let user: User;
  mount(main, skeleton("row", 1), skeleton("post", 2));
  try { user = await get<User>(`/users/${encodeURIComponent(handle)}`); }
  catch (error) { mount(main, h("h1", { class: "visually-hidden" }, "Profile"), errorState((error as Error).message, () => void profileView(main, handle, me))); return; }
  const posts = postList(`/users/${user.handle}/posts`, me?.id ?? null, () => emptyState("inbox", "No posts yet"));
  const own = me?.id === user.id;
  const toggle = (label: string, activeLabel: string, active: boolean | undefined, path: string) => {
    let on = !!active;
    const button = h("button", { type: "button", "aria-pressed": String(on) }, on ? activeLabel : label);
    button.addEventListener("click", async () => {
      try {
        await (on ? del(path) : post(path));
        on = !on; button.textContent = on ? activeLabel : label; button.setAttribute("aria-pressed", String(on));
      } catch (error) { announce((error as Error).message, "error"); }
    });
    return button;
  };
  const people = h("section", { class: "people card", hidden: true, "aria-live": "polite" });
  const showPeople = async (which: "followers" | "following") => {
    const heading = h("h2", {}, which === "followers" ? "Followers" : "Following");
    people.hidden = false;
    mount(people, heading, skeleton("row", 3));
    let page: Page<User>;
    try { page = await get<Page<User>>(`/users/${user.handle}/${which}?limit=50`); } catch (error) {
      mount(people, heading, h("p", { class: "hint row" }, icon("lock", 16), " ", (error as Error).message));
      return;
    }
    mount(people, heading, page.items.length
      ? h("ul", { class: "user-list" }, ...page.items.map(u => h("li", { class: "user-row" }, avatar(u, 40),
        h("a", { href: `/u/${u.handle}`, "data-link": true, class: "who" }, h("strong", {}, u.displayName), h("span", { class: "meta" }, `@${u.handle}`)))))
      : emptyState("users", "No one yet"));
  };
  const count = (n: number, word: string) => [h("strong", {}, String(n)), ` ${word}`];
  mount(main,
    h("section", { class: "card profile profile-card" },
      h("div", { class: "profile-cover", "aria-hidden": "true" }),
      h("div", { class: "profile-body" },
        avatar(user, 80),
        h("h1", {}, user.displayName,
          user.locked ? h("span", { class: "audience-mark", title: "Locked account: posts for approved followers", "aria-label": "Locked account", role: "img" }, icon("lock", 18)) : null),
        h("p", { class: "meta" }, `@${user.handle} · ${user.university}${user.major ? " · " + user.major : ""}`,
          user.followsYou ? [" ", h("span", { class: "badge soft" }, "Follows you")] : null),
        user.bio ? h("p", {}, user.bio) : null,
        h("p", { class: "counts" },
          h("button", { type: "button", class: "link", onclick: () => showPeople("followers") }, ...count(user.followersCount, "followers")),
          h("button", { type: "button", class: "link", onclick: () => showPeople("following") }, ...count(user.followingCount, "following")),
          h("span", {}, ...count(user.postsCount, "posts"))),
        me && !own ? h("div", { class: "profile-actions" },
          followButton(user),
          toggle("Mute", "Muted", user.isMuted, `/users/${user.handle}/mute`),
          toggle("Block", "Blocked", user.isBlocked, `/users/${user.handle}/block`),
          reportButton({ kind: "user", id: user.id }, false)) : null,
        own ? editProfile(me!) : null)),
    people,
    h("h2", {}, "Posts"),
    user.locked && !own && !user.isFollowing ? h("p", { class: "hint row" }, icon("lock", 14), " Only approved followers see this account's posts.") : null,
    posts.element);
  void posts.reload();
}

function editProfile(me: Me) {
  const form = h("form", {}, h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "field" }, h("label", { for: "f-displayName" }, "Display name"), h("input", { id: "f-displayName", name: "displayName", value: me.displayName }), h("p", { class: "field-error", id: "f-displayName-error" })),
    h("div", { class: "field" }, h("label", { for: "f-bio" }, "Bio"), h("textarea", { id: "f-bio", name: "bio" }, me.bio ?? ""), h("p", { class: "field-error", id: "f-bio-error" })),
    h("div", { class: "field" }, h("label", { for: "f-major" }, "Major"), h("input", { id: "f-major", name: "major", value: me.major ?? "" }), h("p", { class: "field-error", id: "f-major-error" })),
    h("div", { class: "field" }, h("label", { for: "f-avatar" }, "Avatar"), h("input", { id: "f-avatar", name: "avatar", type: "file", accept: "image/*" }), h("p", { class: "field-error", id: "f-avatarMediaId-error" })),
    h("button", { type: "submit", class: "primary" }, "Save"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      let avatarMediaId: string | undefined;
      const file = data.get("avatar");
      if (file instanceof File && file.size > 0) {
        const upload = new FormData(); upload.append("file", file);
        avatarMediaId = (await post<Media>("/media", upload)).id;
      }
      await patch<Me>("/users/me", { displayName: data.get("displayName"), bio: data.get("bio"), major: data.get("major"), avatarMediaId });
      announce("Profile saved.");
    } catch (error) { showErrors(form, error); }
  });
  return h("details", { class: "edit" }, h("summary", {}, icon("edit", 16), " Edit profile"), form);
}
