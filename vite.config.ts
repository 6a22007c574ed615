import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

export default defineConfig({
  plugins: [preact()],
  // Relative base: `npm run build` output plays from any static server or sub-path, offline.
  base: "./",
  build: {
    target: "es2022",
    // Never inline assets as data: URLs: the CSP allows fetches from our own origin only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Vite's preload helper otherwise lands in the deck.gl chunk and drags it into the first view.
            { name: "preload-helper", test: /vite\/preload-helper/, priority: 10 },
            { name: "maplibre", test: /node_modules[\\/]maplibre-gl/ },
            { name: "deck", test: /node_modules[\\/](@deck\.gl|@luma\.gl|@math\.gl|@loaders\.gl|@probe\.gl)/ },
            { name: "turf", test: /node_modules[\\/](@turf|turf-|polyclip|robust-predicates|concaveman|rbush|d3-)/ },
          ],
        },
      },
    },
  },
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
});
