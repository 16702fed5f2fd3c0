// A tiny element builder: enough for a client with a handful of screens, without a framework.
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, unknown>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2).toLowerCase(), value as EventListener);
    else if (key === "class") element.className = String(value);
    else if (key in element && typeof value !== "string") (element as unknown as Record<string, unknown>)[key] = value;
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export function mount(target: HTMLElement, ...children: (Child | Child[])[]) {
  target.replaceChildren();
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) target.append(child instanceof Node ? child : String(child));
}

/** Shows a message in the live region (read out by screen readers) for a while. */
export function announce(message: string, kind: "info" | "error" = "info") {
  const status = document.getElementById("status")!;
  status.className = kind;
  status.textContent = message;
  window.clearTimeout((announce as unknown as { timer?: number }).timer);
  (announce as unknown as { timer?: number }).timer = window.setTimeout(() => { status.textContent = ""; status.className = ""; }, 6000);
}
