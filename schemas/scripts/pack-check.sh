#!/usr/bin/env bash
# Packs the schemas package as npm would publish it, installs the tarball into a fresh project
# outside the repository, and uses it there: ESM import, TypeScript types, JSON Schemas reached
# through `exports`, one row validated with zod and with ajv.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$here/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$here"
npm run build --silent
npx publint --strict
tarball=$(npm pack --silent --pack-destination "$tmp" | tail -n 1)

mkdir "$tmp/consumer" && cd "$tmp/consumer"
npm init -y >/dev/null
npm pkg set type=module
npm install --silent --no-audit --no-fund "$tmp/$tarball" ajv@8 "typescript@$(node -p "require('$root/node_modules/typescript/package.json').version")" >/dev/null

cat > check.ts <<'TS'
import { observation, type Observation, Decimal, UNITS } from "@langson-open-data/schemas";
import { Ajv2020 } from "ajv/dist/2020.js";
import schema from "@langson-open-data/schemas/observation.schema.json" with { type: "json" };

const row: Observation = {
  dataset: "lang-son-trade", indicator: "TRADE_TOTAL", measure: "LEVEL", ref_area: "VN-09", time_period: "2023-Q1",
  value: Decimal.parse("640").shift(6).toString(), unit: "USD", unit_mult: 6, decimals: 0, obs_status: "E",
  source: "lang-son-2023-q1", origin: "stated", quote: "ước đạt 640 triệu USD", note: "",
};
const ajv = new Ajv2020({ strict: true });
const validate = ajv.compile(schema);
if (!validate(row)) throw new Error(`ajv rejected a valid row: ${JSON.stringify(validate.errors)}`);
if (!observation.safeParse(row).success) throw new Error("zod rejected a valid row");
if (validate({ ...row, value: "1.689,3" }) || observation.safeParse({ ...row, value: "1.689,3" }).success) throw new Error("a bad row passed");
console.log(`schemas package consumed: ${UNITS.length} units, value ${row.value}, zod and ajv agree`);
TS
cat > tsconfig.json <<'TS'
{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "target": "ES2022", "strict": true, "resolveJsonModule": true, "noEmit": false, "outDir": "out", "skipLibCheck": false, "types": [] }, "files": ["check.ts"] }
TS
npx tsc -p tsconfig.json
node out/check.js
