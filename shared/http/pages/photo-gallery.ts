import type { PhotoView } from '#use-cases/photos.ts';
import { escapeHtml } from './html.ts';
import type { Lang } from './lang.ts';

/** What each kind of photo is called on the pages. */
export const PHOTO_KIND_NAMES = {
  zh: { report: '反映人拍摄', before: '处理前', after: '处理后' },
  en: { report: 'From the report', before: 'Before', after: 'After' },
} as const;

const HEADING = { zh: '照片', en: 'Photos' } as const;

/**
 * The photos of a case as thumbnails, each a link to the full photo (tap to enlarge; no script needed).
 * Empty when there are none.
 */
export function photoGallery(lang: Lang, photos: readonly PhotoView[]): string {
  if (photos.length === 0) return '';
  const items = photos.map((photo) => {
    const name = PHOTO_KIND_NAMES[lang][photo.kind];
    return `<li><a href="${escapeHtml(photo.url)}" target="_blank" rel="noopener"><img src="${escapeHtml(photo.thumbnailUrl)}" alt="${escapeHtml(name)}" width="96" height="96" loading="lazy"></a><span>${escapeHtml(name)}</span></li>`;
  });
  return `<h2>${HEADING[lang]}</h2><ul class="photos">${items.join('')}</ul>`;
}
