import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The renderer is built once and served by either shell: Electron loads it from disk,
// the web shell serves it over loopback HTTP. Relative base makes both work.
export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    sourcemap: true,
  },
});
