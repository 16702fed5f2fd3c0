// Images in a grid sized by how many there are (one wide, two side by side, three and four in a
// mosaic), each opening a full-screen viewer that steps through them with arrows and swipes.
import { h } from "../dom";
import { icon } from "../icons";
import type { Media } from "../types";

export function imageGrid(media: Media[], describe: (index: number) => string, className = "image-grid"): HTMLElement {
  return h("div", { class: `${className} n${Math.min(media.length, 4)}` }, ...media.map((m, index) =>
    h("button", { type: "button", class: "image-tile", "aria-label": `Open ${describe(index).toLowerCase()}`, onclick: () => openLightbox(media, index, describe) },
      // The feed variant: sized for the column, not the original upload.
      h("img", { src: m.feedUrl ?? m.url, alt: describe(index), loading: "lazy", decoding: "async", width: m.width, height: m.height }))));
}

export function openLightbox(media: Media[], start: number, describe: (index: number) => string) {
  let index = start;
  const img = h("img", { alt: "" });
  const counter = h("p", { class: "lightbox-counter", "aria-live": "polite" });
  const previous = h("button", { type: "button", class: "lightbox-nav previous", "aria-label": "Previous image" }, icon("back", 28));
  const next = h("button", { type: "button", class: "lightbox-nav next", "aria-label": "Next image" }, icon("next", 28));
  const close = h("button", { type: "button", class: "lightbox-close", "aria-label": "Close" }, icon("close", 24));
  const original = h("a", { class: "lightbox-original", href: "", target: "_blank", rel: "noopener" }, "Open original");
  const dialog = h("dialog", { class: "lightbox", "aria-label": "Image viewer" }, close, previous, h("figure", {}, img, h("figcaption", {}, counter, original)), next);
  const show = () => {
    const m = media[index];
    img.src = m.url; img.alt = describe(index);
    img.width = m.width; img.height = m.height;
    original.href = m.url;
    counter.textContent = media.length > 1 ? `${index + 1} of ${media.length}` : "";
    previous.hidden = next.hidden = media.length < 2;
  };
  const step = (by: number) => { index = (index + by + media.length) % media.length; show(); };
  previous.addEventListener("click", () => step(-1));
  next.addEventListener("click", () => step(1));
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("keydown", event => {
    if (event.key === "ArrowLeft") step(-1);
    if (event.key === "ArrowRight") step(1);
  });
  // A click on the dark backdrop (outside the picture) closes it, as every viewer does.
  dialog.addEventListener("click", event => { if (event.target === dialog) dialog.close(); });
  let touchX: number | null = null;
  dialog.addEventListener("touchstart", event => { touchX = event.touches[0].clientX; }, { passive: true });
  dialog.addEventListener("touchend", event => {
    if (touchX === null) return;
    const dx = event.changedTouches[0].clientX - touchX;
    if (Math.abs(dx) > 50) step(dx < 0 ? 1 : -1);
    touchX = null;
  });
  dialog.addEventListener("close", () => dialog.remove());
  show();
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
