import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PublishWriteError, TMP_PREFIX, VersionExistsError, cleanTemporaries, writeFileAtomic, writeFolderAtomic } from "./fsutil.js";

// Process kills, full disks and read-only folders are exercised end to end by test/hostile/faults.test.ts.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "langson-fsutil-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const errno = (code: string) => Object.assign(new Error(`${code}: test`), { code });

describe("PublishWriteError", () => {
  it.each([
    ["ENOSPC", "the disk is full (ENOSPC)"],
    ["EROFS", "the folder is on a read-only file system (EROFS)"],
    ["EACCES", "the folder may not be written to (permissions) (EACCES)"],
  ])("says what %s means, what was kept, and what to do", (code, why) => {
    const e = new PublishWriteError("/data/datasets/x/1.0.1", "Every version published before is intact.", errno(code));
    expect(e.message).toBe(`cannot write /data/datasets/x/1.0.1: ${why}. Every version published before is intact. Fix that, then run again.`);
    expect(e.code).toBe(code);
    expect((e.cause as Error).message).toBe(`${code}: test`);
  });
});

describe("writeFolderAtomic", () => {
  it("writes every file and leaves no temporary", async () => {
    const target = join(dir, "d", "1.0.0");
    await writeFolderAtomic(target, new Map([["a.txt", "a"], ["b.txt", "b"]]));
    expect((await readdir(target)).sort()).toEqual(["a.txt", "b.txt"]);
    expect((await readdir(join(dir, "d"))).filter((n) => n.startsWith(TMP_PREFIX))).toEqual([]);
  });

  it("never writes over a published version", async () => {
    const target = join(dir, "d2", "1.0.0");
    await writeFolderAtomic(target, new Map([["a.txt", "first"]]));
    await expect(writeFolderAtomic(target, new Map([["a.txt", "second"]]))).rejects.toBeInstanceOf(VersionExistsError);
    expect(await readFile(join(target, "a.txt"), "utf8")).toBe("first");
  });

  it("turns a failure of the machine into a PublishWriteError and leaves nothing behind", async () => {
    await writeFile(join(dir, "not-a-folder"), "");
    await expect(writeFolderAtomic(join(dir, "not-a-folder", "1.0.0"), new Map([["a.txt", "a"]]))).rejects.toBeInstanceOf(PublishWriteError);
  });
});

describe("writeFileAtomic and cleanTemporaries", () => {
  it("replaces a file whole, and an interrupted run's temporaries are removed", async () => {
    await mkdir(join(dir, "idx", "ds"), { recursive: true });
    await writeFileAtomic(join(dir, "idx", "ds", "latest.json"), "{}\n");
    await writeFile(join(dir, "idx", "ds", `${TMP_PREFIX}latest.json-dead`), "{");
    await mkdir(join(dir, "idx", "ds", `${TMP_PREFIX}1.0.1-dead`));
    expect((await cleanTemporaries(join(dir, "idx"))).map((p) => p.slice(dir.length)).sort()).toEqual([
      `/idx/ds/${TMP_PREFIX}1.0.1-dead`,
      `/idx/ds/${TMP_PREFIX}latest.json-dead`,
    ]);
    expect(await readdir(join(dir, "idx", "ds"))).toEqual(["latest.json"]);
  });
});
