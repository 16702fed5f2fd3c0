// Reporting: one dialog for posts, messages and profiles — a category and an optional comment.
// The reported person never learns who reported them; the reporter gets a plain confirmation.
import { post } from "../api";
import { announce, h } from "../dom";
import { icon } from "../icons";
import type { Subject } from "../types";
import { showErrors } from "./auth";

export const categories: [string, string][] = [
  ["spam", "Spam or scam"], ["harassment", "Harassment or bullying"], ["hate", "Hate speech"], ["violence", "Violence or threats"],
  ["sexual", "Sexual content"], ["self_harm", "Self-harm or suicide"], ["impersonation", "Pretending to be someone"],
  ["private_info", "Sharing private information"], ["other", "Something else"],
];

const nouns: Record<Subject["kind"], string> = { post: "post", message: "message", user: "account", conversation: "conversation" };

/** A small button that opens the report dialog for one subject. */
export function reportButton(subject: Subject, compact = true): HTMLButtonElement {
  const label = `Report this ${nouns[subject.kind]}`;
  return h("button", { type: "button", class: compact ? "icon report" : "report", "aria-label": label, title: label, onclick: () => openReportDialog(subject) },
    icon("flag"), compact ? null : " Report");
}

export function openReportDialog(subject: Subject) {
  const noun = nouns[subject.kind];
  const comment = h("textarea", { id: "f-comment", name: "comment", rows: 3, maxlength: 1000, placeholder: "What happened? (optional)" });
  const form = h("form", { method: "dialog", class: "report-form" },
    h("h2", {}, `Report this ${noun}`),
    h("p", { class: "hint" }, "Moderators of the author's university review every report. They never tell anyone who reported."),
    h("p", { class: "form-error", role: "alert" }),
    h("fieldset", {}, h("legend", {}, "What is wrong with it?"),
      ...categories.map(([value, text], i) => h("label", { class: "choice" },
        h("input", { type: "radio", name: "category", value, required: true, checked: i === 0 ? true : undefined }), ` ${text}`)),
      h("p", { class: "field-error", id: "f-category-error" })),
    h("div", { class: "field" }, h("label", { for: "f-comment" }, "Anything moderators should know"), comment, h("p", { class: "field-error", id: "f-comment-error" })),
    h("div", { class: "row end" },
      h("button", { type: "button", value: "cancel", onclick: () => dialog.close() }, "Cancel"),
      h("button", { type: "submit", class: "primary" }, "Send report")));
  const dialog = h("dialog", { class: "dialog", "aria-label": `Report this ${noun}` }, form);
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await post("/reports", { subject, category: data.get("category"), comment: data.get("comment") });
      dialog.close();
      announce("Thanks. Your report was sent to the moderators.");
    } catch (error) { showErrors(form, error); }
  });
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}
