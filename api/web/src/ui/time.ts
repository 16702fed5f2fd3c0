// Relative times ("now", "5m", "3h", "Mon", "12 Mar") that stay true while a screen is open:
// every <time class="ago"> is rewritten each 30 s; the exact moment is in its title.
const everyMs = 30_000;
const dayMs = 86_400_000;

export function ago(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  const seconds = Math.max(0, (now - then) / 1000);
  if (seconds < 45) return "now";
  if (seconds < 3600) return `${Math.round(seconds / 60) || 1}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  if (seconds < 7 * 86400) return `${Math.floor(seconds / 86400)}d`;
  const date = new Date(then);
  return date.toLocaleDateString([], { day: "numeric", month: "short", year: date.getFullYear() === new Date(now).getFullYear() ? undefined : "numeric" });
}

/** Spelled out for screen readers and tooltips: "5 minutes ago". */
function spoken(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;
  if (seconds < 45) return "just now";
  if (seconds < 3600) return plural(Math.round(seconds / 60) || 1, "minute");
  if (seconds < 86400) return plural(Math.floor(seconds / 3600), "hour");
  if (seconds < 7 * 86400) return plural(Math.floor(seconds / 86400), "day");
  return new Date(iso).toLocaleDateString([], { dateStyle: "long" });
}

export function timeAgo(iso: string): HTMLTimeElement {
  const time = document.createElement("time");
  time.className = "ago";
  time.dateTime = iso;
  time.textContent = ago(iso);
  time.setAttribute("aria-label", spoken(iso));
  time.title = new Date(iso).toLocaleString([], { dateStyle: "full", timeStyle: "short" });
  return time;
}

/** "14:05" for a message bubble. */
export function clockTime(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** "Today", "Yesterday", "Monday", "12 March 2026": the chat's day separators. */
export function dayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const startOf = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(date)) / dayMs);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  if (days > 1 && days < 7) return date.toLocaleDateString([], { weekday: "long" });
  return date.toLocaleDateString([], { day: "numeric", month: "long", year: date.getFullYear() === now.getFullYear() ? undefined : "numeric" });
}

export function dayKey(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

window.setInterval(() => {
  const now = Date.now();
  document.querySelectorAll<HTMLTimeElement>("time.ago").forEach(time => {
    time.textContent = ago(time.dateTime, now);
    time.setAttribute("aria-label", spoken(time.dateTime, now));
  });
}, everyMs);
