// Images attached to a post or a message: an attach button, a preview of each image at once
// (from the file itself), its upload progress, and a button to remove it. Images upload as they
// are chosen, so sending only has to name them.
import { uploadMedia } from "../api";
import { announce, h, mount } from "../dom";
import { icon } from "../icons";
import type { Media } from "../types";

interface Attached { file: File; preview: string; progress: number; bar?: HTMLProgressElement; media?: Media; failed?: string; }

export interface AttachmentPicker {
  /** The attach button (a label for a hidden file input, so keyboard and screen readers reach it). */
  button: HTMLElement;
  input: HTMLInputElement;
  previews: HTMLElement;
  /** The uploaded images, in the order chosen. */
  mediaIds(): string[];
  /** True while an image is still uploading. */
  busy(): boolean;
  /** Resolves when every upload has finished (or failed). */
  settled(): Promise<void>;
  clear(): void;
}

export function attachmentPicker(id: string, options: { max?: number; label?: string; onChange?: () => void } = {}): AttachmentPicker {
  const max = options.max ?? 4;
  const label = options.label ?? "Attach images";
  let items: Attached[] = [];
  const uploads = new Set<Promise<void>>();
  const input = h("input", { type: "file", accept: "image/jpeg,image/png,image/webp,image/gif", multiple: true, class: "visually-hidden", id, tabindex: -1 });
  const button = h("label", { for: id, class: "button icon attach", title: label, "aria-label": label, tabindex: 0, role: "button" }, icon("imagePlus", 20));
  // A label is not a button to the keyboard: Enter and Space open the file picker, as a button would.
  button.addEventListener("keydown", event => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); } });
  const previews = h("ul", { class: "attachments", "aria-label": "Attached images" });

  const draw = () => {
    mount(previews, items.map((item, index) => h("li", { class: `attachment${item.failed ? " failed" : ""}` },
      h("img", { src: item.media?.feedUrl ?? item.preview, alt: `Attached image ${index + 1}` }),
      item.media || item.failed ? null : (item.bar = h("progress", { max: 1, value: item.progress, "aria-label": `Uploading image ${index + 1}` })),
      item.failed ? h("span", { class: "attachment-error", role: "img", "aria-label": `Not uploaded: ${item.failed}`, title: item.failed }, icon("alert", 16)) : null,
      h("button", { type: "button", class: "remove", "aria-label": `Remove image ${index + 1}`, onclick: () => remove(item) }, icon("close", 14)))));
    previews.hidden = items.length === 0;
    options.onChange?.();
  };
  const remove = (item: Attached) => {
    URL.revokeObjectURL(item.preview);
    items = items.filter(i => i !== item);
    draw();
  };
  input.addEventListener("change", () => {
    const chosen = Array.from(input.files ?? []);
    if (chosen.length > max - items.length) announce(`Up to ${max} images; the first ${Math.max(0, max - items.length)} were kept.`);
    for (const file of chosen.slice(0, Math.max(0, max - items.length))) {
      const item: Attached = { file, preview: URL.createObjectURL(file), progress: 0 };
      items.push(item);
      const upload = uploadMedia(file, fraction => {
        item.progress = fraction;
        if (item.bar) item.bar.value = fraction;
      }).then(media => { item.media = media; }, (error: Error) => { item.failed = error.message; announce(error.message, "error"); })
        .finally(() => { uploads.delete(upload); if (items.includes(item)) draw(); });
      uploads.add(upload);
    }
    input.value = "";
    draw();
  });
  previews.hidden = true;
  return {
    button, input, previews,
    mediaIds: () => items.flatMap(item => (item.media ? [item.media.id] : [])),
    busy: () => uploads.size > 0,
    settled: async () => { while (uploads.size > 0) await Promise.allSettled([...uploads]); },
    clear: () => { items.forEach(item => URL.revokeObjectURL(item.preview)); items = []; draw(); },
  };
}
