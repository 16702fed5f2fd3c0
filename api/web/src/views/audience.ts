// Who a post is for: the composer's picker, the mark on a card, and the default from the profile.
import { h } from "../dom";
import { icon, type IconName } from "../icons";
import type { Audience } from "../types";

export const audiences: { value: Audience; label: string; hint: string; icon: IconName }[] = [
  { value: "public", label: "Everyone", hint: "Anyone, also without an account", icon: "globe" },
  { value: "campus", label: "My campus", hint: "Signed-in students of your university", icon: "campus" },
  { value: "followers", label: "Followers", hint: "Only people you approved or who follow you", icon: "users" },
];

let defaultAudience: Audience = "public";
export function setDefaultAudience(audience: Audience | undefined) { defaultAudience = audience ?? "public"; }

/** The composer's select, starting at the student's default. */
export function audiencePicker(): HTMLSelectElement {
  return h("select", { name: "audience", "aria-label": "Who can see this", class: "audience-picker" },
    ...audiences.map(a => h("option", { value: a.value, selected: a.value === defaultAudience ? true : undefined, title: a.hint }, a.label)));
}

/** On a card: nothing for public posts, otherwise an icon saying who sees it. */
export function audienceMark(audience: Audience | undefined): HTMLElement | null {
  const known = audiences.find(a => a.value === audience);
  if (!known || known.value === "public") return null;
  const text = known.value === "campus" ? "Visible to your campus" : "Visible to followers";
  return h("span", { class: "audience-mark", title: text, "aria-label": text, role: "img" }, icon(known.icon, 14));
}
