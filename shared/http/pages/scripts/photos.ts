// Photos in the browser: checked before anything is sent, uploaded straight to the bucket with the presigned
// form the API hands out, then attached; and shown as thumbnails that open the full photo.
import { api, el, type Problem } from './common.ts';

export interface PhotoStrings {
  readonly maxCount: number;
  readonly maxBytes: number;
  readonly types: readonly string[];
  readonly tooMany: string;
  readonly tooLarge: string;
  readonly wrongType: string;
  readonly uploading: string;
  readonly failed: string;
  readonly notUploaded: string;
  readonly heading: string;
  readonly kinds: Readonly<Record<string, string>>;
}

/** A photo as GET /issues/{id} shows it. */
export interface PhotoView {
  readonly id: string;
  readonly kind: string;
  readonly url: string;
  readonly thumbnailUrl: string;
}

interface Upload {
  readonly uploadId: string;
  readonly url: string;
  readonly fields: Readonly<Record<string, string>>;
}

/** Why these files cannot be sent (the page's words), or '' when they can. The server checks again. */
export function photoProblem(files: readonly File[], t: PhotoStrings): string {
  if (files.length > t.maxCount) return t.tooMany;
  const wrong = files.find((file) => !t.types.includes(file.type));
  if (wrong) return t.wrongType.replace('{}', wrong.name);
  const large = files.find((file) => file.size > t.maxBytes);
  return large ? t.tooLarge.replace('{}', large.name) : '';
}

/**
 * Uploads and attaches each file to the case at `base` (`/issues/{id}` or `/tasks/{link}`); returns the names
 * of the files that did not make it. `progress` hears which one is under way.
 */
export async function uploadPhotos(
  base: string,
  headers: Record<string, string>,
  files: readonly File[],
  kind: string,
  progress: (index: number) => void,
): Promise<string[]> {
  const failed: string[] = [];
  for (const [index, file] of files.entries()) {
    progress(index + 1);
    const asked = await api<Upload & Problem>(
      'POST',
      `${base}/photo-uploads`,
      { kind, contentType: file.type, size: file.size },
      headers,
    );
    const sent = asked.status === 201 && asked.body ? await postForm(asked.body, file) : false;
    const attached =
      sent && asked.body
        ? await api('POST', `${base}/photos`, { uploadId: asked.body.uploadId, kind }, headers)
        : undefined;
    if (attached?.status !== 201) failed.push(file.name);
  }
  return failed;
}

async function postForm(upload: Upload, file: File): Promise<boolean> {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  try {
    return (await fetch(upload.url, { method: 'POST', body: form })).ok;
  } catch {
    return false;
  }
}

/** Thumbnails that open the full photo (tap to enlarge), with what each shows. */
export function photoList(photos: readonly PhotoView[], t: PhotoStrings): HTMLElement {
  return el(
    'ul',
    { class: 'photos' },
    ...photos.map((photo) => {
      const name = t.kinds[photo.kind] ?? photo.kind;
      return el(
        'li',
        {},
        el(
          'a',
          { href: photo.url, target: '_blank', rel: 'noopener' },
          el('img', { src: photo.thumbnailUrl, alt: name, width: '96', height: '96' }),
        ),
        el('span', { text: name }),
      );
    }),
  );
}
