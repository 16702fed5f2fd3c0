// Post cards, the composer, and the home feed with infinite scroll and a "new posts" banner.
import { del, get, post } from "../api";
import { announce, h, mount, timeAgo } from "../dom";
import { on } from "../hub";
import { icon } from "../icons";
import type { Media, Page, Post } from "../types";
import { showErrors } from "./auth";
import { reportButton } from "./report";
import { audienceMark, audiencePicker } from "./audience";
import { bookmarkButton, historyButton } from "./postExtras";

const maxLength = 500;

/** Text with #hashtags and @mentions as links. */
export function richText(text: string): (Node | string)[] {
  const parts: (Node | string)[] = [];
  const pattern = /([#@])([\p{L}\p{N}_]+)/gu;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parts.push(text.slice(last, match.index));
    const href = match[1] === "#" ? `/search?q=${encodeURIComponent("#" + match[2])}&tab=posts` : `/u/${match[2]}`;
    parts.push(h("a", { href, "data-link": true, class: match[1] === "#" ? "tag" : "mention" }, match[0]));
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function postCard(p: Post, me: string | null, onRemoved?: () => void): HTMLElement {
  const shown = p.repostOf ?? p;
  const likes = h("span", {}, String(shown.likeCount));
  let liked = shown.likedByMe;
  const like = h("button", { type: "button", class: "icon", "aria-pressed": String(liked), "aria-label": "Like" }, icon("heart"), " ", likes);
  like.addEventListener("click", async () => {
    try {
      await (liked ? del(`/posts/${shown.id}/like`) : post(`/posts/${shown.id}/like`));
      liked = !liked;
      likes.textContent = String(Number(likes.textContent) + (liked ? 1 : -1));
      like.setAttribute("aria-pressed", String(liked));
    } catch (error) { announce((error as Error).message, "error"); }
  });
  const repost = h("button", { type: "button", class: "icon", "aria-label": "Repost" }, icon("repost"), " ", String(shown.repostCount));
  repost.addEventListener("click", async () => {
    try { await post(`/posts/${shown.id}/repost`); announce("Reposted to your followers."); } catch (error) { announce((error as Error).message, "error"); }
  });
  const reply = h("button", { type: "button", class: "icon", "aria-label": "Reply" }, icon("reply"), " ", String(shown.replyCount));
  const card = h("article", { class: "post", "data-post-id": p.id },
    p.repostOf ? h("p", { class: "meta" }, icon("repost", 14), ` ${p.author.displayName} reposted`) : null,
    h("header", {}, avatar(shown.author.avatarUrl, shown.author.displayName),
      h("a", { href: `/u/${shown.author.handle}`, "data-link": true, class: "author" }, shown.author.displayName),
      h("span", { class: "meta" }, ` @${shown.author.handle} · ${timeAgo(shown.createdAt)}`),
      shown.author.locked ? h("span", { class: "audience-mark", title: "Locked account", "aria-label": "Locked account", role: "img" }, icon("lock", 14)) : null,
      audienceMark(shown.audience), shown.editedAt ? historyButton(shown.id) : null),
    h("p", { class: "text" }, ...richText(shown.text)),
    shown.media.length ? h("div", { class: "media" }, ...shown.media.map(imageOf)) : null,
    h("footer", {}, reply, repost, like, me ? bookmarkButton(shown) : null,
      me === p.author.id ? h("button", { type: "button", class: "icon danger", "aria-label": "Delete", onclick: async () => {
        if (!confirm("Delete this post?")) return;
        try { await del(`/posts/${p.id}`); card.remove(); onRemoved?.(); } catch (error) { announce((error as Error).message, "error"); }
      } }, icon("trash")) : null,
      me && me !== shown.author.id ? reportButton({ kind: "post", id: shown.id }) : null));
  const warnings = [...(p.filtered ?? []), ...(p.repostOf?.filtered ?? [])];
  if (warnings.length > 0) hideBehindWarning(card, [...new Set(warnings.map(w => w.phrase))]);
  reply.addEventListener("click", () => {
    if (card.querySelector("form")) return;
    card.append(composer(me, "Reply", () => { announce("Reply posted."); reply.lastChild!.textContent = String(shown.replyCount + 1); }, shown.id));
  });
  return card;
}

/** A warn filter matched: the card shows only what matched, until the reader chooses to see it. */
function hideBehindWarning(card: HTMLElement, phrases: string[]) {
  const content = [...card.children] as HTMLElement[];
  content.forEach(child => (child.hidden = true));
  const show = h("button", { type: "button", class: "link" }, "Show anyway");
  const cover = h("div", { class: "filtered", role: "note" }, icon("filter"),
    h("span", {}, ` Matches your filter ${phrases.map(p => `“${p}”`).join(", ")}. `), show);
  show.addEventListener("click", () => { cover.remove(); content.forEach(child => (child.hidden = false)); });
  card.prepend(cover);
}

export function avatar(url: string | null | undefined, name: string) {
  return url ? h("img", { class: "avatar", src: url, alt: "", width: 32, height: 32 })
    : h("span", { class: "avatar", "aria-hidden": "true" }, name.slice(0, 1).toUpperCase());
}

function imageOf(m: Media) {
  return h("a", { href: m.url, target: "_blank", rel: "noopener" },
    h("img", { src: m.feedUrl ?? m.url, alt: "Image attached to the post", loading: "lazy", width: Math.min(400, m.width), height: Math.round(Math.min(400, m.width) * m.height / m.width) }));
}

/** The post box: live character count, highlighted tags and mentions, up to four images. */
export function composer(me: string | null, label: string, onPosted: (p: Post) => void, replyToId?: string): HTMLFormElement {
  const text = h("textarea", { name: "text", rows: 3, maxlength: maxLength, "aria-label": label === "Post" ? "What's happening on campus?" : "Your reply", placeholder: "What's happening on campus?" });
  const counter = h("span", { class: "counter", "aria-live": "polite" }, `0 / ${maxLength}`);
  const preview = h("p", { class: "preview", "aria-hidden": "true" });
  const files = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp,image/gif", multiple: true, "aria-label": "Add images" });
  // A reply's audience follows what it answers (never wider), so only new posts choose one.
  const audience = replyToId ? null : audiencePicker();
  const form = h("form", { class: "composer" }, h("p", { class: "form-error", role: "alert" }), text, preview,
    h("div", { class: "row" }, files, audience, counter, h("button", { type: "submit", class: "primary" }, label)));
  text.addEventListener("input", () => {
    counter.textContent = `${text.value.length} / ${maxLength}`;
    counter.classList.toggle("over", text.value.length > maxLength - 20);
    mount(preview, ...richText(text.value));
  });
  form.addEventListener("submit", async event => {
    event.preventDefault();
    if (!me) { announce("Sign in to post.", "error"); return; }
    const button = form.querySelector("button")!;
    button.disabled = true;
    try {
      const mediaIds: string[] = [];
      for (const file of Array.from(files.files ?? []).slice(0, 4)) {
        const data = new FormData();
        data.append("file", file);
        mediaIds.push((await post<Media>("/media", data)).id);
      }
      const created = await post<Post>("/posts", { text: text.value, replyToId, mediaIds, audience: audience?.value });
      text.value = ""; files.value = ""; counter.textContent = `0 / ${maxLength}`; mount(preview);
      onPosted(created);
    } catch (error) { showErrors(form, error); } finally { button.disabled = false; }
  });
  return form;
}

/** A paged list of posts that loads more as the reader nears its end. */
export function postList(path: string, me: string | null): { element: HTMLElement; reload: () => Promise<void>; prepend: (p: Post) => void; has: (id: string) => boolean } {
  const list = h("div", { class: "posts", role: "feed", "aria-busy": "false" });
  const sentinel = h("div", { class: "sentinel" });
  const wrapper = h("div", {}, list, sentinel);
  let cursor: string | null = null, done = false, loading = false;
  const seen = new Set<string>();
  async function more() {
    if (loading || done) return;
    loading = true; list.setAttribute("aria-busy", "true");
    try {
      const page = await get<Page<Post>>(path + (path.includes("?") ? "&" : "?") + "limit=20" + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
      for (const item of page.items) if (!seen.has(item.id)) { seen.add(item.id); list.append(postCard(item, me)); }
      cursor = page.nextCursor; done = cursor === null;
      if (done && seen.size === 0) list.append(h("p", { class: "empty" }, "Nothing here yet."));
    } catch (error) { announce((error as Error).message, "error"); done = true; }
    finally { loading = false; list.setAttribute("aria-busy", "false"); }
  }
  new IntersectionObserver(entries => { if (entries.some(e => e.isIntersecting)) void more(); }).observe(sentinel);
  return {
    element: wrapper,
    reload: async () => { cursor = null; done = false; seen.clear(); list.replaceChildren(); await more(); },
    prepend: p => { if (!seen.has(p.id)) { seen.add(p.id); list.prepend(postCard(p, me)); list.querySelector(".empty")?.remove(); } },
    has: id => seen.has(id),
  };
}

export function homeView(main: HTMLElement, me: string | null, cleanups: (() => void)[]) {
  const feed = postList("/feed/home", me);
  const banner = h("button", { type: "button", class: "banner", hidden: true }, "");
  const pending = new Set<string>();
  banner.addEventListener("click", async () => { pending.clear(); banner.hidden = true; await feed.reload(); });
  cleanups.push(on("feed", (event: { postId: string }) => {
    // Counted once per post, and not at all when it is already on screen (e.g. one's own post).
    if (feed.has(event.postId)) return;
    pending.add(event.postId);
    banner.textContent = pending.size === 1 ? "1 new post" : `${pending.size} new posts`;
    banner.hidden = false;
  }));
  mount(main, h("h1", { class: "visually-hidden" }, "Home"), composer(me, "Post", created => feed.prepend(created)), banner, feed.element);
  void feed.reload();
}
