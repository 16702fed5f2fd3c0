// Your data (Settings → Your data): a copy of everything to download, and deleting the account
// with a grace period. Linked from the "your data is ready" email too.
import { ApiError, del, download, forgetSession, get, post } from "../api";
import { announce, h, mount } from "../dom";
import { icon } from "../icons";
import { forgetDevice } from "../pwa";
import type { DataExport, Page } from "../types";
import { showErrors } from "./auth";
import { emptyState } from "../ui/states";

/** Kept across the sign-out that a deletion causes, so the sign-in screen can say when the account goes. */
export const deletionNoticeKey = "chitlaq.deletionScheduled";

const when = (iso: string) => new Date(iso).toLocaleString([], { dateStyle: "long", timeStyle: "short" });
const size = (bytes: number | null) => bytes === null ? "" : bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function exportRow(e: DataExport): HTMLElement {
  const status = {
    pending: h("span", { class: "meta" }, "Being prepared… we will email you when it is ready."),
    ready: h("span", { class: "meta" }, `Ready · ${size(e.bytes)} · until ${when(e.expiresAt!)}`),
    failed: h("span", { class: "danger" }, "Could not be prepared. Ask again."),
    expired: h("span", { class: "meta" }, "Expired"),
  }[e.status];
  return h("li", { class: "export-row", "data-export-id": e.id, "data-status": e.status },
    h("div", {}, h("strong", {}, `Asked for ${when(e.requestedAt)}`), h("p", {}, status)),
    e.status === "ready" && e.url ? h("button", { type: "button", class: "primary row", onclick: () => void save(e) }, icon("download"), " Download") : null);
}

async function save(e: DataExport) {
  try {
    const blob = await download(e.url!.replace(/^\/api\/v1/, ""));
    const link = h("a", { href: URL.createObjectURL(blob), download: `chitlaq-data-${e.readyAt!.slice(0, 10)}.zip` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  } catch (error) { announce((error as Error).message, "error"); }
}

function exportSection(cleanups: (() => void)[]): HTMLElement {
  const list = h("ul", { class: "exports", "aria-label": "Your data exports" });
  const ask = h("button", { type: "button", class: "primary row" }, icon("download"), " Ask for a copy of my data");
  const note = h("p", { class: "hint", role: "status" });
  let timer = 0;
  const load = async () => {
    const exports = (await get<Page<DataExport>>("/me/exports")).items;
    mount(list, exports.length ? exports.map(exportRow) : h("li", { class: "empty" }, emptyState("download", "No copies yet", "Ask for a copy of your data; it is usually ready within minutes.")));
    const latest = exports[0];
    const waitsForADay = latest && latest.status !== "failed" && Date.now() - Date.parse(latest.requestedAt) < 24 * 3600_000;
    ask.disabled = Boolean(waitsForADay);
    note.textContent = waitsForADay ? "You can ask for one copy a day." : "";
    window.clearTimeout(timer);
    if (exports.some(e => e.status === "pending")) timer = window.setTimeout(() => void load(), 2000);
  };
  cleanups.push(() => window.clearTimeout(timer));
  ask.addEventListener("click", async () => {
    try {
      await post<DataExport>("/me/export");
      announce("We are preparing your data. It takes a moment; we will email you too.");
    } catch (error) { announce((error as Error).message, "error"); }
    await load();
  });
  void load();
  return h("section", { class: "card data-export" },
    h("h2", { class: "row" }, icon("download"), " Download your data"),
    h("p", {}, "A zip file with your profile, posts, images, follows, blocks, mutes, bookmarks and the messages you sent, as JSON. It can be downloaded for 7 days."),
    ask, note, list);
}

function openDeleteDialog() {
  const form = h("form", { method: "dialog", class: "delete-account-form" },
    h("h2", { class: "row" }, icon("userX"), " Delete your account?"),
    h("p", {}, "You will be signed out on every device now. After 7 days your profile, posts, images, follows, bookmarks and notifications are erased for good; messages you sent stay with the people you sent them to, from “Deleted account”. Your handle will not be given to anyone else."),
    h("p", {}, h("strong", {}, "Changed your mind? "), "Sign in within 7 days and nothing is lost."),
    h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "field" }, h("label", { for: "f-delete-password" }, "Your password"),
      h("input", { id: "f-delete-password", name: "password", type: "password", autocomplete: "current-password", required: true }),
      h("p", { class: "field-error", id: "f-password-error" })),
    h("div", { class: "row end" },
      h("button", { type: "button", value: "cancel", onclick: () => dialog.close() }, "Keep my account"),
      h("button", { type: "submit", class: "danger-button" }, "Delete my account")));
  const dialog = h("dialog", { class: "dialog", "aria-label": "Delete your account" }, form);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const password = (form.querySelector("#f-delete-password") as HTMLInputElement).value;
    try {
      await forgetDevice().catch(() => { /* the server forgets the account's devices too */ });
      const scheduled = await del<{ eraseAt: string }>("/users/me", { password });
      sessionStorage.setItem(deletionNoticeKey, scheduled.eraseAt);
      dialog.close();
      forgetSession(); // the server already ended every session; this one goes to the sign-in screen
    } catch (error) {
      if (error instanceof ApiError && error.code === "invalid_credentials") {
        form.querySelector<HTMLElement>(".form-error")!.textContent = "That password is not right. Your account was not deleted.";
      } else showErrors(form, error);
    }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

export function accountDataView(main: HTMLElement, cleanups: (() => void)[]) {
  mount(main, h("h1", {}, "Your data"),
    h("p", {}, h("a", { href: "/settings", "data-link": true }, "← Settings")),
    exportSection(cleanups),
    h("section", { class: "card delete-account" },
      h("h2", { class: "row" }, icon("userX"), " Delete your account"),
      h("p", {}, "Leaving ChitLaq? Your account is erased 7 days after you ask, unless you sign in again before then."),
      h("button", { type: "button", class: "danger-button", onclick: openDeleteDialog }, "Delete my account…")));
}

/** On the sign-in screen after a deletion: when the account goes, and how to keep it. */
export function deletionNotice(): HTMLElement | null {
  const eraseAt = sessionStorage.getItem(deletionNoticeKey);
  return eraseAt ? h("p", { class: "notice", role: "status" },
    `Your account will be deleted on ${when(eraseAt)}. Sign in before then to keep it.`) : null;
}
