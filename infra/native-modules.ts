// Packages with native code (sharp) that esbuild cannot bundle are installed beside a function's bundle instead.
import { readFileSync } from 'node:fs';
import { REPO_ROOT } from './paths.ts';

/** The npm command that installs native packages for Lambda's platform into a bundle's directory. */
export function nativeInstallCommand(outputDir: string, modules: readonly string[]): string {
  const pinned = JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')).dependencies ?? {};
  const specs = modules.map((name) => {
    if (!pinned[name]) throw new Error(`${name} is not a dependency in package.json`);
    return `${name}@${pinned[name]}`;
  });
  return [
    'npm install --no-save --no-package-lock --omit=dev --os=linux --cpu=arm64 --libc=glibc',
    `--prefix "${outputDir}"`,
    ...specs,
  ].join(' ');
}
