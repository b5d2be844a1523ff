/**
 * How e2e tests launch Chromium: Debian's /usr/bin/chromium when it exists
 * (Playwright cannot download browsers on our machines), Playwright's own
 * elsewhere; launch flags from shared/notes/browser.md.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
/** Give headless Chromium a software (SwiftShader) WebGPU adapter so the WebGPU path can be tested without a GPU. */
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

export function launchOptions(extra: string[] = []) {
  return { executablePath: CHROMIUM, args: [...BASE_FLAGS, ...extra] };
}
