// A student's own moderation decisions, with the appeal form; and the screen a suspended or
// banned account sees (it can read its decisions, appeal, and sign out — nothing else).
import { get, post } from "../api";
import { announce, h, mount } from "../dom";
import { ago } from "../ui/time";
import { icon } from "../icons";
import type { Decision, Me, Page } from "../types";
import { showErrors } from "./auth";
import { emptyState } from "../ui/states";

export const actionWords: Record<string, string> = {
  content_removed: "Content removed", warning: "Warning", limit: "Posting limited", suspension: "Suspended",
  ban: "Banned", dismissed: "Report dismissed", lifted: "Restriction lifted",
};

const appealWords: Record<string, string> = { pending: "Appeal waiting for a moderator", upheld: "Appeal declined", overturned: "Appeal accepted — decision reversed" };

function until(iso: string | null | undefined) {
  return iso ? new Date(iso).toLocaleString([], { dateStyle: "medium", timeStyle: "short" }) : null;
}

function decisionCard(d: Decision, onChanged: (d: Decision) => void): HTMLElement {
  const card = h("article", { class: "card decision", "data-decision-id": d.id },
    h("header", { class: "row" }, icon("shield"), h("strong", {}, actionWords[d.action] ?? d.action),
      h("span", { class: "meta" }, ` · ${ago(d.createdAt)}`), d.until ? h("span", { class: "meta" }, ` · until ${until(d.until)}`) : null),
    h("p", {}, h("span", { class: "meta" }, "Reason: "), d.reason),
    d.appeal ? h("p", { class: `appeal ${d.appeal.status}` }, h("strong", {}, appealWords[d.appeal.status] ?? d.appeal.status),
      d.appeal.reason ? ` — ${d.appeal.reason}` : "", h("br", {}), h("span", { class: "meta" }, `You wrote: “${d.appeal.text}”`)) : null);
  if (d.appealable) {
    const text = h("textarea", { id: `f-text-${d.id}`, name: "text", rows: 3, maxlength: 2000, required: true, placeholder: "Why should a moderator look again?" });
    const form = h("form", { class: "appeal-form" }, h("p", { class: "form-error", role: "alert" }),
      h("div", { class: "field" }, h("label", { for: `f-text-${d.id}` }, "Appeal this decision"), text, h("p", { class: "field-error", id: "f-text-error" })),
      h("p", { class: "hint" }, "One appeal per decision, within 20 days. A different moderator decides it."),
      h("button", { type: "submit", class: "primary" }, "Send appeal"));
    form.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        const changed = await post<Decision>(`/decisions/${d.id}/appeal`, { text: text.value });
        announce("Appeal sent. You will be told the outcome.");
        onChanged(changed);
      } catch (error) { showErrors(form, error); }
    });
    card.append(form);
  }
  return card;
}

async function decisionList(): Promise<HTMLElement> {
  const list = h("div", { class: "decisions" });
  const page = await get<Page<Decision>>("/decisions/mine?limit=50");
  const render = (items: Decision[]) => mount(list, items.length
    ? items.map(d => decisionCard(d, changed => render(items.map(x => (x.id === changed.id ? changed : x)))))
    : emptyState("shield", "Nothing here", "No moderator has made a decision about your account."));
  render(page.items);
  return list;
}

export async function decisionsView(main: HTMLElement) {
  mount(main, h("h1", {}, "Moderation decisions"), h("p", { class: "hint" }, "What moderators decided about your account or content, and your appeals."),
    await decisionList());
}

export async function restrictedView(main: HTMLElement, me: Me) {
  const when = until(me.standingUntil);
  mount(main,
    h("section", { class: "card restricted", role: "alert" },
      h("h1", { class: "row" }, icon("shield", 24), me.standing === "banned" ? " Your account is banned" : " Your account is suspended"),
      h("p", {}, me.standing === "banned" ? "You can no longer post, chat or see ChitLaq with this account."
        : `Until ${when ?? "a moderator lifts it"}, you cannot post, chat or browse. Your profile and posts are hidden.`),
      h("p", {}, "You can read the decision below and appeal it if you think it is wrong.")),
    await decisionList());
}
