export {};
import { launch, mapIdle, open, serveDist, screenshot } from "./harness.ts";
const served = await serveDist();
const browser = await launch({ width: 1920, height: 1080 });
for (const [n, l] of [[5, "zh"], [8, "zh"], [9, "en"], [6, "en"], [5, "en"]] as const) {
  const { page } = await open(browser, `${served.baseUrl}?present=${n}&lang=${l}`);
  await mapIdle(page);
  await page.waitForTimeout(2500);
  await mapIdle(page);
  await screenshot(page, `adhoc-${n}-${l}`);
  await page.close();
}
await browser.close(); await served.close();
