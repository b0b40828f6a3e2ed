import { z } from 'zod';

export interface GraphClientOptions {
  /** e.g. https://graph.facebook.com/v21.0 (an emulator's in tests and the sandbox). */
  graphUrl: string;
  accessToken: string;
  /** A read Meta has not answered in this long is abandoned. */
  readTimeoutMs: number;
  /** A write that takes longer is abandoned; its outcome is then unknown and looked up before a retry. */
  writeTimeoutMs: number;
}

/** Calls to the Graph API with one token; every call has a deadline. */
export interface GraphClient {
  get(path: string, params?: Record<string, string>): Promise<unknown>;
  post(path: string, params: Record<string, string>): Promise<unknown>;
}

const graphErrorBodySchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
  }),
});

/** Graph answered with an error body `{error:{code,error_subcode,message,type}}` (or an HTTP error without one: code 0). */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly subcode: number | undefined,
    readonly graphMessage: string,
    /** `x-business-use-case-usage` / `x-app-usage`, read for when a throttled account regains access. */
    readonly usageHeaders: Readonly<Record<string, string>>,
  ) {
    super(`Graph API error ${code}${subcode === undefined ? '' : `/${subcode}`} (HTTP ${status}): ${graphMessage}`);
    this.name = 'GraphApiError';
  }
}

const usageHeaderNames = ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage'];

export function createGraphClient({ graphUrl, accessToken, readTimeoutMs, writeTimeoutMs }: GraphClientOptions): GraphClient {
  const base = graphUrl.replace(/\/+$/, '');
  // The token goes in a header, so it never appears in a URL that an error or a log could repeat.
  const headers = { authorization: `Bearer ${accessToken}` };

  async function answer(response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok && body !== undefined) return body;
    const usage = Object.fromEntries(usageHeaderNames.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])));
    const parsed = graphErrorBodySchema.safeParse(body);
    if (!parsed.success) throw new GraphApiError(response.status, 0, undefined, response.ok ? 'an answer that is not JSON' : response.statusText, usage);
    const { code, error_subcode: subcode, message } = parsed.data.error;
    throw new GraphApiError(response.status, code, subcode, message ?? '', usage);
  }

  return {
    async get(path, params = {}) {
      const query = new URLSearchParams(params).toString();
      const response = await fetch(`${base}/${path}${query ? `?${query}` : ''}`, { headers, signal: AbortSignal.timeout(readTimeoutMs) });
      return answer(response);
    },
    async post(path, params) {
      const response = await fetch(`${base}/${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(writeTimeoutMs),
      });
      return answer(response);
    },
  };
}
