import { defineConfig } from "vite";

// The build goes to api/wwwroot (not committed), which the silo copies beside itself and serves.
// Asset names carry a content hash, so the node can mark them immutable; index.html is no-cache.
export default defineConfig({
  build: {
    outDir: "../wwwroot",
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: true,
  },
  server: {
    // `npm run dev` against a node on 5080 (run.sh): same-origin paths are proxied.
    proxy: {
      "/api": "http://127.0.0.1:5080",
      "/media": "http://127.0.0.1:5080",
      "/hubs": { target: "http://127.0.0.1:5080", ws: true },
    },
  },
});
