import { randomBytes } from "node:crypto";
import { constants, copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { PORTAL, datasetPath, siteBaseUrl } from "../portal.js";
import { FAVICON_SVG, SITE_CSS, SITE_JS } from "./assets.js";
import { cataloguePage } from "./catalogue-page.js";
import { datasetPage } from "./dataset-page.js";
import { html, t } from "./html.js";
import { page } from "./layout.js";
import { loadSiteModel } from "./model.js";
import { footerLinks } from "./shared.js";

/** A file in the output folder that marks it as a site this function built, and so safe to replace. */
export const SITE_MARKER = ".langson-site";

export interface BuildSiteOptions {
  /** Absolute base URL for canonical links and schema.org; default {@link siteBaseUrl}. */
  readonly baseUrl?: string;
  /** A dataset page lists its figures up to this many, else summarizes; default SITE_FIGURES_LIMIT. */
  readonly figuresLimit?: number;
}

/**
 * Builds the static site from a datasets/ folder into `outDir` (replaced as a whole): the catalogue
 * page, a page per dataset, and every published file under `datasets/`, so that the site is
 * self-contained and its download links are relative. Returns the number of HTML pages written.
 *
 * The published files are hard links where the file system allows (see {@link linkTree}): at 3 M
 * rows copying them took 7 s of every run. The site never writes into a file it did not create.
 *
 * @example
 * await buildSite("datasets", "site") // { pages: 10 }
 */
export async function buildSite(datasetsDir: string, outDir: string, options: BuildSiteOptions = {}): Promise<{ pages: number }> {
  const baseUrl = options.baseUrl ?? siteBaseUrl();
  const target = resolve(outDir);
  if (resolve(datasetsDir) === target || resolve(datasetsDir).startsWith(`${target}/`)) {
    throw new Error(`the site folder ${outDir} must not contain the datasets folder ${datasetsDir}`);
  }
  const existing = await readdir(target).catch(() => null);
  if (existing && existing.length > 0 && !existing.includes(SITE_MARKER)) {
    throw new Error(`${outDir} exists and was not built by buildSite (no ${SITE_MARKER}); refusing to replace it`);
  }

  const model = await loadSiteModel(datasetsDir, options.figuresLimit);
  const tmp = join(dirname(target), `.tmp-${basename(target)}-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(join(tmp, "assets"), { recursive: true });
    // The published files themselves, byte for byte; interrupted runs' debris and dotfiles stay out.
    if (await stat(datasetsDir).then((s) => s.isDirectory(), () => false)) {
      await linkTree(datasetsDir, join(tmp, "datasets"));
    }
    // Every file the site writes is new ("wx"): were a page's path a published file, linked here,
    // writing it would change the published file itself.
    const create = async (path: string, text: string) => {
      try {
        await writeFile(path, text, { flag: "wx" });
      } catch (e) {
        // Only under datasets/ can a page meet a linked file; anything else is not this error.
        const inDatasets = relative(join(tmp, "datasets"), path);
        if ((e as NodeJS.ErrnoException).code !== "EEXIST" || inDatasets.startsWith("..")) throw e;
        throw new Error(`${join(datasetsDir, inDatasets)} is a published file where the site puts its page ${relative(tmp, path)}; the site was not built`, { cause: e });
      }
    };
    await create(join(tmp, "assets", "site.css"), SITE_CSS);
    await create(join(tmp, "assets", "site.js"), SITE_JS);
    await create(join(tmp, "assets", "favicon.svg"), FAVICON_SVG);
    await create(join(tmp, SITE_MARKER), "Built by buildSite from the datasets folder; replaced as a whole on every build.\n");
    await create(join(tmp, ".nojekyll"), "");
    let pages = 0;
    await create(join(tmp, "index.html"), cataloguePage(model, baseUrl));
    pages++;
    for (const d of model.datasets) {
      await mkdir(join(tmp, datasetPath(d.id)), { recursive: true });
      await create(join(tmp, datasetPath(d.id), "index.html"), datasetPage(d, model, baseUrl));
      pages++;
    }
    await create(join(tmp, "404.html"), notFoundPage(model, baseUrl));
    pages++;
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
    return { pages };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/** Errors of `link` that mean "not here": another file system, or one without hard links. */
const NO_LINK = new Set(["EXDEV", "EPERM", "EMLINK", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/**
 * The published files of `from` at the same paths under `to` (new folders), dotfiles (debris of
 * interrupted runs) and symbolic links left out: each a hard link to the published file, or a copy of it where the file
 * system cannot link (another device, no hard links). Published files are never written in place
 * (a release is written beside and renamed), so a link shows the same bytes as a copy.
 * `linkFile` is the link step, for tests of the fallback.
 */
export async function linkTree(from: string, to: string, linkFile: (src: string, dst: string) => Promise<void> = link): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const e of await readdir(from, { withFileTypes: true })) {
    if (e.name.startsWith(".")) continue;
    const src = join(from, e.name);
    const dst = join(to, e.name);
    if (e.isDirectory()) await linkTree(src, dst, linkFile);
    else if (e.isFile()) {
      try {
        await linkFile(src, dst);
      } catch (err) {
        if (!NO_LINK.has((err as NodeJS.ErrnoException).code ?? "")) throw err;
        await copyFile(src, dst, constants.COPYFILE_EXCL);
      }
    }
  }
}

function notFoundPage(model: Parameters<typeof footerLinks>[0], baseUrl: string): string {
  // Served at any depth, so its links are absolute from the site root.
  const root = new URL(baseUrl).pathname;
  return page({
    root,
    url: `${baseUrl}404.html`,
    title: { vi: "Không tìm thấy trang", en: "Page not found" },
    description: PORTAL.description,
    body: html`<section class="hero"><h1>${t("Không tìm thấy trang", "Page not found")}</h1>
<p class="lede">${t("Địa chỉ này không có trong danh mục. Các phiên bản đã công bố không bao giờ bị xóa; hãy kiểm tra lại đường dẫn.", "This address is not in the catalogue. Published versions are never removed; check the link.")}</p>
<p><a class="btn primary" href="${root}index.html">${t("Về danh mục dữ liệu", "Back to the data catalogue")}</a></p></section>`,
    footerLinks: footerLinks(model),
  });
}
