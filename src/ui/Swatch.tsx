import { signal } from "@preact/signals";
import { useLayoutEffect, useRef } from "preact/hooks";
import type { Swatch as SwatchSpec } from "../map/layers/layer-def.ts";

const WIDTH = 22;
const HEIGHT = 16;

/**
 * Device pixels per CSS pixel, kept current: browser zoom changes it (with a resize), and so does a
 * move to a screen of another density (a resolution media query stops matching).
 */
const pixelRatio = signal(typeof window === "undefined" ? 1 : window.devicePixelRatio || 1);
function followPixelRatio(): void {
  const update = () => (pixelRatio.value = window.devicePixelRatio || 1);
  window.addEventListener("resize", update);
  const watch = () => matchMedia(`(resolution: ${pixelRatio.value}dppx)`).addEventListener("change", () => { update(); watch(); }, { once: true });
  watch();
}
if (typeof window !== "undefined" && typeof matchMedia === "function") followPixelRatio();

/** A CPU-backed context: Chromium keeps canvases that are read back often off the GPU. */
const SWATCH_CONTEXT: CanvasRenderingContext2DSettings = { willReadFrequently: true };

/** Draws a swatch in a WIDTH × HEIGHT box of CSS pixels. */
function paintSwatch(ctx: CanvasRenderingContext2D, s: SwatchSpec): void {
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  ctx.setLineDash([]);
  ctx.strokeStyle = s.color;
  if (s.shape === "circle") {
    ctx.beginPath();
    ctx.arc(WIDTH / 2, HEIGHT / 2, Math.min((s.size ?? 8) / 2 + 1, 7), 0, 2 * Math.PI);
    ctx.fillStyle = s.hollow ? "#fff" : s.color;
    ctx.fill();
    ctx.lineWidth = 2;
    ctx.stroke();
    return;
  }
  if (s.shape === "line") {
    ctx.beginPath();
    ctx.setLineDash(s.dashed ? [4, 3] : []);
    ctx.moveTo(1, HEIGHT / 2);
    ctx.lineTo(WIDTH - 1, HEIGHT / 2);
    ctx.lineWidth = 3;
    ctx.stroke();
    return;
  }
  const box = [1, 2, WIDTH - 2, HEIGHT - 4] as const;
  if (s.hatched) {
    // The map's hatching: "/" stripes.
    ctx.save();
    ctx.beginPath();
    ctx.rect(...box);
    ctx.clip();
    ctx.beginPath();
    for (let x = -HEIGHT; x < WIDTH + HEIGHT; x += 5) {
      ctx.moveTo(x, HEIGHT);
      ctx.lineTo(x + HEIGHT, 0);
    }
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.restore();
  } else {
    ctx.globalAlpha = 0.35;
    ctx.fillStyle = s.color;
    ctx.fillRect(...box);
    ctx.globalAlpha = 1;
  }
  ctx.setLineDash(s.dashed ? [3, 2] : []);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(...box);
}

/**
 * A legend symbol that matches the map's dashes, hatching and hollow points. Drawn on a 2D canvas
 * rather than as SVG, and on the CPU: on software WebGL (SwiftShader: GPU-less projector PCs, VMs)
 * Chromium's GPU process, which also draws the map, is start-up's bottleneck, and each kind of SVG
 * stroke, dash and pattern made it compile its own raster pipeline (about 0.4 s in all). A GPU
 * canvas still cost it ~0.1 s of start-up; a CPU canvas (willReadFrequently) reaches it as an image.
 */
export function Swatch({ swatch }: { swatch: SwatchSpec }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const scale = pixelRatio.value;
  const spec = JSON.stringify(swatch);
  useLayoutEffect(() => {
    const canvas = ref.current!;
    const ctx = canvas.getContext("2d", SWATCH_CONTEXT);
    if (!ctx) return;
    ctx.setTransform(canvas.width / WIDTH, 0, 0, canvas.height / HEIGHT, 0, 0);
    paintSwatch(ctx, swatch);
  }, [spec, scale]);
  return (
    <canvas ref={ref} class="swatch" width={Math.round(WIDTH * scale)} height={Math.round(HEIGHT * scale)}
      style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }} aria-hidden="true" data-swatch={spec} />
  );
}
