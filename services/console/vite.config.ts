import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The console is served by the gateway at /; `npm run dev -w @causeflow/console` proxies the API to it.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/v1": "http://localhost:3000", "/admin": "http://localhost:3000" } },
});
