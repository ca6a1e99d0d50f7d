// Rules for text people write (descriptions, notes, names) and for the text we send on their behalf.

declare global {
  // Node 22 has both (ES2024); the project's `lib` stops at ES2023.
  interface String {
    isWellFormed(): boolean;
    toWellFormed(): string;
  }
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Directional overrides, embeddings and isolates: they reorder what a reader sees (Trojan Source). */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;
/** Characters that take no room: zero-width spaces, word joiners, byte-order marks, soft hyphens. */
const INVISIBLE = /[\u00ad\u180e\u200b\u2060-\u2064\ufeff]/g;
/** A grapheme with anything a reader can see: not only spaces, controls, format characters or marks. */
const VISIBLE = /[^\s\p{Cc}\p{Cf}\p{Mn}\p{Me}\p{Zs}\p{Zl}\p{Zp}\u3164\u115f\u1160\uffa0\u2800]/u;

/** The text's user-perceived characters (grapheme clusters): an emoji or a flag is one, never half. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

/** True when the text holds no lone surrogate, so every serializer (JSON, URL-encoding, SMS) accepts it. */
export function isWellFormedText(text: string): boolean {
  return text.isWellFormed();
}

/** True when the text carries a directional override, embedding or isolate. */
export function hasBidiControls(text: string): boolean {
  return new RegExp(BIDI_CONTROLS.source).test(text);
}

/**
 * Free text as stored: well-formed, without directional controls or zero-width characters (they hide or
 * reorder what the next reader sees) and trimmed. Joiners inside emoji and marks stay.
 */
export function neutralised(text: string): string {
  return text.toWellFormed().replace(BIDI_CONTROLS, '').replace(INVISIBLE, '').trim();
}

/** How many characters a reader sees: grapheme clusters with something visible in them. */
export function visibleLength(text: string): number {
  let count = 0;
  for (const grapheme of graphemes(text)) if (VISIBLE.test(grapheme)) count++;
  return count;
}

/** Cuts to at most `max` grapheme clusters, with an ellipsis when something was cut. */
export function cutText(text: string, max: number): string {
  const parts = graphemes(text);
  return parts.length > max ? `${parts.slice(0, max).join('')}…` : text;
}

const LABEL = '[\\p{L}\\p{N}_-]+';
const DOT = '[.．｡。]';
const TLD = '(?:xn--[a-z0-9-]+|[a-zａ-ｚ]{2,24}|中国|中國|公司|网络|在线|网址|商城|政务|公益)';
/** Anything a phone or mail client might turn into a link: URLs, bare domains, IP addresses, e-mail addresses. */
const LINK_LIKE = new RegExp(
  [
    '[a-zａ-ｚ][a-z0-9+.-]*:\\/\\/\\S*',
    `(?:[\\w.+-]+@)?(?:${LABEL}${DOT})+${TLD}(?![a-zａ-ｚ])(?:[/:?#]\\S*)?`,
    '\\d{1,3}(?:[.．]\\d{1,3}){3}(?:[/:]\\S*)?',
  ].join('|'),
  'giu',
);
const LINE_BREAKS_AND_CONTROLS = /[\p{Cc}\p{Zl}\p{Zp}\u0085]+/gu;
/** Format characters, except a joiner between two pictographs (one emoji such as 👨‍👩‍👧). */
const FORMAT =
  /(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})|(?!\u200d)\p{Cf}/gu;
const QUOTES = /[「」『』]/g;

/** What replaces a link in resident text, so a report cannot put a working link into an official message. */
export const LINK_PLACEHOLDER = '[链接]';

/**
 * A resident's words as an official message may carry them: one line, no control, format or directional
 * characters, no link-like text, at most `max` characters, and visibly quoted (「…」) so nobody mistakes
 * them for our own words.
 */
export function quotedResidentText(text: string, max: number): string {
  const flat = text
    .toWellFormed()
    .replace(LINE_BREAKS_AND_CONTROLS, ' ')
    .replace(FORMAT, '')
    .replace(QUOTES, '')
    .replace(LINK_LIKE, LINK_PLACEHOLDER)
    .replace(/\s+/g, ' ')
    .trim();
  return `「${cutText(flat, max)}」`;
}
