import sharp from 'sharp';
import type { ImageProcessor } from '#ports';

/** Long side of the stored photo: plenty for a phone screen, a fraction of a camera's 12 MP. */
const FULL_SIZE = 1600;
/** Long side of the thumbnail lists and the tracking page show. */
const THUMBNAIL_SIZE = 320;
/** Refuses decompression bombs: a small file that claims a huge canvas. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Re-encodes with sharp (libvips). sharp writes no metadata unless asked, so EXIF (with its GPS position),
 * XMP and ICC comments are gone; `rotate()` first applies the EXIF orientation so the photo stays upright.
 */
export const sharpProcessor: ImageProcessor = {
  async clean(bytes) {
    try {
      const upright = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
      const full = await upright
        .clone()
        .resize(FULL_SIZE, FULL_SIZE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      const thumbnail = await upright
        .clone()
        .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'cover' })
        .jpeg({ quality: 70 })
        .toBuffer();
      return { full: full.data, thumbnail, width: full.info.width, height: full.info.height };
    } catch {
      // libvips refuses what it cannot decode (a truncated file, a text file with an image's first bytes).
      return undefined;
    }
  },
};
