// Light and dark: the system's choice unless the student picks one (kept on this device).
// Applied by setting data-theme on <html>, which the design tokens in style.css key on.
export type ThemeChoice = "system" | "light" | "dark";
const key = "chitlaq.theme";
const dark = window.matchMedia("(prefers-color-scheme: dark)");
const listeners = new Set<() => void>();

export function themeChoice(): ThemeChoice {
  const stored = localStorage.getItem(key);
  return stored === "light" || stored === "dark" ? stored : "system";
}

/** The theme in effect: the choice, or the system's when the choice is "system". */
export function effectiveTheme(): "light" | "dark" {
  const choice = themeChoice();
  return choice === "system" ? (dark.matches ? "dark" : "light") : choice;
}

export function setTheme(choice: ThemeChoice) {
  if (choice === "system") localStorage.removeItem(key); else localStorage.setItem(key, choice);
  applyTheme();
}

export function onThemeChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyTheme() {
  const theme = effectiveTheme();
  document.documentElement.dataset.theme = theme;
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", theme === "dark" ? "#12141c" : "#ffffff");
  listeners.forEach(listener => listener());
}

dark.addEventListener("change", () => { if (themeChoice() === "system") applyTheme(); });
