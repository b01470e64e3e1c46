// Builds the 采集平台 editor's vendor bundle (CodeMirror 6 + jsdiff) from node_modules:
//   npm run build:editor           writes src/web/ui/public/vendor/codemirror.js
// The bundle is committed, so `npm ci && npm start` serves it without a build step (and without
// install scripts, which npm may skip); test/web/editor-bundle.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const ENTRY = fileURLToPath(new URL('./codemirror-entry.js', import.meta.url));
export const BUNDLE = fileURLToPath(new URL('../../src/web/ui/public/vendor/codemirror.js', import.meta.url));

/** The bundle's text: ES module, minified, no source map, the same bytes for the same lock file. */
export async function editorBundle(): Promise<string> {
  const out = await build({ entryPoints: [ENTRY], bundle: true, format: 'esm', minify: true, legalComments: 'eof', target: 'es2022', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(BUNDLE, await editorBundle());
  console.log(`wrote ${BUNDLE}`);
}
