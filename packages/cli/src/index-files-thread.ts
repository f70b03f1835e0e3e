/**
 * The index files thread of a large run (index-files.ts): writes a dataset's index files
 * (vintages.csv, CHANGELOG.md, latest.json), or streams a version's data files (renderDataFiles,
 * the figures read from a spool's state), as the main thread asks, one request at a time, in the
 * order asked, and says when each is done or why it failed. build.mjs bundles it into
 * dist/index-files-thread.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ObservationSpool, faultCounter, renderDataFiles, writeDatasetIndex } from "@langson-open-data/publish";
import type { IndexReply, IndexRequest, IndexThreadData, RenderReply, RenderRequest } from "./index-files.js";
import { packError } from "./thread-error.js";

const port = parentPort;
if (!port) throw new Error("index-files-thread.mjs runs as a worker thread of the command line");
faultCounter((workerData as IndexThreadData).faultSteps);
// One request at a time, in the order they come (the main thread hands index files over one by one).
let turn = Promise.resolve();
port.on("message", (m: IndexRequest | RenderRequest) => {
  turn = turn.then(async () => {
    if ("render" in m) {
      try {
        const observations = ObservationSpool.reading(m.spool);
        const data = await renderDataFiles({ meta: { id: m.dataset }, observations }, m.stage, m.version, m.initial);
        port.postMessage({ render: m.render, data } satisfies RenderReply);
      } catch (e) {
        port.postMessage({ render: m.render, error: packError(e) } satisfies RenderReply);
      }
      return;
    }
    try {
      await writeDatasetIndex(m.datasetsDir, m.dataset);
      port.postMessage({ dataset: m.dataset } satisfies IndexReply);
    } catch (e) {
      port.postMessage({ dataset: m.dataset, error: packError(e) } satisfies IndexReply);
    }
  });
});
