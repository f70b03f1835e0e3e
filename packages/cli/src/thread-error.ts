/** A failure as it crosses from a thread to the main thread: what an Error carries, as plain data. */
export interface PackedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
}

export function packError(e: unknown): PackedError {
  const error = e instanceof Error ? e : new Error(String(e));
  const code = (error as NodeJS.ErrnoException).code;
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(code ? { code } : {}) };
}

export function unpackError(p: PackedError): Error {
  return Object.assign(new Error(p.message), { name: p.name, stack: p.stack ?? `${p.name}: ${p.message}`, ...(p.code ? { code: p.code } : {}) });
}
