// Explore, trending (campus / global) and recommendations; search with type-ahead and result tabs.
import { get, post } from "../api";
import { announce, h, mount } from "../dom";
import type { Page, Post, User } from "../types";
import { navigate } from "../router";
import { postList } from "./posts";

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
  return h("li", { class: "user-row" }, h("a", { href: `/u/${user.handle}`, "data-link": true }, `${user.displayName} `, h("span", { class: "meta" }, `@${user.handle}`)),
    extra ? h("span", { class: "meta" }, ` · ${extra}`) : null, user.isFollowing ? null : followButton(user));
}

export async function exploreView(main: HTMLElement, me: string | null, params: URLSearchParams) {
  const scope = params.get("scope") === "global" ? "global" : "campus";
  const trendingBox = h("section", { class: "card" }, h("h2", {}, "Trending"));
  const recommendationsBox = h("section", { class: "card" }, h("h2", {}, "Who to follow"));
  mount(main, h("h1", {}, "Explore"),
    h("nav", { class: "tabs", "aria-label": "Trending scope" },
      h("a", { href: "/explore?scope=campus", "data-link": true, "aria-current": scope === "campus" ? "page" : undefined }, "Your campus"),
      h("a", { href: "/explore?scope=global", "data-link": true, "aria-current": scope === "global" ? "page" : undefined }, "Everywhere")),
    trendingBox, me ? recommendationsBox : null, h("h2", {}, "Popular posts"), postList("/feed/explore", me).element);
  try {
    const trending = await get<Trending>(`/feed/trending?scope=${scope}`);
    trendingBox.append(trending.hashtags.length ? h("ol", {}, ...trending.hashtags.map(t =>
      h("li", {}, h("a", { href: `/search?q=${encodeURIComponent("#" + t.tag)}&tab=posts`, "data-link": true }, `#${t.tag}`), h("span", { class: "meta" }, ` · ${t.postCount} posts`))))
      : h("p", {}, "Nothing trending yet."));
    if (me) {
      const recommendations = await get<Recommendations>("/feed/recommendations");
      recommendationsBox.append(recommendations.users.length ? h("ul", {}, ...recommendations.users.map(r => userRow(r.user, r.reason))) : h("p", {}, "No suggestions yet."));
    }
  } catch (error) { announce((error as Error).message, "error"); }
}

export function searchView(main: HTMLElement, me: string | null, params: URLSearchParams) {
  const q = params.get("q") ?? "";
  const tab = params.get("tab") ?? "people";
  const input = h("input", { type: "search", name: "q", value: q, "aria-label": "Search ChitLaq", placeholder: "Search people, posts, #tags", autocomplete: "off", role: "combobox", "aria-expanded": "false", "aria-controls": "suggestions" });
  const suggestions = h("ul", { id: "suggestions", role: "listbox", class: "suggestions", hidden: true });
  const results = h("section", { "aria-live": "polite" });
  const form = h("form", { role: "search", class: "search" }, input, h("button", { type: "submit" }, "Search"), suggestions);
  let timer = 0;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      if (input.value.trim().length === 0) { suggestions.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
      try {
        const found = await get<{ users: User[]; hashtags: { tag: string; postCount: number }[] }>(`/search/suggestions?q=${encodeURIComponent(input.value)}`);
        mount(suggestions,
          ...found.users.map(u => h("li", { role: "option" }, h("a", { href: `/u/${u.handle}`, "data-link": true }, `${u.displayName} @${u.handle}`))),
          ...found.hashtags.map(t => h("li", { role: "option" }, h("a", { href: `/search?q=${encodeURIComponent("#" + t.tag)}&tab=posts`, "data-link": true }, `#${t.tag} (${t.postCount})`))));
        suggestions.hidden = suggestions.childElementCount === 0;
        input.setAttribute("aria-expanded", String(!suggestions.hidden));
      } catch { suggestions.hidden = true; }
    }, 150);
  });
  form.addEventListener("submit", event => { event.preventDefault(); navigate(`/search?q=${encodeURIComponent(input.value)}&tab=${tab}`); });
  const tabs = h("nav", { class: "tabs", "aria-label": "Result kind" }, ...["people", "posts", "hashtags"].map(t =>
    h("a", { href: `/search?q=${encodeURIComponent(q)}&tab=${t}`, "data-link": true, "aria-current": t === tab ? "page" : undefined }, t[0].toUpperCase() + t.slice(1))));
  mount(main, h("h1", {}, "Search"), form, q ? tabs : null, results);
  if (!q) return;
  if (tab === "posts") { mount(results, postList(`/search/posts?q=${encodeURIComponent(q)}`, me).element); return; }
  void (async () => {
    try {
      if (tab === "hashtags") {
        const page = await get<Page<{ tag: string; postCount: number }>>(`/search/hashtags?q=${encodeURIComponent(q.replace(/^#/, ""))}`);
        mount(results, page.items.length ? h("ul", {}, ...page.items.map(t => h("li", {}, h("a", { href: `/search?q=${encodeURIComponent("#" + t.tag)}&tab=posts`, "data-link": true }, `#${t.tag}`), ` · ${t.postCount} posts`))) : h("p", {}, "No hashtags found."));
      } else {
        const page = await get<Page<User>>(`/search/users?q=${encodeURIComponent(q)}`);
        mount(results, page.items.length ? h("ul", {}, ...page.items.map(u => userRow(u))) : h("p", {}, "No one found."));
      }
    } catch (error) { mount(results, h("p", { role: "alert" }, (error as Error).message)); }
  })();
}

