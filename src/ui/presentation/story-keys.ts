/**
 * Keyboard and clicker mapping for the tour. Presentation clickers send PageDown/PageUp (some send
 * arrows), so both work. Pure, so the mapping is tested without a browser.
 */
export type StoryKeyAction =
  | { type: "next" }
  | { type: "prev" }
  | { type: "first" }
  | { type: "last" }
  | { type: "goTo"; index: number }
  | { type: "exit" }
  | { type: "togglePause" }
  | { type: "resume" }
  | { type: "toggleLang" }
  | { type: "toggleLegend" };

/**
 * The tour action for a key (`KeyboardEvent.key`), or null to let the key through. While paused the
 * presenter uses the map, so only leave, language, pause and the clicker's page keys (which resume) act.
 * G (图例) folds or unfolds the stage legend.
 * @example storyKeyAction("PageDown", false) // { type: "next" }
 * @example storyKeyAction("3", false) // { type: "goTo", index: 2 }
 */
export function storyKeyAction(key: string, paused: boolean): StoryKeyAction | null {
  if (key === "Escape") return { type: "exit" };
  if (key === "p" || key === "P") return { type: "togglePause" };
  if (key === "l" || key === "L") return { type: "toggleLang" };
  if (paused) return key === "PageDown" || key === "PageUp" ? { type: "resume" } : null;
  if (key === "g" || key === "G") return { type: "toggleLegend" };
  switch (key) {
    case "ArrowRight":
    case "PageDown":
    case " ":
      return { type: "next" };
    case "ArrowLeft":
    case "PageUp":
      return { type: "prev" };
    case "Home":
      return { type: "first" };
    case "End":
      return { type: "last" };
  }
  if (/^[1-9]$/.test(key)) return { type: "goTo", index: Number(key) - 1 };
  return null;
}
