// No imports: the benchmark reads this beside the construct, and builds with esbuild's JS API, not CDK.

/**
 * The esbuild options of every function bundle, in NodejsFunction's spelling: GridworkFunction deploys with them and
 * the cold-start benchmark measures bundles built with them.
 */
export const BUNDLING = {
  format: 'esm',
  target: 'node22',
  minify: true,
  sourceMap: true,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner:
    "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);",
} as const;
