/**
 * The validate thread (validate-rows.ts): reads the part of observations.csv it is started with,
 * checks each row against the input schema and sends back what it found, once. build.mjs bundles it
 * into dist/validate-thread.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import { packError } from "./thread-error.js";
import { type RowsPartInput, type ValidateReply, packPart, validateRowsPart } from "./validate-rows.js";

const port = parentPort;
if (!port) throw new Error("validate-thread.mjs runs as a worker thread of the command line");
const send = (m: ValidateReply) => port.postMessage(m);
try {
  send(packPart(await validateRowsPart(workerData as RowsPartInput)));
} catch (e) {
  send({ error: packError(e) });
}
