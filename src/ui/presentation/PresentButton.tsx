/** The explorer's "Present / 演示" button: opens the tour at chapter 1 once the data has loaded. */
import { layers } from "../../state/app-state.ts";
import { startStory } from "../../story/story-state.ts";
import { t } from "../i18n.ts";

export function PresentButton() {
  return (
    <button class="tool-button present-button" onClick={() => startStory(1)} disabled={layers.value.length === 0}
      title={t("story.presentLabel")} aria-label={t("story.presentLabel")}>
      ▶ {t("story.present")}
    </button>
  );
}
