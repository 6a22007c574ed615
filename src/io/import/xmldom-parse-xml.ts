import { DOMParser } from "@xmldom/xmldom";
import type { ParseXml } from "./types";

/**
 * XML parsing for places without a DOMParser (Web Workers, Node tests): @xmldom/xmldom, made strict so
 * that malformed XML is an error instead of a silently partial document.
 *
 * @example importFile({ name: "a.kml", bytes }, { parseXml: xmldomParseXml })
 */
export const xmldomParseXml: ParseXml = (text) => {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") throw new Error(message);
    },
  });
  return parser.parseFromString(text, "text/xml") as unknown as Document;
};
