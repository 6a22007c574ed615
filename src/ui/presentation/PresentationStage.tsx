/**
 * The tour on stage: chapter text and figures on the left, the legend on the right, progress and
 * controls at the bottom; the explorer's chrome is hidden while the tour plays (presentation.css).
 * Components only read story state and call its actions.
 */
import { useEffect, useLayoutEffect } from "preact/hooks";
import { seedDigest } from "../../data/seeds.ts";
import { lang, layers } from "../../state/app-state.ts";
import {
  chapterCount, chapterIndex, currentChapter, exitStory, goTo, legendOpen, next, paused, prev, story, storyActive, toggleLegend, togglePause,
} from "../../story/story-state.ts";
import type { StoryChapter } from "../../story/story-types.ts";
import { Legend } from "../Legend.tsx";
import { pick, t } from "../i18n.ts";
import { ChapterFigures } from "./ChapterFigures.tsx";
import { downloadChapterPng } from "./export-chapter-png.ts";
import { openPresenterView } from "./PresenterView.tsx";
import { StoryHandout } from "./StoryHandout.tsx";
import { onStoryKeyDown, toggleLang } from "./story-controls.ts";
import "./presentation.css";

function useStoryKeys(): void {
  useEffect(() => {
    if (!storyActive.value) return;
    // Capture phase: runs before MapLibre's own keyboard handler on the canvas.
    window.addEventListener("keydown", onStoryKeyDown, { capture: true });
    return () => window.removeEventListener("keydown", onStoryKeyDown, { capture: true });
  }, [storyActive.value]);
}

/** Hides the explorer's chrome while the tour plays; pausing brings it back. */
function usePresentingClass(): void {
  const active = storyActive.value;
  const isPaused = paused.value;
  // Layout effect: the chrome must be hidden or shown in the same frame as the stage changes.
  useLayoutEffect(() => {
    const root = document.documentElement.classList;
    root.toggle("presenting", active && !isPaused);
    root.toggle("presenting-paused", active && isPaused);
    return () => root.remove("presenting", "presenting-paused");
  }, [active, isPaused]);
}

/** Buttons must not keep focus after a mouse click, or the next Space would press them again. */
const noFocus = (event: MouseEvent) => event.preventDefault();

function featureName(id: string): string {
  for (const layer of layers.value) {
    const feature = layer.fc.features.find((f) => String(f.properties?.["id"]) === id);
    if (feature) return String((lang.value === "en" && feature.properties?.["name_en"]) || feature.properties?.["name"] || id);
  }
  return id;
}

function SchematicBadge({ chapter }: { chapter: StoryChapter }) {
  const schematic = layers.value.filter((l) => chapter.layers.includes(l.id) && l.meta?.status === "schematic");
  if (!schematic.length) return null;
  return (
    <p class="schematic-note">
      <span class="schematic-badge">{t("story.schematic")}{lang.value === "zh" ? " / schematic" : " / 示意"}</span>{" "}
      {t("story.schematicNote")} {schematic.map((l) => pick(l.title)).join(lang.value === "zh" ? "、" : ", ")}
    </p>
  );
}

/** Places listed per experience before "and N more", so the list fits the stage. */
const MAX_PLACES = 3;

function ExperienceList({ set }: { set: "2017" | "2021" }) {
  const experiences = seedDigest.experiences.filter((e) => e.set === set);
  return (
    <section class="stage-experiences" aria-label={t("story.experiences")}>
      <p class="experiences-note">{t("story.countyWideNote")}</p>
      <ol>
        {experiences.map((e) => {
          const places = e.places.filter((p) => p !== "county").map(featureName);
          const shown = places.length > MAX_PLACES ? [...places.slice(0, MAX_PLACES - 1), t("story.more").replace("{n}", String(places.length - MAX_PLACES + 1))] : places;
          return (
            <li key={e.id} data-experience={e.id}>
              <span class="experience-title">{pick(e.title)}</span>
              {shown.length > 0 && <span class="experience-places">{shown.join(lang.value === "zh" ? "、" : ", ")}</span>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function ChapterPanel({ chapter }: { chapter: StoryChapter }) {
  const highlighted = chapter.highlight ?? [];
  return (
    <section class="stage-chapter" aria-live="polite" data-chapter={chapter.id} lang={lang.value === "zh" ? "zh-CN" : "en"}>
      <p class="stage-kicker">{pick(story.value.title)} · {t("story.chapterN").replace("{n}", String(chapterIndex.value + 1))}</p>
      <h2 class="stage-headline">{pick(chapter.headline)}</h2>
      <SchematicBadge chapter={chapter} />
      <p class="stage-text">{pick(chapter.text)}</p>
      <ChapterFigures figures={chapter.figures} />
      {chapter.experiences && <ExperienceList set={chapter.experiences} />}
      {highlighted.length > 0 && !chapter.experiences && (
        <p class="stage-onmap">
          <span>{t("story.onMap")}:</span> {highlighted.map((id) => <span key={id} class="chip">{featureName(id)}</span>)}
        </p>
      )}
    </section>
  );
}

function Progress() {
  const count = chapterCount.value;
  const index = chapterIndex.value;
  return (
    <div class="stage-progress" role="group" aria-label={t("story.progress")}>
      <span class="stage-count">{index + 1} / {count}</span>
      <span class="stage-dots">
        {story.value.chapters.map((c, i) => (
          <button key={c.id} class={`dot${i === index ? " current" : ""}`} onMouseDown={noFocus} onClick={() => goTo(i)}
            aria-label={t("story.goTo").replace("{n}", String(i + 1))} aria-current={i === index ? "step" : undefined} title={pick(c.headline)} />
        ))}
      </span>
    </div>
  );
}

/** The map keeps its pixels for export only when created with `?capture` (see main.tsx). */
const CAN_CAPTURE = typeof location !== "undefined" && new URLSearchParams(location.search).has("capture");

/** Exports what is on stage, read from the rendered panel so the PNG matches the screen. */
function exportPng(): void {
  const panel = document.querySelector(".stage-chapter");
  const chapter = currentChapter.peek();
  if (!panel || !chapter) return;
  const text = (selector: string, root: ParentNode = panel) => root.querySelector(selector)?.textContent?.trim() ?? "";
  const index = chapterIndex.peek() + 1;
  downloadChapterPng({
    kicker: text(".stage-kicker"),
    headline: text(".stage-headline"),
    badge: text(".schematic-note") || null,
    text: text(".stage-text"),
    figures: [...panel.querySelectorAll(".stage-figure")].map((figure) => ({
      value: text(".figure-value", figure), label: text(".figure-label", figure), source: text("cite", figure),
    })),
    // innerText keeps the <br> between method and data status.
    note: panel.querySelector<HTMLElement>(".live-method")?.innerText.trim().replace(/\s*\n\s*/g, " · ") || null,
    footer: `${t("app.title")} · ${index} / ${chapterCount.peek()}`,
  }, `jiashan-tour-${String(index).padStart(2, "0")}-${chapter.id}-${lang.peek()}.png`);
}

function StageBar() {
  const isPaused = paused.value;
  return (
    <nav class="stage-bar" aria-label={t("story.progress")}>
      {isPaused && <span class="stage-paused">{t("story.pausedAt").replace("{n}", String(chapterIndex.value + 1))}</span>}
      <button class="stage-button" onMouseDown={noFocus} onClick={prev} disabled={chapterIndex.value === 0} aria-label={t("story.prev")}>‹</button>
      <Progress />
      <button class="stage-button" onMouseDown={noFocus} onClick={next} disabled={chapterIndex.value === chapterCount.value - 1} aria-label={t("story.next")}>›</button>
      <button class="stage-button stage-lang" onMouseDown={noFocus} onClick={toggleLang} aria-label={t("lang.toggleLabel")} lang={lang.value === "zh" ? "en" : "zh"}>
        {t("lang.toggle")}
      </button>
      <button class={`stage-button stage-pause${isPaused ? " is-paused" : ""}`} onMouseDown={noFocus} onClick={togglePause} title={t("story.pause")}>
        {isPaused ? `▶ ${t("story.resume")}` : `❚❚ ${t("story.pauseShort")}`}
      </button>
      <button class="stage-button stage-presenter" onMouseDown={noFocus} onClick={openPresenterView} title={t("story.presenterLabel")}>{t("story.presenter")}</button>
      {CAN_CAPTURE && !isPaused && <button class="stage-button stage-png" onMouseDown={noFocus} onClick={exportPng} title={t("story.pngLabel")}>PNG</button>}
      <button class="stage-button stage-exit" onMouseDown={noFocus} onClick={exitStory} aria-label={t("story.exit")} title={t("story.exit")}>✕</button>
      {!isPaused && <span class="stage-keys">{t("story.keys")}</span>}
    </nav>
  );
}

/** Mount once, next to the explorer UI; renders nothing until the tour starts (except the print handout). */
export function PresentationStage() {
  useStoryKeys();
  usePresentingClass();
  const chapter = currentChapter.value;
  return (
    <>
      <StoryHandout />
      {chapter && (
        <div class="stage" data-paused={paused.value ? "true" : "false"}>
          {!paused.value && <ChapterPanel chapter={chapter} />}
          {!paused.value && (
            <aside class="panel stage-legend" data-open={legendOpen.value ? "true" : "false"}>
              <button class="stage-legend-toggle" aria-expanded={legendOpen.value} aria-controls="stage-legend-body" onClick={toggleLegend}>
                {t("legend.title")} <span aria-hidden="true">{legendOpen.value ? "▾" : "▸"}</span> <kbd>G</kbd>
              </button>
              {legendOpen.value && <div id="stage-legend-body"><Legend /></div>}
            </aside>
          )}
          <StageBar />
        </div>
      )}
    </>
  );
}
