// The photo parts of the resident and tracking pages: the file field and the words the modules show.
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_KIND, PHOTO_TYPES } from '#domain/photos.ts';
import { escapeHtml } from './html.ts';
import type { Lang } from './lang.ts';
import { PHOTO_KIND_NAMES } from './photo-gallery.ts';

const LABEL = {
  zh: `照片（选填，最多 ${MAX_PHOTOS_PER_KIND} 张，每张不超过 10 MB）`,
  en: `Photos (optional, up to ${MAX_PHOTOS_PER_KIND}, 10 MB each)`,
} as const;

/** The report form's file field (JPEG, PNG or WebP); its module uploads the files once the report is taken. */
export function photoField(lang: Lang): string {
  return `<label for="photos">${escapeHtml(LABEL[lang])}</label><input id="photos" name="photos" type="file" accept="${PHOTO_TYPES.join(',')}" multiple aria-describedby="photos-error"><p class="error" id="photos-error" role="alert"></p>`;
}

const WORK = {
  zh: { label: '处理前后照片（需开启脚本）', kind: '照片类型', send: '上传照片' },
  en: { label: 'Photos of the work (needs scripts)', kind: 'Kind of photo', send: 'Upload photos' },
} as const;

/** The link page's photo form for the resolve task: shown by its module, since uploads need scripts. */
export function workPhotoForm(lang: Lang): string {
  const w = WORK[lang];
  const kinds = (['before', 'after'] as const)
    .map((kind) => `<option value="${kind}">${escapeHtml(PHOTO_KIND_NAMES[lang][kind])}</option>`)
    .join('');
  return `<form id="photo-form" hidden><label for="photos">${escapeHtml(w.label)}</label><input id="photos" name="photos" type="file" accept="${PHOTO_TYPES.join(',')}" multiple aria-describedby="photos-error"><label for="photo-kind">${escapeHtml(w.kind)}</label><select id="photo-kind" name="kind">${kinds}</select><p class="error" id="photos-error" role="alert"></p><button type="submit" class="secondary">${escapeHtml(w.send)}</button></form>`;
}

/** What the photo module says, in the page's language. */
export function photoScriptText(lang: Lang) {
  const zh = lang === 'zh';
  return {
    maxCount: MAX_PHOTOS_PER_KIND,
    maxBytes: MAX_PHOTO_BYTES,
    types: [...PHOTO_TYPES],
    tooMany: zh ? `最多 ${MAX_PHOTOS_PER_KIND} 张照片。` : `At most ${MAX_PHOTOS_PER_KIND} photos.`,
    tooLarge: zh ? '照片“{}”超过 10 MB。' : 'The photo “{}” is over 10 MB.',
    wrongType: zh ? '“{}”不是 JPEG、PNG 或 WebP 照片。' : '“{}” is not a JPEG, PNG or WebP photo.',
    uploading: zh ? '正在上传照片 {}…' : 'Uploading photo {}…',
    failed: zh
      ? '问题已提交，但照片“{}”未能上传。'
      : 'The report was sent, but the photo “{}” could not be uploaded.',
    notUploaded: zh ? '照片“{}”未能上传。' : 'The photo “{}” could not be uploaded.',
    heading: zh ? '照片' : 'Photos',
    kinds: PHOTO_KIND_NAMES[lang],
  };
}

export type PhotoScriptText = ReturnType<typeof photoScriptText>;
