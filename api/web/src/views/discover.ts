// Explore, trending (campus / global) and recommendations; search with type-ahead and result tabs.
import { get, post } from "../api";
import { announce, h, mount } from "../dom";
import type { Page, Post, User } from "../types";
import { navigate } from "../router";
import { postList } from "./posts";
import { icon } from "../icons";
import { avatar } from "../ui/avatar";
import { emptyState, errorState, skeleton } from "../ui/states";

interface Trending { hashtags: { tag: string; score: number; postCount: number }[]; posts: Post[]; }
interface Recommendations { users: { user: User; reason: string }[]; posts: Post[]; }

function followButton(user: User) {
  const button = h("button", { type: "button" }, "Follow");
  button.addEventListener("click", async () => {
    try { await post(`/users/${user.handle}/follow`); button.textContent = "Following"; button.disabled = true; }
    catch (error) { announce((error as Error).message, "error"); }
  });
  return button;
}

function userRow(user: User, extra?: string) {
  return h("li", { class: "user-row" }, avatar(user, 44),
    h("a", { href: `/u/${user.handle}`, "data-link": true, class: "who" }, h("strong", {}, user.displayName),
      h("span", { class: "meta" }, `@${user.handle}${extra ? ` · ${extra}` : ""}`)),
    user.isFollowing ? null : followButton(user));
}

export async function exploreView(main: HTMLElement, me: string | null, params: URLSearchParams) {
  const scope = params.get("scope") === "global" ? "global" : "campus";
  const popular = postList("/feed/explore", me, () => emptyState("explore", "No popular posts yet"));
  const trendingBox = h("section", { class: "card" }, h("h2", {}, icon("hash", 18), "Trending"), skeleton("row", 3));
  const recommendationsBox = h("section", { class: "card" }, h("h2", {}, icon("users", 18), "Who to follow"), skeleton("row", 3));
  mount(main, h("h1", {}, "Explore"),
    h("nav", { class: "tabs", "aria-label": "Trending scope" },
      h("a", { href: "/explore?scope=campus", "data-link": true, "aria-current": scope === "campus" ? "page" : undefined }, "Your campus"),
      h("a", { href: "/explore?scope=global", "data-link": true, "aria-current": scope === "global" ? "page" : undefined }, "Everywhere")),
    trendingBox, me ? recommendationsBox : null, h("h2", {}, "Popular posts"), popular.element);
  void popular.reload();
  const fill = (box: HTMLElement, content: HTMLElement) => { box.querySelector(":scope > .skeletons")?.remove(); box.append(content); };
  try {
    const trending = await get<Trending>(`/feed/trending?scope=${scope}`);
    fill(trendingBox, trending.hashtags.length ? h("ol", { class: "trending" }, ...trending.hashtags.map(t =>
      h("li", {}, h("div", { class: "grow" }, h("a", { href: `/search?q=${encodeURIComponent("#" + t.tag)}&tab=posts`, "data-link": true }, `#${t.tag}`),
        h("p", { class: "meta" }, `${t.postCount} posts`)))))
      : emptyState("hash", "Nothing trending yet", "Hashtags your campus uses most today show up here."));
  } catch (error) { fill(trendingBox, errorState((error as Error).message, () => navigate(location.pathname + location.search))); }
  if (me) {
    try {
      const recommendations = await get<Recommendations>("/feed/recommendations");
      fill(recommendationsBox, recommendations.users.length ? h("ul", { class: "user-list" }, ...recommendations.users.map(r => userRow(r.user, r.reason)))
        : emptyState("users", "No suggestions yet", "Follow a few people and we will suggest more."));
    } catch (error) { fill(recommendationsBox, errorState((error as Error).message, () => navigate(location.pathname + location.search))); }
  }
}

export function searchView(main: HTMLElement, me: string | null, params: URLSearchParams) {
  const q = params.get("q") ?? "";
  const tab = params.get("tab") ?? "people";
  const input = h("input", { type: "search", name: "q", value: q, "aria-label": "Search ChitLaq", placeholder: "Search people, posts, #tags", autocomplete: "off", role: "combobox", "aria-expanded": "false", "aria-controls": "suggestions" });
  const suggestions = h("ul", { id: "suggestions", role: "listbox", class: "suggestions", hidden: true });
  const results = h("section", { "aria-live": "polite" });
  const form = h("form", { role: "search", class: "search" }, h("div", { class: "search-field" }, icon("search", 18), input), h("button", { type: "submit", class: "primary" }, "Search"), suggestions);
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      if (input.value.trim().length === 0) { suggestions.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
      try {
        const found = await get<{ users: User[]; hashtags: { tag: string; postCount: number }[] }>(`/search/suggestions?q=${encodeURIComponent(input.value)}`);
        mount(suggestions,
          ...found.users.map(u => h("li", { role: "option" }, h("a", { href: `/u/${u.handle}`, "data-link": true }, avatar(u, 28), `${u.displayName} @${u.handle}`))),
          ...found.hashtags.map(t => h("li", { role: "option" }, h("a", { href: `/search?q=${encodeURIComponent("#" + t.tag)}&tab=posts`, "data-link": true }, icon("hash", 18), `#${t.tag} (${t.postCount})`))));
        suggestions.hidden = suggestions.childElementCount === 0;
        input.setAttribute("aria-expanded", String(!suggestions.hidden));
      } catch { suggestions.hidden = true; }
    }, 150);
  });
  form.addEventListener("submit", event => { event.preventDefault(); navigate(`/search?q=${encodeURIComponent(input.value)}&tab=${tab}`); });
  const tabs = h("nav", { class: "tabs", "aria-label": "Result kind" }, ...["people", "posts", "hashtags"].map(t =>
    h("a", { href: `/search?q=${encodeURIComponent(q)}&tab=${t}`, "data-link": true, "aria-current": t === tab ? "page" : undefined }, t[0].toUpperCase() + t.slice(1))));
  mount(main, h("h1", {}, "Search"), form, q ? tabs : null, results);
  if (!q) { mount(results, emptyState("search", "Find people, posts and hashtags", "Type a name, a @handle, a word or a #tag.")); return; }
  if (tab === "posts") {
    const found = postList(`/search/posts?q=${encodeURIComponent(q)}`, me, () => emptyState("search", "No posts found", `Nothing matches “${q}”.`));
    mount(results, found.element);
    void found.reload();
    return;
  }
  mount(results, skeleton("row", 4));
  void (async () => {
    try {
      if (tab === "hashtags") {
        const page = await get<Page<{ tag: string; postCount: number }>>(`/search/hashtags?q=${encodeURIComponent(q.replace(/^#/, ""))}`);
        mount(results, page.items.length ? h("ol", { class: "trending" }, ...page.items.map(t => h("li", {}, h("div", { class: "grow" },
          h("a", { href: `/search?q=${encodeURIComponent("#" + t.tag)}&tab=posts`, "data-link": true }, `#${t.tag}`), h("p", { class: "meta" }, `${t.postCount} posts`)))))
          : emptyState("hash", "No hashtags found", `No tag matches “${q}”.`));
      } else {
        const page = await get<Page<User>>(`/search/users?q=${encodeURIComponent(q)}`);
        mount(results, page.items.length ? h("ul", { class: "user-list" }, ...page.items.map(u => userRow(u))) : emptyState("users", "No one found", `No student matches “${q}”.`));
      }
    } catch (error) { mount(results, errorState((error as Error).message, () => navigate(location.pathname + location.search))); }
  })();
}

