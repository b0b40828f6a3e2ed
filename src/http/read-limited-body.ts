import type { IncomingMessage } from 'node:http';

/**
 * The request's body, or undefined as soon as it is known to exceed `limitBytes` (from
 * Content-Length before reading anything, or while reading): an oversized body is never held whole.
 */
export async function readLimitedBody(request: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) return undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    const stop = (body: Buffer | undefined) => {
      request.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(body);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > limitBytes) stop(undefined);
      else chunks.push(chunk);
    };
    const onEnd = () => stop(Buffer.concat(chunks, total));
    request.on('data', onData).on('end', onEnd).on('error', reject);
  });
}
