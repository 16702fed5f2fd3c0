// Post cards, the composer (inline on wide screens, a sheet on phones), and the home feed with
// infinite scroll and a "new posts" banner.
import { del, get, post } from "../api";
import { announce, h, mount } from "../dom";
import { on, onReconnected } from "../hub";
import { icon } from "../icons";
import type { Page, Post, User } from "../types";
import { showErrors } from "./auth";
import { reportButton } from "./report";
import { audienceMark, audiencePicker } from "./audience";
import { bookmarkButton, historyButton } from "./postExtras";
import { avatar } from "../ui/avatar";
import { timeAgo } from "../ui/time";
import { imageGrid } from "../ui/lightbox";
import { attachmentPicker } from "../ui/attachments";
import { emptyState, errorState, skeleton } from "../ui/states";

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
    // The count is part of each button's name ("Like 3"): what is seen is what a screen reader says.
  const like = h("button", { type: "button", class: "icon like", "aria-pressed": String(liked) }, icon("heart"), h("span", { class: "visually-hidden" }, "Like"), likes);
  like.addEventListener("click", async () => {
    try {
      await (liked ? del(`/posts/${shown.id}/like`) : post(`/posts/${shown.id}/like`));
      liked = !liked;
      likes.textContent = String(Number(likes.textContent) + (liked ? 1 : -1));
      like.setAttribute("aria-pressed", String(liked));
    } catch (error) { announce((error as Error).message, "error"); }
  });
  const repost = h("button", { type: "button", class: "icon" }, icon("repost"), h("span", { class: "visually-hidden" }, "Repost"), h("span", {}, String(shown.repostCount)));
  repost.addEventListener("click", async () => {
    try { await post(`/posts/${shown.id}/repost`); announce("Reposted to your followers."); } catch (error) { announce((error as Error).message, "error"); }
  });
  const replyCount = h("span", {}, String(shown.replyCount));
  const reply = h("button", { type: "button", class: "icon" }, icon("reply"), h("span", { class: "visually-hidden" }, "Reply"), replyCount);
  const profile = `/u/${shown.author.handle}`;
  const describe = (i: number) => shown.media.length > 1
    ? `Image ${i + 1} of ${shown.media.length} in ${shown.author.displayName}'s post` : `Image in ${shown.author.displayName}'s post`;
  const card = h("article", { class: "post", "data-post-id": p.id, "aria-label": `Post by ${shown.author.displayName}` },
    p.repostOf ? h("p", { class: "meta repost-note" }, icon("repost", 14), `${p.author.displayName} reposted`) : null,
    h("a", { href: profile, "data-link": true, class: "post-avatar", tabindex: -1, "aria-hidden": "true" }, avatar(shown.author, 44)),
    h("header", {},
      h("a", { href: profile, "data-link": true, class: "author" }, shown.author.displayName),
      h("span", { class: "meta" }, `@${shown.author.handle}`), h("span", { class: "meta", "aria-hidden": "true" }, "·"),
      h("span", { class: "meta" }, timeAgo(shown.createdAt)),
      shown.author.locked ? h("span", { class: "audience-mark", title: "Locked account", "aria-label": "Locked account", role: "img" }, icon("lock", 14)) : null,
      audienceMark(shown.audience), shown.editedAt ? historyButton(shown.id) : null),
    shown.text ? h("p", { class: "text" }, ...richText(shown.text)) : null,
    shown.media.length ? imageGrid(shown.media, describe) : null,
    h("footer", {}, reply, repost, like, me ? bookmarkButton(shown) : null,
      me === p.author.id ? h("button", { type: "button", class: "icon danger", "aria-label": "Delete", title: "Delete", onclick: async () => {
        if (!confirm("Delete this post?")) return;
        try { await del(`/posts/${p.id}`); card.remove(); onRemoved?.(); } catch (error) { announce((error as Error).message, "error"); }
      } }, icon("trash")) : null,
      me && me !== shown.author.id ? reportButton({ kind: "post", id: shown.id }) : null));
  const warnings = [...(p.filtered ?? []), ...(p.repostOf?.filtered ?? [])];
  if (warnings.length > 0) hideBehindWarning(card, [...new Set(warnings.map(w => w.phrase))]);
  reply.addEventListener("click", () => {
    if (card.querySelector("form")) return;
    const form = composer(me, "Reply", () => { announce("Reply posted."); replyCount.textContent = String(Number(replyCount.textContent) + 1); form.remove(); }, shown.id);
    card.append(form);
    form.querySelector("textarea")?.focus();
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

/** The signed-in student (set by the shell), for the composer's picture. */
function myself(id: string): Pick<User, "displayName"> & Partial<User> {
  const data = document.body.dataset;
  return { id, displayName: data.meName ?? "You", avatarUrl: data.meAvatar || null };
}

/**
 * The post box: live character count, highlighted tags and mentions, up to four images with
 * previews, upload progress and remove, and (for new posts) who may see it.
 */
export function composer(me: string | null, label: string, onPosted: (p: Post) => void, replyToId?: string, idPrefix = "post"): HTMLFormElement {
  const isPost = label === "Post";
  const text = h("textarea", { name: "text", rows: 3, maxlength: maxLength, "aria-label": isPost ? "What's happening on campus?" : "Your reply", placeholder: isPost ? "What's happening on campus?" : "Write your reply" });
  const counter = h("span", { class: "counter", "aria-live": "polite" }, `0 / ${maxLength}`);
  const preview = h("p", { class: "preview", "aria-hidden": "true" });
  const submit = h("button", { type: "submit", class: "primary" }, label);
  const images = attachmentPicker(`${idPrefix}-images-${replyToId ?? "new"}`, { label: "Add images", onChange: () => { submit.disabled = images.busy(); } });
  // A reply's audience follows what it answers (never wider), so only new posts choose one.
  const audience = replyToId ? null : audiencePicker();
  const form = h("form", { class: "composer" }, h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "composer-body" }, me ? avatar(myself(me), 40) : null, h("div", { class: "grow" }, text, preview, images.previews)),
    h("div", { class: "toolbar" }, images.button, images.input, audience, counter, submit));
  text.addEventListener("input", () => {
    counter.textContent = `${text.value.length} / ${maxLength}`;
    counter.classList.toggle("over", text.value.length > maxLength - 20);
    mount(preview, ...richText(text.value));
  });
  form.addEventListener("submit", async event => {
    event.preventDefault();
    if (!me) { announce("Sign in to post.", "error"); return; }
    submit.disabled = true;
    try {
      await images.settled(); // images chosen a moment ago may still be on their way
      const created = await post<Post>("/posts", { text: text.value, replyToId, mediaIds: images.mediaIds(), audience: audience?.value });
      text.value = ""; images.clear(); counter.textContent = `0 / ${maxLength}`; mount(preview);
      onPosted(created);
    } catch (error) { showErrors(form, error); } finally { submit.disabled = false; }
  });
  return form;
}

/** On a phone the composer opens as a sheet from the bottom, over the feed. */
function composeSheet(me: string | null, onPosted: (p: Post) => void): HTMLDialogElement {
  const dialog = h("dialog", { class: "sheet", "aria-labelledby": "compose-title" });
  const form = composer(me, "Post", created => { dialog.close(); onPosted(created); }, undefined, "sheet");
  mount(dialog, h("div", { class: "sheet-head" }, h("h2", { id: "compose-title" }, "New post"),
    h("button", { type: "button", class: "icon", "aria-label": "Close", onclick: () => dialog.close() }, icon("close", 22))), form);
  dialog.addEventListener("close", () => dialog.remove());
  dialog.addEventListener("click", event => { if (event.target === dialog) dialog.close(); });
  return dialog;
}

/** A paged list of posts that loads more as the reader nears its end; skeletons, empty and error states. */
export function postList(path: string, me: string | null, empty: () => HTMLElement = () => emptyState("inbox", "Nothing here yet")): {
  element: HTMLElement; reload: () => Promise<void>; prepend: (p: Post) => void; has: (id: string) => boolean;
} {
  // role=feed holds only the posts (articles); loading, empty and error states sit beside it.
  const list = h("div", { class: "posts", role: "feed", "aria-busy": "false" });
  const state = h("div", { class: "list-state" });
  const sentinel = h("div", { class: "sentinel" });
  const wrapper = h("div", {}, state, list, sentinel);
  let cursor: string | null = null, done = false, loading = false;
  const seen = new Set<string>();
  async function more() {
    if (loading || done) return;
    loading = true; list.setAttribute("aria-busy", "true");
    try {
      const page = await get<Page<Post>>(path + (path.includes("?") ? "&" : "?") + "limit=20" + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
      state.replaceChildren();
      for (const item of page.items) if (!seen.has(item.id)) { seen.add(item.id); list.append(postCard(item, me)); }
      cursor = page.nextCursor; done = cursor === null;
      if (done && seen.size === 0) state.append(empty());
    } catch (error) {
      state.replaceChildren();
      done = true;
      if (seen.size === 0) state.append(errorState((error as Error).message, () => void reload()));
      else announce((error as Error).message, "error");
    } finally { loading = false; list.setAttribute("aria-busy", "false"); }
  }
  const reload = async () => { cursor = null; done = false; seen.clear(); list.replaceChildren(); state.replaceChildren(skeleton("post", 3)); await more(); };
  new IntersectionObserver(entries => { if (entries.some(e => e.isIntersecting)) void more(); }).observe(sentinel);
  return {
    element: wrapper,
    reload,
    prepend: p => { if (!seen.has(p.id)) { seen.add(p.id); list.prepend(postCard(p, me)); state.replaceChildren(); } },
    has: id => seen.has(id),
  };
}

export function homeView(main: HTMLElement, me: string | null, cleanups: (() => void)[]) {
  const feed = postList("/feed/home", me, () => emptyState("users", "Your feed is quiet", "Follow classmates and clubs to see their posts here.",
    h("a", { href: "/explore", "data-link": true, class: "button primary" }, icon("explore", 18), "Find people to follow")));
  const banner = h("button", { type: "button", class: "banner", hidden: true }, "");
  const pending = new Set<string>();
  banner.addEventListener("click", async () => { pending.clear(); banner.hidden = true; await feed.reload(); window.scrollTo({ top: 0 }); });
  cleanups.push(on("feed", (event: { postId: string }) => {
    // Counted once per post, and not at all when it is already on screen (e.g. one's own post).
    if (feed.has(event.postId)) return;
    pending.add(event.postId);
    showBanner();
  }));
  function showBanner() {
    if (pending.size === 0) return;
    banner.textContent = pending.size === 1 ? "1 new post" : `${pending.size} new posts`;
    banner.hidden = false;
  }
  // Phones: a button that opens the composer as a sheet; wide screens: the composer above the feed.
  const compose = h("button", { type: "button", class: "primary fab", "aria-label": "New post", title: "New post" }, icon("compose", 24));
  compose.addEventListener("click", () => {
    const sheet = composeSheet(me, created => feed.prepend(created));
    document.body.append(sheet);
    sheet.showModal();
    sheet.querySelector("textarea")?.focus();
  });
  const inline = composer(me, "Post", created => feed.prepend(created));
  inline.classList.add("home-composer");
  mount(main, h("h1", { class: "visually-hidden" }, "Home"), inline, banner, feed.element, compose);
  const loaded = feed.reload();
  // Posts that arrived while the connection was down (or before it was first up) raised no
  // `feed` event: after every (re)connect, the newest page says what is new.
  cleanups.push(onReconnected(async () => {
    await loaded;
    try {
      const newest = await get<Page<Post>>("/feed/home?limit=20");
      for (const p of newest.items) if (!feed.has(p.id)) pending.add(p.id);
      showBanner();
    } catch { /* offline again: the next reconnect asks */ }
  }));
}
