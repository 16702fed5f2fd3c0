// History-API routing: real paths (the emailed links are /verify-email?token=…), links marked
// data-link are handled here instead of reloading the page.
type Render = (path: string, params: URLSearchParams) => void | Promise<void>;
let render: Render = () => {};

export function startRouter(onRoute: Render) {
  render = onRoute;
  document.addEventListener("click", event => {
    const link = (event.target as HTMLElement).closest<HTMLAnchorElement>("a[data-link]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || link.target) return;
    event.preventDefault();
    navigate(link.getAttribute("href")!);
  });
  window.addEventListener("popstate", () => void route());
  void route();
}

export function navigate(to: string) {
  history.pushState(null, "", to);
  void route();
}

async function route() {
  const url = new URL(location.href);
  await render(url.pathname, url.searchParams);
  // Screen readers start reading the new screen at <main>; but a view that loads for a while may
  // already have a student typing in it (or have put the caret in its composer): never take
  // focus away from inside the screen.
  const main = document.getElementById("main");
  if (main && !main.contains(document.activeElement)) main.focus({ preventScroll: true });
}
