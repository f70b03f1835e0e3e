/**
 * The index files thread of a large run (index-files.ts): writes each dataset's index files
 * (vintages.csv, CHANGELOG.md, latest.json) as the main thread asks, one dataset at a time, in the
 * order asked, and says when each is written or why it failed. build.mjs bundles it into
 * dist/index-files-thread.mjs.
 */
import { parentPort } from "node:worker_threads";
import { writeDatasetIndex } from "@langson-open-data/publish";
import type { IndexReply, IndexRequest } from "./index-files.js";
import { packError } from "./thread-error.js";

const port = parentPort;
if (!port) throw new Error("index-files-thread.mjs runs as a worker thread of the command line");
let turn = Promise.resolve();
port.on("message", ({ datasetsDir, dataset }: IndexRequest) => {
  // One at a time: two external sorts at once would hold twice the memory.
  turn = turn.then(async () => {
    try {
      await writeDatasetIndex(datasetsDir, dataset);
      port.postMessage({ dataset } satisfies IndexReply);
    } catch (e) {
      port.postMessage({ dataset, error: packError(e) } satisfies IndexReply);
    }
  });
});
