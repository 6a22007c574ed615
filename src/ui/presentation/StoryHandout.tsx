/**
 * A printable handout: every chapter on its own page, with its figures and their sources. Hidden on
 * screen; print CSS (presentation.css) shows only this.
 */
import { story } from "../../story/story-state.ts";
import { pick, t } from "../i18n.ts";
import { ChapterFigures } from "./ChapterFigures.tsx";

export function StoryHandout() {
  const { title, chapters } = story.value;
  return (
    <div class="story-handout" aria-hidden="true">
      {chapters.map((chapter, i) => (
        <article key={chapter.id} class="handout-page">
          <p class="stage-kicker">{pick(title)} · {t("story.handout")} · {t("story.chapterN").replace("{n}", String(i + 1))} / {chapters.length}</p>
          <h2>{pick(chapter.headline)}</h2>
          <p>{pick(chapter.text)}</p>
          <ChapterFigures figures={chapter.figures} />
        </article>
      ))}
    </div>
  );
}
