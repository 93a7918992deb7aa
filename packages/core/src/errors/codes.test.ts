import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './codes';

describe('error code catalog', () => {
  it('documents every code in docs/errors.md under its own anchor', () => {
    const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
    const missing = Object.keys(ERROR_CODES).filter(
      (code) => !doc.includes(`## ${code.toLowerCase().replaceAll('_', '-')}\n`),
    );
    expect(missing).toEqual([]);
  });
});
