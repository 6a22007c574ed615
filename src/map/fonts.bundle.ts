/** Vite-specific half of fonts.ts: the bundled font files and their CSS. */
import css from "@fontsource/noto-sans-sc/400.css?raw";
import { fontFacesFromCss } from "./fonts.ts";

const FILES = import.meta.glob("/node_modules/@fontsource/noto-sans-sc/files/noto-sans-sc-*-400-normal.woff2", {
  query: "?url", import: "default", eager: true,
}) as Record<string, string>;

const byName = new Map(Object.entries(FILES).map(([path, url]) => [path.split("/").pop()!, url]));

export const MAP_FONT_FACES = fontFacesFromCss(css, (file) => byName.get(file));
