// What a list shows before, instead of, and when its content cannot come: skeletons while
// loading (shaped like what is coming, so nothing jumps), a friendly empty state, and an error
// with a way to try again.
import { h } from "../dom";
import { icon, type IconName } from "../icons";

export type SkeletonShape = "post" | "row" | "message";

export function skeleton(shape: SkeletonShape, count = 3): HTMLElement {
  const item = () => {
    if (shape === "post") return h("div", { class: "skeleton-post" },
      h("div", { class: "row" }, h("span", { class: "skeleton circle" }), h("span", { class: "skeleton line short" })),
      h("span", { class: "skeleton line" }), h("span", { class: "skeleton line" }), h("span", { class: "skeleton line medium" }));
    if (shape === "message") return h("div", { class: "skeleton-message" }, h("span", { class: "skeleton bubble" }));
    return h("div", { class: "skeleton-row" }, h("span", { class: "skeleton circle" }),
      h("div", { class: "grow" }, h("span", { class: "skeleton line short" }), h("span", { class: "skeleton line medium" })));
  };
  // Announced once as "Loading"; the shapes themselves are hidden from screen readers.
  return h("div", { class: `skeletons ${shape}`, role: "status", "aria-label": "Loading" },
    h("span", { class: "visually-hidden" }, "Loading…"), ...Array.from({ length: count }, item).map(element => { element.setAttribute("aria-hidden", "true"); return element; }));
}

export function emptyState(iconName: IconName, title: string, text?: string, action?: HTMLElement | null): HTMLElement {
  return h("div", { class: "empty" }, h("span", { class: "empty-icon" }, icon(iconName, 28)),
    h("p", { class: "empty-title" }, title), text ? h("p", { class: "hint" }, text) : null, action ?? null);
}

export function errorState(message: string, retry?: () => void): HTMLElement {
  return h("div", { class: "error-state", role: "alert" }, h("span", { class: "empty-icon" }, icon("alert", 28)),
    h("p", { class: "empty-title" }, "This did not load"), h("p", { class: "hint" }, message),
    retry ? h("button", { type: "button", onclick: retry }, icon("retry", 16), " Try again") : null);
}
