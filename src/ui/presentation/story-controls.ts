/**
 * Keyboard and clicker handling shared by the stage and the presenter window.
 */
import { lang, setLang } from "../../state/app-state.ts";
import { exitStory, first, goTo, last, next, paused, prev, resume, storyActive, toggleLegend, togglePause } from "../../story/story-state.ts";
import { storyKeyAction, type StoryKeyAction } from "./story-keys.ts";

export const toggleLang = () => setLang(lang.peek() === "zh" ? "en" : "zh");

function runAction(action: StoryKeyAction): void {
  switch (action.type) {
    case "next": return next();
    case "prev": return prev();
    case "first": return first();
    case "last": return last();
    case "goTo": return goTo(action.index);
    case "exit": return exitStory();
    case "togglePause": return togglePause();
    case "resume": return resume();
    case "toggleLang": return toggleLang();
    case "toggleLegend": return toggleLegend();
  }
}

/** Typing in a field (search, Tianditu key) or pressing a focused button must not drive the tour. */
function isOwnKey(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return true;
  return target.tagName === "BUTTON" && (event.key === " " || event.key === "Enter");
}

/** Drives the tour from a key press; used by the stage and by the presenter window. */
export function onStoryKeyDown(event: KeyboardEvent): void {
  if (!storyActive.peek() || event.altKey || event.ctrlKey || event.metaKey || isOwnKey(event)) return;
  const action = storyKeyAction(event.key, paused.peek());
  if (!action) return;
  event.preventDefault();
  event.stopPropagation();
  runAction(action);
}
