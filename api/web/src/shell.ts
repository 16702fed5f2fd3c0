// The frame around every screen: one navigation that is a side rail on wide screens and, on a
// phone, a bottom tab bar (the five places students go most) plus a top bar with the rest.
// Notices (verify your email, reconnecting, offline) sit above the screen, never in the rail.
import { h, mount } from "./dom";
import { icon, type IconName } from "./icons";
import { onThemeChange, setTheme, themeChoice } from "./theme";
import type { Me } from "./types";

export interface ShellState { me: Me | null; restricted: boolean; signOut: () => void; }

const top = () => document.getElementById("top")!;
const notices = () => document.getElementById("notices")!;

function navLink(href: string, label: string, name: IconName, extra?: Node | null, current = location.pathname === href) {
  return h("li", {}, h("a", { href, "data-link": true, class: "nav-item", "aria-current": current ? "page" : undefined },
    icon(name, 24), h("span", { class: "label" }, label), extra ?? null));
}

function themeButton(): HTMLButtonElement {
  const next = { system: "light", light: "dark", dark: "system" } as const;
  const names = { system: "Theme: automatic", light: "Theme: light", dark: "Theme: dark" };
  const button = h("button", { type: "button", class: "nav-item theme-toggle" });
  const draw = () => {
    const choice = themeChoice();
    mount(button, icon(choice === "system" ? "system" : choice === "dark" ? "moon" : "sun", 24), h("span", { class: "label" }, names[choice]));
    button.title = `${names[choice]} (switch)`;
  };
  button.addEventListener("click", () => setTheme(next[themeChoice()]));
  onThemeChange(draw);
  draw();
  return button;
}

export function renderShell({ me, restricted, signOut }: ShellState) {
  const brand = h("a", { href: "/", "data-link": true, class: "brand" }, logo(), h("span", {}, "ChitLaq"));
  // On a phone the top bar keeps to the essentials: theme and signing out are in Settings there.
  const signOutButton = () => h("li", { class: "wide-only" }, h("button", { type: "button", class: "nav-item", onclick: signOut }, icon("signOut", 24), h("span", { class: "label" }, "Sign out")));
  let primary: HTMLElement[] = [], secondary: HTMLElement[] = [];
  if (me && restricted) {
    secondary = [navLink("/decisions", "Decisions", "scale"), h("li", {}, themeButton()), signOutButton()];
  } else if (me) {
    primary = [
      navLink("/", "Home", "home"),
      navLink("/explore", "Explore", "explore"),
      navLink("/chat", "Chat", "chat", h("span", { id: "chat-badge", class: "badge", hidden: true }), location.pathname.startsWith("/chat")),
      navLink("/notifications", "Notifications", "bell", h("span", { id: "unread-badge", class: "badge", hidden: true })),
      navLink(`/u/${me.handle}`, "Profile", "user"),
    ];
    secondary = [
      navLink("/search", "Search", "search"),
      navLink("/bookmarks", "Bookmarks", "bookmark"),
      me.roles.some(r => r === "moderator" || r === "admin") ? navLink("/moderation", "Moderation", "shield") : null,
      navLink("/settings", "Settings", "gear", null, location.pathname.startsWith("/settings")),
      h("li", { class: "wide-only" }, themeButton()),
      signOutButton(),
    ].filter((item): item is HTMLLIElement => item !== null);
  } else {
    secondary = [h("li", {}, themeButton()),
      h("li", {}, h("a", { href: "/signin", "data-link": true, class: "nav-item text" }, h("span", {}, "Sign in"))),
      h("li", {}, h("a", { href: "/signup", "data-link": true, class: "nav-item text cta" }, h("span", {}, "Sign up")))];
  }
  document.body.classList.toggle("has-tabs", primary.length > 0);
  // Who is signed in, for pictures drawn outside a view that has the account (the composer's).
  document.body.dataset.meName = me?.displayName ?? "";
  document.body.dataset.meAvatar = me?.avatarUrl ?? "";
  mount(top(), h("nav", { class: "shell-nav", "aria-label": "Main" }, brand,
    primary.length ? h("ul", { class: "primary" }, primary) : null,
    h("ul", { class: "secondary" }, secondary)));
  mount(notices(),
    me && !me.emailVerified ? h("p", { class: "notice" }, icon("warning", 16), " Verify your university email to post and chat. ", h("a", { href: "/verify-email", "data-link": true }, "How?")) : null,
    h("p", { class: "offline-notice", role: "status" }, icon("retry", 16), " Reconnecting…"),
    h("p", { class: "stale-notice", role: "status" }, icon("offline", 16), " Offline — showing what you saw last. Posting and sending wait until you are back."));
}

/** The ChitLaq mark: a speech bubble with a spark, in the accent colour. */
export function logo(): SVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 32 32"); svg.setAttribute("width", "30"); svg.setAttribute("height", "30");
  svg.setAttribute("aria-hidden", "true"); svg.setAttribute("class", "logo");
  const bubble = document.createElementNS(ns, "path");
  bubble.setAttribute("d", "M16 3C8.8 3 3 8.2 3 14.6c0 3.6 1.8 6.8 4.7 8.9L6.5 29l6-3.2c1.1.3 2.3.4 3.5.4 7.2 0 13-5.2 13-11.6S23.2 3 16 3z");
  bubble.setAttribute("class", "logo-bubble");
  const spark = document.createElementNS(ns, "path");
  spark.setAttribute("d", "M16 8.5l1.7 4.3 4.3 1.7-4.3 1.7L16 20.5l-1.7-4.3-4.3-1.7 4.3-1.7z");
  spark.setAttribute("class", "logo-spark");
  svg.append(bubble, spark);
  return svg;
}

