import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate for 127.0.0.1 and localhost; clients trust `cert` as their CA. */
export async function generateLocalCertificate(): Promise<TlsMaterial> {
  // The real clock, not the emulator's injectable one: TLS clients check validity against it.
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'Earshot X API emulator' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + 30 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
