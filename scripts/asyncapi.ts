import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventDocuments } from './concord-events';

/**
 * `npm run asyncapi`: writes docs/asyncapi.yaml and docs/events.md from libs/contracts and the
 * services' event manifests.
 */
const root = resolve(__dirname, '../..');
for (const [path, text] of Object.entries(eventDocuments(root))) {
  writeFileSync(resolve(root, path), text);
  console.log(`wrote ${path}`);
}
