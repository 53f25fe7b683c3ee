/**
 * The subset of JSONPath that rules may use in `path`: `$`, then `.name`,
 * `[0]` or `['any name']` steps. json-rules-engine hands `path` to
 * jsonpath-plus (`JSONPath({ path, json, wrap: false })`); for these paths
 * jsonpath-plus follows a step only when the current value is truthy and
 * has the step as an own property (`Object.hasOwn`, so `length` of a list or
 * of a text works), and gives `undefined` otherwise. Wildcards, filters,
 * slices and recursive descent select several values and are refused.
 */
export type PathParse = { ok: true; steps: string[] } | { ok: false; message: string };

const STEP = /^(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['([\w \-\u0080-\uffff]+)'\])/;

export function parseFactPath(path: string): PathParse {
  if (!path.startsWith('$')) return { ok: false, message: `a path starts with "$", like "$.district"; got ${JSON.stringify(path)}` };
  const steps: string[] = [];
  let rest = path.slice(1);
  while (rest !== '') {
    const match = STEP.exec(rest);
    if (!match) {
      return {
        ok: false,
        message: `unsupported path ${JSON.stringify(path)} at ${JSON.stringify(rest)}: rules use "$" followed by .name, [0] or ['name'] steps (no wildcards, filters, slices or ..)`,
      };
    }
    steps.push((match[1] ?? match[2] ?? match[3]) as string);
    rest = rest.slice(match[0].length);
  }
  return { ok: true, steps };
}

/** jsonpath-plus's result for a parsed simple path (see above). */
export function followPath(value: unknown, steps: readonly string[]): unknown {
  let current = value;
  for (const step of steps) {
    if (!current || !Object.hasOwn(current as object, step)) return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}
