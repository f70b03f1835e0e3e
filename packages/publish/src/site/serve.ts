import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

/** Content types by file name ending; SHA256SUMS has none and is text. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".jsonld": "application/ld+json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".parquet": "application/vnd.apache.parquet",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

export function contentType(path: string): string {
  if (path.endsWith("/SHA256SUMS") || path === "SHA256SUMS") return "text/plain; charset=utf-8";
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

async function fileAt(root: string, urlPath: string): Promise<{ path: string; size: number } | "redirect" | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return null;
  // Dotfiles (the build marker, .nojekyll) are not part of the site.
  if (path.slice(root.length).split(sep).some((part) => part.startsWith("."))) return null;
  const s = await stat(path).catch(() => null);
  if (!s) return null;
  if (s.isDirectory()) {
    if (!decoded.endsWith("/")) return "redirect";
    const index = join(path, "index.html");
    const si = await stat(index).catch(() => null);
    return si?.isFile() ? { path: index, size: si.size } : null;
  }
  return s.isFile() ? { path, size: s.size } : null;
}

/**
 * A static file server for the built site: GET and HEAD, index.html for folders, the site's 404 page,
 * nothing outside the root. Plain node:http.
 */
export function createSiteServer(siteDir: string): Server {
  const root = resolve(siteDir);
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const headers = { "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache" };
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { ...headers, Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end("method not allowed\n");
        return;
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      const found = await fileAt(root, url.pathname);
      if (found === "redirect") {
        res.writeHead(301, { ...headers, Location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      if (!found) {
        const page = await fileAt(root, "/404.html");
        res.writeHead(404, { ...headers, "Content-Type": "text/html; charset=utf-8" });
        if (page && page !== "redirect" && req.method === "GET") createReadStream(page.path).pipe(res);
        else res.end(req.method === "GET" ? "not found\n" : undefined);
        return;
      }
      res.writeHead(200, { ...headers, "Content-Type": contentType(found.path), "Content-Length": String(found.size) });
      if (req.method === "HEAD") res.end();
      else createReadStream(found.path).on("error", () => res.destroy()).pipe(res);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end();
    });
  });
}

/** Serves `siteDir` on `host:port` (port 0 picks a free one); resolves with the server and its URL. */
export async function serveSite(siteDir: string, options: { port?: number; host?: string } = {}): Promise<{ server: Server; url: string }> {
  const server = createSiteServer(siteDir);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 8080, host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/` };
}
