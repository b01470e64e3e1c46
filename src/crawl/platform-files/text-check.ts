import path from 'node:path';
import { ConfigError, describeReceived } from '../../errors.js';
import type { CrawlerDefinition } from '../definition.js';
import { parseDefinition } from '../loader.js';
import { placeIssues, syntaxIssues, type PlacedIssue } from '../../files/issue-positions.js';

export type TextCheck = { ok: true; definition: CrawlerDefinition } | { ok: false; issues: PlacedIssue[] };

/**
 * An editor's text checked as the loader will read it once saved as `file` (the same parse and
 * schema), every problem placed in the text; and it must stay the platform it is saved as.
 */
export function checkDefinitionText(text: string, file: string, platform: string): TextCheck {
  const syntax = syntaxIssues(text);
  if (syntax.length > 0) return { ok: false, issues: syntax };
  let definition: CrawlerDefinition;
  try {
    definition = parseDefinition(text, file);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const message = err.message.replace(`${file}: `, '').replace(/^field "[^"]*": /, '');
    return { ok: false, issues: placeIssues(text, err.issues.length > 0 ? err.issues : [{ field: err.field ?? '', message }]) };
  }
  if (definition.name !== platform) {
    const message = `expected name ${JSON.stringify(platform)} (the key of ${path.basename(file)}; a platform keeps its key), received ${describeReceived(definition.name)}`;
    return { ok: false, issues: placeIssues(text, [{ field: 'name', message }]) };
  }
  return { ok: true, definition };
}
