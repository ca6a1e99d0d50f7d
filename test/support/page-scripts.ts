// Vitest's global setup: tests import the page handlers from source, so the page modules are built first, as
// `npm start` and synth build them.
import { writePageScripts } from '#http/pages/build-scripts.ts';

export default function setup(): void {
  writePageScripts();
}
