import { isInteger, isSafeNumber, parse } from "lossless-json";

/**
 * JSON.parse that keeps integers beyond 2^53 as their exact digits (a string), so a 19-digit
 * alert id survives as written. Every other number is an ordinary JS number.
 */
export function parseJsonLossless(text: string): unknown {
  return parse(text, null, (value: string) => (isInteger(value) && !isSafeNumber(value) ? value : Number(value)));
}
