import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { BUNDLE, editorBundle } from '../../scripts/ui/build-editor.js';

it('the committed editor bundle is what `npm run build:editor` makes from the locked packages', async () => {
  expect(readFileSync(BUNDLE, 'utf8') === (await editorBundle()), 'src/web/ui/public/vendor/codemirror.js is stale: run npm run build:editor and commit it').toBe(true);
});
