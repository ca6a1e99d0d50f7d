import { sharpProcessor } from '#adapters/images/sharp-processor.ts';
import type { ImageProcessor } from '#ports';

/** The image processor of the functions that attach photos (it brings sharp's native library). */
export const images = (): ImageProcessor => sharpProcessor;
