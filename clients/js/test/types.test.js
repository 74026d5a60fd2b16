// The committed TypeScript types are those openapi-typescript generates from openapi.yaml now,
// and the hand-written public types compile against them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('..', import.meta.url));
const spec = join(here, '..', '..', 'openapi.yaml');
const committed = join(here, 'types', 'openapi.d.ts');

test('types/openapi.d.ts is current with openapi.yaml (npm run types regenerates it)', () => {
  const fresh = join(mkdtempSync(join(tmpdir(), 'annotation-types-')), 'openapi.d.ts');
  execFileSync(process.execPath,
    [join(here, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), spec, '--output', fresh],
    { stdio: 'pipe' });
  assert.equal(readFileSync(committed, 'utf8'), readFileSync(fresh, 'utf8'),
    'types/openapi.d.ts is stale: run `npm run types` in clients/js');
});

test('index.d.ts and a usage example type-check against the generated types', () => {
  execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', here],
    { stdio: 'pipe' });
});
