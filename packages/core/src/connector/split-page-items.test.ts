import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ChannelPayloadError } from '../errors/errors';
import { parsePayload } from './parse-payload';
import { rawItemId, splitPageItems } from './split-page-items';

const Row = z.object({ id: z.number(), qty: z.number() });
const parse = (raw: unknown) => parsePayload('shop', 'row', Row, raw);

describe('splitPageItems', () => {
  it('keeps the valid items in order and rejects the malformed one with its id and the field', () => {
    const page = splitPageItems(
      [
        { id: 1, qty: 2 },
        { id: 2, qty: 'two' },
        { id: 3, qty: 4 },
      ],
      parse,
      (r) => rawItemId(r, 'id'),
    );
    expect(page.items.map((i) => i.id)).toEqual([1, 3]);
    expect(page.rejected).toHaveLength(1);
    expect(page.rejected[0]?.id).toBe('2');
    expect(ChannelPayloadError.isInstance(page.rejected[0]?.error)).toBe(true);
    expect(page.rejected[0]?.error.issues[0]?.path).toBe('qty');
  });

  it('rejects with a null id when the id cannot be read', () => {
    const page = splitPageItems([{ qty: 1 }, null], parse, (r) => rawItemId(r, 'id'));
    expect(page.rejected.map((r) => r.id)).toEqual([null, null]);
  });

  it('rethrows anything that is not a payload error (a bug must not pass as a bad item)', () => {
    const boom = () => {
      throw new TypeError('bug');
    };
    expect(() => splitPageItems([{}], boom, () => null)).toThrow(TypeError);
  });
});
