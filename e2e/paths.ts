// Where the browser tests find Chromium and keep their screenshots.
import path from 'node:path';

export const CHROMIUM = process.env.MOTCUA_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve(process.env.MOTCUA_SCREENSHOTS ?? 'e2e/screenshots');
