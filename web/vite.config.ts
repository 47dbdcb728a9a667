/**
 * The dashboard build: Preact + ECharts, bundled by Vite into api/public (served by
 * api/plugins/dashboard.ts). Nothing is built at runtime. `npm run build:web` runs this.
 * In development, `vite --config web/vite.config.ts` proxies /api to a running API (API_URL).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: webRoot,
  base: "/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: fileURLToPath(new URL("../api/public", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // ECharts is loaded on demand by the chart pages; the search page does not wait for it.
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { "/api": process.env.API_URL ?? "http://127.0.0.1:8080" },
  },
});
