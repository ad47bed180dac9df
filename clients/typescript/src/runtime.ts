// The reference client's transport: URLs, JSON and form bodies, bearer tokens (client credentials) and Nabij's errors.

/** Nabij's error answer: a stable code, the field, Dutch and English text, and per-item problems for batches. */
export class NabijError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | null;
  readonly nl: string;
  readonly details: Array<{ field: string; code: string; nl: string; en: string }>;
  constructor(status: number, body: { error?: { code?: string; field?: string | null; nl?: string; en?: string; details?: NabijError['details'] } } | null) {
    super(body?.error?.en ?? `HTTP ${status}`);
    this.name = 'NabijError';
    this.status = status;
    this.code = body?.error?.code ?? `http.${status}`;
    this.field = body?.error?.field ?? null;
    this.nl = body?.error?.nl ?? '';
    this.details = body?.error?.details ?? [];
  }
}

/** Returns a valid token; `reset` forgets a token the server refused (expired or rotated). */
export type TokenSource = (() => Promise<string>) & { reset?: () => void };

export interface TransportOptions {
  /** Where Nabij runs, for example https://nabij.gemeente.example (without /api/v1). */
  baseUrl: string;
  /** A bearer token, or a function that returns a fresh one (see clientCredentials). */
  token?: string | TokenSource;
  fetch?: typeof fetch;
}

export interface CallInput {
  params?: object;
  query?: object;
  body?: unknown;
  headers?: Record<string, string>;
}

export class Transport {
  readonly options: TransportOptions;
  constructor(options: TransportOptions) {
    this.options = options;
  }

  url(path: string, params: object = {}, query: object = {}): string {
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((params as Record<string, unknown>)[name])));
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) qs.set(k, String(v));
    const s = qs.toString();
    return `${this.options.baseUrl.replace(/\/$/, '')}${filled}${s ? `?${s}` : ''}`;
  }

  async call<T>(method: string, path: string, input: CallInput, contentType = 'application/json', retried = false): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...(input.headers ?? {}) };
    const source = this.options.token;
    const token = typeof source === 'function' ? await source() : source;
    if (token && !headers.authorization) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (input.body !== undefined) {
      headers['content-type'] = contentType;
      body = contentType === 'application/x-www-form-urlencoded' ? new URLSearchParams(input.body as Record<string, string>).toString() : JSON.stringify(input.body);
    }
    const res = await (this.options.fetch ?? fetch)(this.url(path, input.params, input.query), { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const json = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : text || null;
    // A token can expire between calls (a consumer offline for a week): get a new one once and try again.
    if (res.status === 401 && typeof source === 'function' && source.reset && !retried) {
      source.reset();
      return this.call<T>(method, path, input, contentType, true);
    }
    if (!res.ok) throw new NabijError(res.status, typeof json === 'object' ? json : null);
    return json as T;
  }
}

/**
 * OAuth 2.0 client credentials: asks the token endpoint (HTTP Basic) and keeps the token until a minute before it
 * expires. Concurrent callers share one request.
 */
export function clientCredentials(baseUrl: string, clientId: string, clientSecret: string, fetcher: typeof fetch = fetch): TokenSource {
  let token: string | null = null;
  let until = 0;
  let pending: Promise<string> | null = null;
  const source: TokenSource = async () => {
    if (token && Date.now() < until) return token;
    pending ??= (async () => {
      const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
      const res = await fetcher(`${baseUrl.replace(/\/$/, '')}/api/v1/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: 'grant_type=client_credentials',
      });
      const json = (await res.json()) as { access_token?: string; expires_in?: number };
      if (!res.ok || !json.access_token) throw new NabijError(res.status, json as never);
      token = json.access_token;
      until = Date.now() + ((json.expires_in ?? 60) - 60) * 1000;
      return token;
    })().finally(() => (pending = null));
    return pending;
  };
  source.reset = () => {
    token = null;
  };
  return source;
}
