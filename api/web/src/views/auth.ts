// Sign up, verify the email, sign in, forgot/reset password.
import { ApiError, isSignedIn, keepSession, post, refreshAccessToken } from "../api";
import { announce, h, mount } from "../dom";
import type { AuthResponse } from "../types";
import { navigate } from "../router";
import { deletionNotice, deletionNoticeKey } from "./accountData";
import { logo } from "../shell";

function field(label: string, name: string, type = "text", extra: Record<string, unknown> = {}) {
  const id = "f-" + name;
  return h("div", { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name, type, required: true, ...extra }),
    h("p", { class: "field-error", id: id + "-error", "aria-live": "polite" }));
}

/** Shows an API error beside its fields, or at the top of the form. */
export function showErrors(form: HTMLFormElement, error: unknown) {
  form.querySelectorAll(".field-error").forEach(e => (e.textContent = ""));
  if (error instanceof ApiError) {
    let placed = false;
    for (const [name, messages] of Object.entries(error.fields)) {
      const slot = form.querySelector<HTMLElement>(`#f-${name}-error`);
      if (slot) { slot.textContent = messages.join(" "); placed = true; }
    }
    form.querySelector<HTMLElement>(".form-error")!.textContent = placed ? "" : error.message;
  } else {
    form.querySelector<HTMLElement>(".form-error")!.textContent = "Could not reach ChitLaq. Check your connection and try again.";
  }
}

function form(title: string, fields: HTMLElement[], submit: string, onSubmit: (data: FormData, form: HTMLFormElement) => Promise<void>, footer?: HTMLElement) {
  const element = h("form", { class: "card auth", novalidate: true }, h("p", { class: "auth-brand" }, logo(), "ChitLaq"), h("h1", {}, title), h("p", { class: "form-error", role: "alert" }), ...fields,
    h("button", { type: "submit", class: "primary" }, submit), footer);
  element.addEventListener("submit", async event => {
    event.preventDefault();
    const button = element.querySelector("button")!;
    button.disabled = true;
    try { await onSubmit(new FormData(element), element); } catch (error) { showErrors(element, error); } finally { button.disabled = false; }
  });
  return element;
}

export function signUpView(main: HTMLElement) {
  mount(main, form("Join ChitLaq", [
    field("University email", "email", "email", { autocomplete: "email" }),
    field("Handle", "handle", "text", { autocomplete: "username", pattern: "[A-Za-z0-9_]{3,30}" }),
    field("Display name", "displayName", "text", { autocomplete: "name" }),
    field("Password (at least 10 characters)", "password", "password", { autocomplete: "new-password", minlength: 10 }),
  ], "Create account", async data => {
    const auth = await post<AuthResponse>("/auth/register", Object.fromEntries(data));
    keepSession(auth);
    navigate("/verify-email");
  }, h("p", {}, "Already have an account? ", h("a", { href: "/signin", "data-link": true }, "Sign in"))));
}

export function signInView(main: HTMLElement) {
  mount(main, deletionNotice(), form("Sign in", [
    field("Email", "email", "email", { autocomplete: "email" }),
    field("Password", "password", "password", { autocomplete: "current-password" }),
  ], "Sign in", async data => {
    const auth = await post<AuthResponse>("/auth/login", Object.fromEntries(data));
    keepSession(auth);
    sessionStorage.removeItem(deletionNoticeKey);
    navigate("/");
    if (auth.deletionCancelled) announce("Welcome back! Your account will not be deleted — everything is as you left it.");
  }, h("p", {}, h("a", { href: "/signup", "data-link": true }, "Create an account"), " · ", h("a", { href: "/forgot-password", "data-link": true }, "Forgot password?"))));
}

/** /verify-email: with ?token= from the emailed link it verifies; without, it says where the mail went. */
export async function verifyView(main: HTMLElement, params: URLSearchParams) {
  const token = params.get("token");
  if (!token) {
    mount(main, h("section", { class: "card auth" },
      h("h1", {}, "Check your university email"),
      h("p", {}, "We sent a link to verify your address. Open it on this device to finish signing up."),
      h("p", { class: "hint" }, "Running ChitLaq locally (Development)? Emails are written as .eml files to the node's mail pickup folder (.data/mail); open the newest one and follow its link."),
      h("button", { type: "button", onclick: async () => {
        try { await post("/auth/resend-verification"); announce("A new link is on its way."); } catch (error) { announce((error as Error).message, "error"); }
      } }, "Send the link again"),
      h("p", {}, h("a", { href: "/", "data-link": true }, "Continue to ChitLaq"), " (you can read; posting and chatting need a verified email)")));
    return;
  }
  mount(main, h("section", { class: "card auth" }, h("h1", {}, "Verifying…")));
  try {
    await post("/auth/verify-email", { token });
    // A fresh access token carries the verified state; without a session, sign in.
    const signedIn = isSignedIn() && await refreshAccessToken();
    mount(main, h("section", { class: "card auth" }, h("h1", {}, "Your email is verified"), h("p", {}, "Welcome to ChitLaq."),
      signedIn ? h("a", { class: "button primary", href: "/", "data-link": true, id: "after-verify" }, "Go to your feed")
        : h("a", { class: "button primary", href: "/signin", "data-link": true, id: "after-verify" }, "Sign in")));
  } catch (error) {
    mount(main, h("section", { class: "card auth" }, h("h1", {}, "This link did not work"), h("p", { role: "alert" }, (error as Error).message)));
  }
}

export function forgotView(main: HTMLElement) {
  mount(main, form("Forgot your password?", [field("Email", "email", "email")], "Email me a link", async data => {
    await post("/auth/password/forgot", Object.fromEntries(data));
    announce("If that address has an account, a link is on its way.");
  }));
}

export function resetView(main: HTMLElement, params: URLSearchParams) {
  mount(main, form("Choose a new password", [field("New password", "newPassword", "password", { autocomplete: "new-password" })], "Save", async data => {
    await post("/auth/password/reset", { token: params.get("token"), newPassword: data.get("newPassword") });
    announce("Password changed. Sign in with the new one.");
    navigate("/signin");
  }));
}
