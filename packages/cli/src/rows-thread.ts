/**
 * The rows thread of a pipeline (threads.ts): runs the row stage (rows-stage.ts) on the input it is
 * started with and sends each batch as it comes, at most a few ahead of the main thread, which
 * answers each batch it took with a credit; then, when asked, the series checks' end over a spill
 * folder the main thread hands over. build.mjs bundles it into dist/rows-thread.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { bucketClaims, buildContext, seriesFindings, spilledGroups } from "@langson-open-data/validate";
import { type RowStageInput, stageRows } from "./rows-stage.js";
import { packError } from "./thread-error.js";
import { IN_FLIGHT, type MainMessage, type RowsMessage, packBatch, packFindings } from "./threads.js";

const port = parentPort;
if (!port) throw new Error("rows-thread.mjs runs as a worker thread of the command line");
let credits = IN_FLIGHT;
let wake: (() => void) | undefined;
const send = (m: RowsMessage) => port.postMessage(m);
port.on("message", (m: MainMessage) => {
  if ("credit" in m) {
    credits += m.credit;
    wake?.();
    return;
  }
  // The series checks' end, over the buckets of the spill the main thread handed over that this
  // thread claims first (the main thread takes the others once its own checks are done).
  try {
    const { spillDir, shared, declared } = m.seriesEnd;
    const ctx = buildContext(declared.datasets, declared.rules, declared.file, declared.names);
    send({ series: packFindings(seriesFindings(ctx, spilledGroups(spillDir, bucketClaims(shared).claim))) });
  } catch (e) {
    send({ error: packError(e) });
  }
});
try {
  const rows = stageRows(workerData as RowStageInput);
  for (;;) {
    const next = await rows.next();
    if (next.done) {
      send({ done: next.value });
      break;
    }
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    send({ batch: packBatch(next.value) });
  }
} catch (e) {
  send({ error: packError(e) });
}
