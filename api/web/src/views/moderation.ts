// The moderators' screen: the report queue of their university (admins: everyone's), appeals
// waiting for a second moderator, the server's keyword rules and the audit log.
import { del, get, post } from "../api";
import { announce, h, mount } from "../dom";
import { ago } from "../ui/time";
import { icon } from "../icons";
import type { AuditEntry, Decision, KeywordRule, Me, Page, Report, ReportCase } from "../types";
import { showErrors } from "./auth";
import { actionWords } from "./decisions";
import { categories } from "./report";
import { emptyState } from "../ui/states";

const categoryWords = Object.fromEntries(categories);
const tabs: [string, string][] = [["reports", "Reports"], ["appeals", "Appeals"], ["rules", "Keyword rules"], ["audit", "Audit log"]];

export async function moderationView(main: HTMLElement, me: Me, params: URLSearchParams) {
  const tab = tabs.some(([id]) => id === params.get("tab")) ? params.get("tab")! : "reports";
  const body = h("div", {});
  mount(main, h("h1", { class: "row" }, icon("shield", 24), " Moderation"),
    h("nav", { class: "tabs", "aria-label": "Moderation" }, ...tabs.map(([id, text]) =>
      h("a", { href: `/moderation?tab=${id}`, "data-link": true, "aria-current": id === tab ? "page" : undefined }, text))),
    body);
  if (tab === "reports") await reportsTab(body, params.get("status"));
  else if (tab === "appeals") await appealsTab(body);
  else if (tab === "rules") await rulesTab(body, me.roles.includes("admin"));
  else await auditTab(body);
}

async function reportsTab(body: HTMLElement, status: string | null) {
  const chooser = h("select", { "aria-label": "Show reports", onchange: () => void load() },
    h("option", { value: "" }, "Open and assigned"), h("option", { value: "open" }, "Open"),
    h("option", { value: "assigned" }, "Assigned"), h("option", { value: "resolved" }, "Resolved"));
  chooser.value = status ?? "";
  const list = h("div", { class: "reports" });
  async function load() {
    const page = await get<Page<Report>>(`/moderation/reports?limit=50${chooser.value ? `&status=${chooser.value}` : ""}`);
    mount(list, page.items.length ? page.items.map(r => reportCard(r, () => void load())) : emptyState("shield", "No reports here", "Nice and quiet."));
  }
  mount(body, h("div", { class: "row" }, chooser), list);
  await load();
}

function who(user: { handle: string; displayName: string } | null | undefined) {
  return user ? h("a", { href: `/u/${user.handle}`, "data-link": true }, `${user.displayName} @${user.handle}`) : h("span", {}, "someone");
}

function reportCard(r: Report, changed: () => void): HTMLElement {
  const details = h("div", { class: "case" });
  const act = async (path: string, payload?: unknown) => {
    try { await post(`/moderation/reports/${r.id}/${path}`, payload); changed(); } catch (error) { announce((error as Error).message, "error"); }
  };
  const card = h("article", { class: `card report ${r.status}`, "data-report-id": r.id },
    h("header", { class: "row" }, icon("flag"), h("strong", {}, categoryWords[r.category] ?? r.category),
      h("span", { class: "meta" }, ` · ${r.subject.kind} · ${ago(r.createdAt)} · ${r.status}`),
      r.assignee ? h("span", { class: "meta" }, ` · taken by @${r.assignee.handle}`) : null),
    h("p", {}, "About ", who(r.reportedUser), " — reported by ", r.reporter ? who(r.reporter) : h("em", {}, "a keyword rule")),
    r.comment ? h("p", { class: "comment" }, `“${r.comment}”`) : null,
    h("blockquote", { class: "snapshot" }, r.snapshot.text || h("em", {}, "(no text)")),
    r.resolution ? h("p", { class: "meta" }, `Resolved: ${actionWords[r.resolution.action] ?? r.resolution.action} — ${r.resolution.reason}`) : null,
    h("div", { class: "row" },
      r.status === "open" ? h("button", { type: "button", onclick: () => act("assign") }, "Take it") : null,
      r.status === "resolved" ? h("button", { type: "button", onclick: () => act("reopen") }, "Reopen") : null,
      h("button", { type: "button", onclick: async () => {
        try { showCase(details, await get<ReportCase>(`/moderation/reports/${r.id}`)); } catch (error) { announce((error as Error).message, "error"); }
      } }, "History")),
    details,
    r.status !== "resolved" ? resolveForm(r, changed) : null);
  return card;
}

function showCase(target: HTMLElement, found: ReportCase) {
  mount(target,
    h("h3", {}, "Earlier decisions about this user"),
    found.earlierDecisions.length ? h("ul", {}, ...found.earlierDecisions.map(d =>
      h("li", {}, `${actionWords[d.action] ?? d.action} — ${d.reason} (${ago(d.createdAt)})`))) : h("p", { class: "meta" }, "None."),
    h("h3", {}, "Other open reports about them"),
    found.otherOpenReports.length ? h("ul", {}, ...found.otherOpenReports.map(o =>
      h("li", {}, `${categoryWords[o.category] ?? o.category}: “${o.snapshot.text ?? ""}”`))) : h("p", { class: "meta" }, "None."));
}

function resolveForm(r: Report, changed: () => void): HTMLFormElement {
  const removable = r.subject.kind === "post" || r.subject.kind === "message";
  const actions: [string, string][] = [["dismissed", "Dismiss — nothing wrong"], ...(removable ? [["content_removed", "Remove the content"] as [string, string]] : []),
    ["warning", "Warn the user"], ["limit", "Limit (read-only) for a time"], ["suspension", "Suspend for a time"], ["ban", "Ban"]];
  const action = h("select", { name: "action", id: `f-action-${r.id}` }, ...actions.map(([value, text]) => h("option", { value }, text)));
  const hours = h("input", { type: "number", name: "durationHours", id: `f-hours-${r.id}`, min: 1, max: 8760, value: 24 });
  const hoursField = h("div", { class: "field", hidden: true }, h("label", { for: `f-hours-${r.id}` }, "For how many hours"), hours,
    h("p", { class: "field-error", id: "f-durationHours-error" }));
  action.addEventListener("change", () => (hoursField.hidden = !["limit", "suspension"].includes(action.value)));
  const form = h("form", { class: "resolve" }, h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "field" }, h("label", { for: `f-action-${r.id}` }, "Decision"), action, h("p", { class: "field-error", id: "f-action-error" })),
    hoursField,
    h("div", { class: "field" }, h("label", { for: `f-reason-${r.id}` }, "Reason (the user reads this)"),
      h("textarea", { name: "reason", id: `f-reason-${r.id}`, rows: 2, maxlength: 1000 }), h("p", { class: "field-error", id: "f-reason-error" })),
    h("button", { type: "submit", class: "primary" }, "Resolve"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await post(`/moderation/reports/${r.id}/resolve`, {
        action: data.get("action"), reason: data.get("reason"),
        durationHours: hoursField.hidden ? null : Number(data.get("durationHours")),
      });
      announce("Resolved. The decision is in effect.");
      changed();
    } catch (error) { showErrors(form, error); }
  });
  return form;
}

async function appealsTab(body: HTMLElement) {
  const page = await get<Page<Decision>>("/moderation/appeals?limit=50");
  mount(body, page.items.length ? page.items.map(d => appealCard(d, () => void appealsTab(body))) : emptyState("scale", "No appeals waiting"));
}

function appealCard(d: Decision, changed: () => void): HTMLElement {
  const form = h("form", { class: "row" }, h("p", { class: "form-error", role: "alert" }),
    h("input", { name: "reason", "aria-label": "Reason for the outcome", placeholder: "Reason (the user reads this)", maxlength: 1000 }),
    h("button", { type: "submit", name: "outcome", value: "upheld" }, "Uphold"),
    h("button", { type: "submit", name: "outcome", value: "overturned", class: "primary" }, "Overturn"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const outcome = ((event as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? "upheld";
    try {
      await post(`/moderation/appeals/${d.id}`, { outcome, reason: new FormData(form).get("reason") });
      announce(outcome === "overturned" ? "Overturned; what was removed is restored." : "Upheld.");
      changed();
    } catch (error) { showErrors(form, error); }
  });
  return h("article", { class: "card appeal", "data-decision-id": d.id },
    h("p", {}, who(d.user), ` — ${actionWords[d.action] ?? d.action}: ${d.reason}`),
    h("blockquote", {}, d.appeal?.text ?? ""), form);
}

async function rulesTab(body: HTMLElement, admin: boolean) {
  const page = await get<Page<KeywordRule>>("/moderation/rules");
  const list = h("ul", { class: "filters", "aria-label": "Keyword rules" }, ...(page.items.length ? page.items.map(rule =>
    h("li", { class: "filter-row", "data-rule-id": rule.id },
      h("div", {}, h("strong", {}, `“${rule.phrase}”`), h("p", { class: "meta" },
        `${rule.action === "block" ? "Blocked when written" : "Reported to moderators"}${rule.wholeWord ? " · whole word" : " · anywhere"}` +
        (rule.createdBy ? ` · by @${rule.createdBy.handle}` : ""))),
      admin ? h("button", { type: "button", class: "icon danger", "aria-label": `Remove rule ${rule.phrase}`, onclick: async () => {
        try { await del(`/moderation/rules/${rule.id}`); await rulesTab(body, admin); } catch (error) { announce((error as Error).message, "error"); }
      } }, icon("trash")) : null)) : [h("li", { class: "empty" }, emptyState("filter", "No keyword rules"))]));
  if (!admin) { mount(body, h("p", { class: "hint" }, "Admins set these rules for the whole server."), list); return; }
  const form = h("form", { class: "card" }, h("h2", {}, "Add a rule"), h("p", { class: "form-error", role: "alert" }),
    h("div", { class: "field" }, h("label", { for: "f-rule-phrase" }, "Word or phrase"), h("input", { id: "f-rule-phrase", name: "phrase", maxlength: 100 }),
      h("p", { class: "field-error", id: "f-phrase-error" })),
    h("fieldset", {}, h("legend", {}, "When a post or message contains it"),
      h("label", { class: "choice" }, h("input", { type: "radio", name: "action", value: "block", checked: true }), " Refuse it"),
      h("label", { class: "choice" }, h("input", { type: "radio", name: "action", value: "report" }), " Let it through and open a report")),
    h("label", { class: "choice" }, h("input", { type: "checkbox", name: "wholeWord", checked: true }), " Whole word only"),
    h("button", { type: "submit", class: "primary" }, "Add rule"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await post("/moderation/rules", { phrase: data.get("phrase"), action: data.get("action"), wholeWord: data.get("wholeWord") === "on" });
      announce("Rule added. Every node applies it within seconds.");
      await rulesTab(body, admin);
    } catch (error) { showErrors(form, error); }
  });
  mount(body, list, form);
}

async function auditTab(body: HTMLElement) {
  const page = await get<Page<AuditEntry>>("/moderation/audit?limit=100");
  mount(body, page.items.length ? h("div", { class: "table-scroll" }, h("table", { class: "audit" },
    h("thead", {}, h("tr", {}, h("th", {}, "When"), h("th", {}, "Who"), h("th", {}, "Action"), h("th", {}, "Target"), h("th", {}, "Reason"))),
    h("tbody", {}, ...page.items.map(e => h("tr", {},
      h("td", {}, ago(e.createdAt)), h("td", {}, e.moderator ? `@${e.moderator.handle}` : "—"), h("td", {}, e.action), h("td", {}, e.target), h("td", {}, e.reason))))))
    : emptyState("history", "Nothing yet"));
}
