/**
 * The entry point of `npm run serve`, apart from serve.ts so that importing the server (the CLI
 * bundle, the browser tests) never starts one.
 */
import { join } from "node:path";
import { buildSite } from "./build.js";
import { serveSite } from "./serve.js";

/** `npm run serve`: builds site/ from datasets/ (unless --no-build), then serves it on PORT (8080). */
async function main(): Promise<void> {
  const root = process.cwd();
  const siteDir = join(root, "site");
  if (!process.argv.includes("--no-build")) {
    const { pages } = await buildSite(join(root, "datasets"), siteDir);
    process.stdout.write(`built site/ (${pages} pages) from datasets/\n`);
  }
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number; found ${process.env.PORT}`);
  const { url } = await serveSite(siteDir, { port, host: process.env.HOST ?? "127.0.0.1" });
  process.stdout.write(`serving ${siteDir} at ${url} (Ctrl+C to stop)\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`serve: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
