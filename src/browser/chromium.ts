/**
 * Launching Debian's Chromium through Playwright. Never a downloaded browser: the executable path
 * comes from configuration (CHROMIUM_PATH, /usr/bin/chromium by default).
 */
import { type Browser, chromium } from "playwright";

/** Flags that work as root and offline: no sandbox (root), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
