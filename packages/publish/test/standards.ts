/**
 * Validation against the standards as their authors publish them, read in place from
 * `../shared/standards/` beside the repository (never copied in). Test-only: it uses dev dependencies.
 *
 * - ajv: compiles the Frictionless Data Package v2 profile (JSON Schema draft-07) with its default, draft-07 class.
 * - jsonld: turns the DCAT-AP JSON-LD into RDF triples, with no network (the context is inline).
 * - n3: parses the SHACL shapes (Turtle) and holds both graphs as RDF/JS datasets.
 * - rdf-validate-shacl: runs the DCAT-AP 3.0.1 shapes over those triples.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import jsonld from "jsonld";
import { Parser, Store } from "n3";
import SHACLValidator from "rdf-validate-shacl";

/** The repository root: three levels up from packages/publish/test/ (and from packages/publish/src/). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const STANDARDS_DIR = join(REPO_ROOT, "..", "shared", "standards");
export const DATAPACKAGE_PROFILE = join(STANDARDS_DIR, "datapackage-2.0", "datapackage.json");
export const DCAT_AP_SHAPES = [join(STANDARDS_DIR, "dcat-ap-3.0.1", "shapes.ttl"), join(STANDARDS_DIR, "dcat-ap-3.0.1", "range.ttl")];

/** True when the standards folder is there; tests skip (with {@link warnMissingStandards}) otherwise. */
export const HAS_STANDARDS = existsSync(DATAPACKAGE_PROFILE) && DCAT_AP_SHAPES.every((p) => existsSync(p));

export function warnMissingStandards(what: string): void {
  if (!HAS_STANDARDS) console.warn(`[standards] ${STANDARDS_DIR} is absent: skipping ${what}. Check out ../shared beside the repository to run it.`);
}

let datapackageValidator: ValidateFunction | undefined;

/** Validates a datapackage.json object against the official Data Package v2 profile. */
export async function validateDatapackage(descriptor: unknown): Promise<{ valid: boolean; errors: ErrorObject[] }> {
  if (!datapackageValidator) {
    // strict: false because the profile carries non-standard keywords (propertyOrder, options, context).
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat("uri", (s: string) => URL.canParse(s));
    ajv.addFormat("email", /^[^\s@]+@[^\s@]+$/);
    ajv.addFormat("date-time", (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)));
    ajv.addFormat("textarea", true);
    datapackageValidator = ajv.compile(JSON.parse(await readFile(DATAPACKAGE_PROFILE, "utf8")));
  }
  const valid = datapackageValidator(descriptor) as boolean;
  return { valid, errors: [...(datapackageValidator.errors ?? [])] };
}

export interface ShaclResult {
  readonly focusNode: string;
  readonly path: string;
  readonly severity: string;
  readonly message: string;
  readonly value: string;
}

let shapes: Store | undefined;

async function shapesGraph(): Promise<Store> {
  if (!shapes) {
    const store = new Store();
    for (const file of DCAT_AP_SHAPES) store.addQuads(new Parser({ format: "text/turtle" }).parse(await readFile(file, "utf8")));
    shapes = store;
  }
  return shapes;
}

/** RDF triples of a JSON-LD document, with every remote context refused: the catalogue must stand alone. */
export async function jsonldToStore(doc: object): Promise<Store> {
  const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, {
    format: "application/n-quads",
    documentLoader: async (url: string) => {
      throw new Error(`the JSON-LD document asked to load ${url}; it must not need the network`);
    },
  })) as unknown as string;
  const store = new Store();
  store.addQuads(new Parser({ format: "application/n-quads" }).parse(nquads));
  return store;
}

/** Validates a JSON-LD document against the DCAT-AP 3.0.1 SHACL shapes (shapes.ttl and range.ttl). */
export async function validateDcat(doc: object): Promise<{ conforms: boolean; triples: number; results: ShaclResult[] }> {
  const data = await jsonldToStore(doc);
  const validator = new SHACLValidator(await shapesGraph());
  const report = await validator.validate(data);
  const results = report.results.map((r) => ({
    focusNode: r.focusNode?.value ?? "",
    path: r.path?.value ?? "",
    severity: r.severity?.value.replace("http://www.w3.org/ns/shacl#", "") ?? "",
    message: r.message.map((m) => m.value).join("; "),
    value: r.value?.value ?? "",
  }));
  return { conforms: report.conforms, triples: data.size, results };
}
