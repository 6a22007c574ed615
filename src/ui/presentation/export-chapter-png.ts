/**
 * Exports the chapter on stage as a 1920×1080 PNG: the map canvas plus the chapter's text and
 * figures drawn on top. Needs the map created with preserveDrawingBuffer (`?capture` in the URL),
 * otherwise WebGL hands back a cleared canvas.
 */

export interface ChapterSlide {
  kicker: string;
  headline: string;
  badge: string | null;
  text: string;
  figures: { value: string; label: string; source: string }[];
  /** Method and data status of live figures, when the chapter has any. */
  note: string | null;
  footer: string;
}

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;
const PANEL = { x: 40, y: 40, width: 640 };
const FONT = '"Noto Sans SC", system-ui, sans-serif';

/** Chinese punctuation that must not start a line. */
const NO_LINE_START = /^[，。；：、！？）》」』”’]/;

/** Lines of `text` that fit `maxWidth`; breaks anywhere for Chinese, at spaces for English. */
function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const tokens = /[\u3400-\u9fff]/.test(text) ? [...text] : text.split(/(?<= )/);
  const lines: string[] = [];
  let line = "";
  for (const token of tokens) {
    if (line && !NO_LINE_START.test(token) && ctx.measureText(line + token).width > maxWidth) {
      lines.push(line.trimEnd());
      line = token.trimStart();
    } else line += token;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/** Draws the map (cropped to 16:9) and the chapter panel onto a 1920×1080 canvas. */
export function drawChapterSlide(mapCanvas: HTMLCanvasElement, slide: ChapterSlide): HTMLCanvasElement {
  const out = document.createElement("canvas");
  out.width = SLIDE_WIDTH;
  out.height = SLIDE_HEIGHT;
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = "#f4f1ea";
  ctx.fillRect(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT);
  const scale = Math.max(SLIDE_WIDTH / mapCanvas.width, SLIDE_HEIGHT / mapCanvas.height);
  const w = mapCanvas.width * scale;
  const h = mapCanvas.height * scale;
  ctx.drawImage(mapCanvas, (SLIDE_WIDTH - w) / 2, (SLIDE_HEIGHT - h) / 2, w, h);

  const inner = PANEL.width - 64;
  const left = PANEL.x + 32;
  let y = PANEL.y + 32;
  const blocks: (() => void)[] = [];
  const add = (font: string, color: string, lines: string[], lineHeight: number, gapAfter = 0) => {
    const top = y;
    blocks.push(() => {
      ctx.font = font;
      ctx.fillStyle = color;
      lines.forEach((line, i) => ctx.fillText(line, left, top + i * lineHeight));
    });
    y += lines.length * lineHeight + gapAfter;
  };
  const measure = (font: string, text: string, width = inner) => {
    ctx.font = font;
    return wrap(ctx, text, width);
  };

  add(`16px ${FONT}`, "#6b6459", [slide.kicker], 26, 8);
  add(`bold 38px ${FONT}`, "#7a4b2a", measure(`bold 38px ${FONT}`, slide.headline), 48, 8);
  if (slide.badge) add(`15px ${FONT}`, "#7c2d12", measure(`15px ${FONT}`, slide.badge), 22, 10);
  add(`20px ${FONT}`, "#2b2b2b", measure(`20px ${FONT}`, slide.text), 32, 16);
  for (const figure of slide.figures) {
    add(`bold 30px ${FONT}`, "#2b2b2b", [figure.value], 38);
    add(`17px ${FONT}`, "#2b2b2b", measure(`17px ${FONT}`, figure.label), 24);
    add(`13px ${FONT}`, "#6b6459", measure(`13px ${FONT}`, figure.source), 19, 14);
  }
  if (slide.note) add(`14px ${FONT}`, "#6b6459", measure(`14px ${FONT}`, slide.note), 21);
  const panelHeight = Math.min(SLIDE_HEIGHT - 120, y - PANEL.y + 18);
  ctx.fillStyle = "rgba(255, 255, 255, 0.95)";
  ctx.beginPath();
  ctx.roundRect(PANEL.x, PANEL.y, PANEL.width, panelHeight, 14);
  ctx.fill();
  ctx.textBaseline = "top";
  blocks.forEach((draw) => draw());

  ctx.font = `15px ${FONT}`;
  const footerWidth = ctx.measureText(slide.footer).width + 32;
  ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
  ctx.beginPath();
  ctx.roundRect((SLIDE_WIDTH - footerWidth) / 2, SLIDE_HEIGHT - 56, footerWidth, 34, 17);
  ctx.fill();
  ctx.fillStyle = "#2b2b2b";
  ctx.fillText(slide.footer, (SLIDE_WIDTH - footerWidth) / 2 + 16, SLIDE_HEIGHT - 48);
  return out;
}

/** Draws the slide and downloads it as `fileName`. */
export function downloadChapterPng(slide: ChapterSlide, fileName: string): void {
  const mapCanvas = document.querySelector<HTMLCanvasElement>("#map canvas.maplibregl-canvas");
  if (!mapCanvas) return;
  drawChapterSlide(mapCanvas, slide).toBlob((blob) => {
    if (!blob) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }, "image/png");
}
