export { check, run, verify } from "./commands.js";
export type { CommandIO, Format } from "./commands.js";
export { discoverPipelines, loadPipeline } from "./pipeline.js";
export type { LoadedPipeline } from "./pipeline.js";
export { datasetInputs, loadProject, planAll, renderPlansMarkdown, renderPlansText } from "./project.js";
export type { PlanSummary, Project } from "./project.js";
