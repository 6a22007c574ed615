/**
 * The presenter's window: the current chapter's notes, what comes next and the elapsed time, for a
 * laptop screen while the projector shows the stage. It is a same-origin popup rendered by this
 * window, so it shares the tour's signals and needs no messaging or network.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { lang } from "../../state/app-state.ts";
import { chapterCount, chapterIndex, next, paused, prev, story, storyActive, togglePause } from "../../story/story-state.ts";
import { pick, t } from "../i18n.ts";
import { onStoryKeyDown } from "./story-controls.ts";

const PRESENTER_CSS = `
  body { margin: 0; font-family: "Noto Sans SC", system-ui, sans-serif; background: #1f1d1a; color: #f4f1ea; }
  .presenter { padding: 20px 28px; display: grid; gap: 14px; }
  .presenter header { display: flex; justify-content: space-between; align-items: baseline; color: #c9bfae; font-size: 15px; }
  .presenter h1 { margin: 0; font-size: 26px; color: #fff; }
  .presenter .notes { font-size: 20px; line-height: 1.6; background: #2d2a25; padding: 14px 18px; border-radius: 8px; min-height: 6em; }
  .presenter .next { color: #c9bfae; font-size: 16px; }
  .presenter .next strong { color: #fff; }
  .presenter .paused { color: #fbbf24; font-weight: 600; }
  .presenter nav { display: flex; gap: 10px; }
  .presenter button { font: inherit; font-size: 16px; padding: 6px 16px; border-radius: 16px; border: 1px solid #6b6459; background: #2d2a25; color: #fff; cursor: pointer; }
`;

function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function PresenterNotes({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!storyActive.value) return <div class="presenter"><p>{t("story.exit")} ✓</p></div>;
  const chapters = story.value.chapters;
  const index = chapterIndex.value;
  const chapter = chapters[index]!;
  const upcoming = chapters[index + 1];
  return (
    <div class="presenter" lang={lang.value === "zh" ? "zh-CN" : "en"}>
      <header>
        <span>{t("story.chapterN").replace("{n}", String(index + 1))} / {chapterCount.value}{paused.value && <span class="paused"> · {t("story.pauseShort")}</span>}</span>
        <span>{t("story.elapsed")} {formatElapsed(now - startedAt)}</span>
      </header>
      <h1>{pick(chapter.headline)}</h1>
      <div class="notes" aria-label={t("story.notes")}>{chapter.notes ? pick(chapter.notes) : t("story.noNotes")}</div>
      <p class="next">{t("story.upNext")}: {upcoming ? <strong>{pick(upcoming.headline)}</strong> : t("story.theEnd")}</p>
      <nav>
        <button onClick={prev}>‹ {t("story.prev")}</button>
        <button onClick={next}>{t("story.next")} ›</button>
        <button onClick={togglePause}>{paused.value ? t("story.resume") : t("story.pauseShort")}</button>
      </nav>
    </div>
  );
}

/** Opens (or refocuses) the presenter window; keys pressed there drive the tour too. */
export function openPresenterView(): void {
  const popup = window.open("", "jiashan-atlas-presenter", "width=760,height=520");
  if (!popup) return;
  const doc = popup.document;
  doc.title = `${t("story.presenter")} · ${pick(story.peek().title)}`;
  if (!doc.getElementById("presenter-style")) {
    const style = doc.createElement("style");
    style.id = "presenter-style";
    style.textContent = PRESENTER_CSS;
    doc.head.append(style);
    popup.addEventListener("keydown", onStoryKeyDown, { capture: true });
    popup.addEventListener("pagehide", () => render(null, doc.body));
  }
  render(<PresenterNotes startedAt={Date.now()} />, doc.body);
  popup.focus();
}
