const FULL_WIDTH = /[０-９．－＋，]/g;

function toHalfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DMS =
  /^([-+])?\s*(\d+(?:\.\d+)?)\s*(?:[°º度d:]\s*)?(?:(\d+(?:\.\d+)?)\s*(?:['′’分m:]\s*)?)?(?:(\d+(?:\.\d+)?)\s*(?:["″”秒s]|''|′′)?\s*)?$/i;

/**
 * Reads one coordinate value: decimal ("120.92", "120,92" with a decimal comma, full-width digits) or
 * degrees-minutes-seconds with a hemisphere ("30°50′24″N", "东经120°55′", "26°W"). Returns undefined for
 * anything else, including non-finite numbers.
 *
 * @example parseCoordinate(`40° 11' 15"`) // 40.1875
 */
export function parseCoordinate(value: string, decimalComma = false): number | undefined {
  let text = toHalfWidth(value.trim());
  if (text === "") return undefined;
  if (decimalComma && /^[-+]?\d+,\d+$/.test(text)) text = text.replace(",", ".");
  if (DECIMAL.test(text)) {
    const number = Number(text);
    return Number.isFinite(number) ? number : undefined;
  }
  let sign = 1;
  const hemisphere = /^(东经|西经|北纬|南纬|[NSEW])\s*|\s*([NSEW]|东经|西经|北纬|南纬)$/i.exec(text);
  if (hemisphere) {
    if (/^(西经|南纬|[SW])$/i.test((hemisphere[1] ?? hemisphere[2]).trim())) sign = -1;
    text = text.replace(hemisphere[0], "").trim();
  }
  const dms = DMS.exec(text);
  if (!dms) return undefined;
  const [, signText, degrees, minutes = "0", seconds = "0"] = dms;
  if (Number(minutes) >= 60 || Number(seconds) >= 60) return undefined;
  const magnitude = Number(degrees) + Number(minutes) / 60 + Number(seconds) / 3600;
  return (signText === "-" ? -1 : 1) * sign * magnitude;
}
