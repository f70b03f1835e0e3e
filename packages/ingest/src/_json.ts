/** A key an object holds twice: JSON.parse keeps the last silently, so the first would be lost. */
export interface DuplicateKey {
  /** Dotted path of the repeated key, as schema findings name fields: "datasets.0.indicators.2.code". */
  readonly path: string;
  readonly line: number;
  readonly firstLine: number;
}

export interface JsonScan {
  /** Offset of the first character that breaks the JSON grammar, if any. */
  readonly errorAt?: number;
  readonly duplicates: readonly DuplicateKey[];
}

interface Frame {
  readonly kind: "object" | "array";
  readonly keys: Map<string, number>;
  key: string;
  index: number;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERAL = /true|false|null/y;

/**
 * Reads JSON text for what JSON.parse does not tell: where a syntax error is (Node 20's message
 * gives no position) and which object keys are repeated. Iterative, so deep nesting cannot
 * overflow the stack.
 *
 * @example
 * scanJson('{"id": "a", "id": "b"}').duplicates // [{ path: "id", line: 1, firstLine: 1 }]
 * scanJson('{"id": }').errorAt                  // 7
 */
export function scanJson(text: string): JsonScan {
  const duplicates: DuplicateKey[] = [];
  const stack: Frame[] = [];
  const lineAt = lineCounter(text);
  type State = "value" | "value-or-end" | "key" | "key-or-end" | "colon" | "after";
  let state: State = "value";
  let i = 0;
  const n = text.length;
  const match = (re: RegExp): number | undefined => {
    re.lastIndex = i;
    return re.test(text) ? re.lastIndex : undefined;
  };
  while (true) {
    while (i < n && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
    if (i >= n) return state === "after" && stack.length === 0 ? { duplicates } : { errorAt: i, duplicates };
    const c = text[i];
    const top = stack.at(-1);
    switch (state) {
      case "value-or-end":
        if (c === "]") {
          stack.pop();
          i++;
          state = "after";
          continue;
        }
        state = "value";
        continue;
      case "key-or-end":
        if (c === "}") {
          stack.pop();
          i++;
          state = "after";
          continue;
        }
        state = "key";
        continue;
      case "value": {
        if (c === "{" || c === "[") {
          stack.push({ kind: c === "{" ? "object" : "array", keys: new Map(), key: "", index: 0 });
          i++;
          state = c === "{" ? "key-or-end" : "value-or-end";
          continue;
        }
        const end = c === '"' ? match(STRING) : c === "-" || (c! >= "0" && c! <= "9") ? match(NUMBER) : match(LITERAL);
        if (end === undefined) return { errorAt: i, duplicates };
        i = end;
        state = "after";
        continue;
      }
      case "key": {
        const end = c === '"' ? match(STRING) : undefined;
        if (end === undefined || !top) return { errorAt: i, duplicates };
        const key = JSON.parse(text.slice(i, end)) as string;
        const line = lineAt(i);
        const first = top.keys.get(key);
        top.key = key;
        if (first === undefined) top.keys.set(key, line);
        else duplicates.push({ path: pathOf(stack), line, firstLine: first });
        i = end;
        state = "colon";
        continue;
      }
      case "colon":
        if (c !== ":") return { errorAt: i, duplicates };
        i++;
        state = "value";
        continue;
      case "after":
        if (!top) return { errorAt: i, duplicates };
        if (c === ",") {
          i++;
          if (top.kind === "array") top.index++;
          state = top.kind === "object" ? "key" : "value";
          continue;
        }
        if ((c === "}" && top.kind === "object") || (c === "]" && top.kind === "array")) {
          stack.pop();
          i++;
          continue;
        }
        return { errorAt: i, duplicates };
    }
  }
}

function pathOf(stack: readonly Frame[]): string {
  return stack.map((f) => (f.kind === "object" ? f.key : String(f.index))).join(".");
}

/** 1-based line of an offset; offsets asked in increasing order cost one pass in all. */
function lineCounter(text: string): (offset: number) => number {
  let at = 0;
  let line = 1;
  return (offset) => {
    if (offset < at) {
      at = 0;
      line = 1;
    }
    for (; at < offset; at++) if (text.charCodeAt(at) === 10) line++;
    return line;
  };
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
