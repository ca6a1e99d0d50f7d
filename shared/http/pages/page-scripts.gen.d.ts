// The types of page-scripts.gen.js, which shared/http/pages/build-scripts.ts writes at synth and at local start.

/** Each page module's version (a digest of its body), by the name it is served under (/assets/{name}). */
export declare const SCRIPT_VERSIONS: Readonly<Record<string, string>>;

/** Each page module's bundled source, by the name it is served under. */
export declare const SCRIPT_BODIES: Readonly<Record<string, string>>;
