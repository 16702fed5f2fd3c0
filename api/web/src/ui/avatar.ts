// A person's picture: the one they uploaded, or one drawn from their id — a two-colour gradient
// with their initials — so every person has a recognisable, stable face without an upload.
import type { User } from "../types";

const svgNs = "http://www.w3.org/2000/svg";

/** A stable number for a string (FNV-1a): the same person always gets the same colours. */
function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) { value ^= text.charCodeAt(i); value = Math.imul(value, 16777619); }
  return value >>> 0;
}

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map(word => [...word][0] ?? "").join("").toUpperCase() || "?";
}

type Person = Pick<User, "displayName"> & Partial<Pick<User, "id" | "handle" | "avatarUrl" | "deleted">>;

/**
 * Decorative by default (the name is always next to it); pass a label where the picture stands
 * alone. Sizes are CSS pixels.
 */
export function avatar(person: Person, size = 40, label?: string): Element {
  const describe = (element: Element) => {
    if (label) { element.setAttribute("role", "img"); element.setAttribute("aria-label", label); }
    else element.setAttribute("aria-hidden", "true");
    return element;
  };
  if (person.avatarUrl && !person.deleted) {
    const img = document.createElement("img");
    img.className = "avatar";
    img.src = person.avatarUrl;
    img.alt = label ?? "";
    img.width = size; img.height = size;
    img.loading = "lazy";
    img.decoding = "async";
    return img;
  }
  const seed = hash(person.id ?? person.handle ?? person.displayName);
  // Hues far enough apart to read as a gradient; lightness low enough for white initials (AA).
  const hue = seed % 360, hue2 = (hue + 40 + (seed >> 9) % 60) % 360;
  const id = `av-${seed.toString(36)}`;
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("class", "avatar");
  svg.setAttribute("viewBox", "0 0 40 40");
  svg.setAttribute("width", String(size));
  svg.setAttribute("height", String(size));
  const defs = document.createElementNS(svgNs, "defs");
  const gradient = document.createElementNS(svgNs, "linearGradient");
  gradient.id = id;
  gradient.setAttribute("x1", "0"); gradient.setAttribute("y1", "0"); gradient.setAttribute("x2", "1"); gradient.setAttribute("y2", "1");
  for (const [offset, h] of [["0", hue], ["1", hue2]] as const) {
    const stop = document.createElementNS(svgNs, "stop");
    stop.setAttribute("offset", offset);
    stop.setAttribute("stop-color", person.deleted ? "hsl(220 8% 45%)" : `hsl(${h} 62% 38%)`);
    gradient.append(stop);
  }
  defs.append(gradient);
  const circle = document.createElementNS(svgNs, "circle");
  circle.setAttribute("cx", "20"); circle.setAttribute("cy", "20"); circle.setAttribute("r", "20");
  circle.setAttribute("fill", `url(#${id})`);
  const text = document.createElementNS(svgNs, "text");
  text.setAttribute("x", "20"); text.setAttribute("y", "20");
  text.setAttribute("text-anchor", "middle"); text.setAttribute("dominant-baseline", "central");
  text.setAttribute("fill", "#fff");
  text.setAttribute("font-size", "15"); text.setAttribute("font-weight", "650");
  text.textContent = person.deleted ? "?" : initials(person.displayName);
  svg.append(defs, circle, text);
  return describe(svg);
}
