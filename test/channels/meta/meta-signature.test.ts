import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLikeMeta, signatureHeaders } from '../../../emulators/meta/webhooks/encode.js';
import { verifyMetaSignature } from '../../../src/channels/meta/meta-signature.js';

const appSecret = '0123456789abcdef0123456789abcdef';
/** Any bytes signed as Meta signs its notifications (the emulator signs the text it sends, which is UTF-8). */
const signed = (body: Buffer, secret = appSecret) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const body = fc.uint8Array({ minLength: 0, maxLength: 2048 }).map((bytes) => Buffer.from(bytes));

/** The same bytes with one of them changed (at `at` modulo the length, by a non-zero `delta`). */
function withOneByteChanged(bytes: Buffer, at: number, delta: number): Buffer {
  const changed = Buffer.from(bytes);
  const index = at % changed.length;
  changed[index] = (changed[index]! + delta) % 256;
  return changed;
}

describe('verifyMetaSignature', () => {
  it('accepts a notification as the Meta emulator signs it (escaped, as Meta writes it)', () => {
    const raw = Buffer.from(
      encodeLikeMeta({
        object: 'page',
        entry: [{ id: '1', time: 1, changes: [{ field: 'feed', value: { message: 'Où est ma commande ? 🫖 https://x.y/z' } }] }],
      }),
    );
    expect(verifyMetaSignature(raw, signatureHeaders(appSecret, raw.toString())['x-hub-signature-256'], appSecret)).toEqual({ ok: true });
  });

  it('accepts any body signed with the app secret', () => {
    fc.assert(fc.property(body, (raw) => verifyMetaSignature(raw, signed(raw), appSecret).ok));
  });

  it('refuses any body with any one byte changed', () => {
    fc.assert(
      fc.property(
        body.filter((raw) => raw.length > 0),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (raw, at, delta) => {
          const verdict = verifyMetaSignature(withOneByteChanged(raw, at, delta), signed(raw), appSecret);
          return !verdict.ok && verdict.refusal === 'forged';
        },
      ),
    );
  });

  it('refuses a signature with any one byte changed, however the header is mangled', () => {
    fc.assert(
      fc.property(body, fc.nat(), fc.integer({ min: 1, max: 255 }), (raw, at, delta) => {
        const header = withOneByteChanged(Buffer.from(signed(raw), 'latin1'), at, delta).toString('latin1');
        return !verifyMetaSignature(raw, header, appSecret).ok;
      }),
    );
  });

  it('refuses a signature made with another secret, a truncated or uppercased one, or the legacy SHA-1 header', () => {
    const raw = Buffer.from('{"object":"page","entry":[]}');
    const good = signed(raw);
    for (const header of [
      signed(raw, 'another-secret'),
      good.slice(0, -1),
      `${good}0`,
      good.toUpperCase(),
      `sha256=${good.slice(7).toUpperCase()}`,
      signatureHeaders(appSecret, raw.toString())['x-hub-signature'],
    ]) {
      expect(verifyMetaSignature(raw, header, appSecret)).toMatchObject({ ok: false, refusal: 'forged' });
    }
  });

  it('tells an unsigned request from a forged one', () => {
    const raw = Buffer.from('{}');
    expect(verifyMetaSignature(raw, undefined, appSecret)).toMatchObject({ ok: false, refusal: 'unsigned' });
    expect(verifyMetaSignature(raw, '', appSecret)).toMatchObject({ ok: false, refusal: 'unsigned' });
    expect(verifyMetaSignature(raw, [signed(raw), signed(raw)], appSecret)).toMatchObject({ ok: false, refusal: 'forged' });
  });
});
