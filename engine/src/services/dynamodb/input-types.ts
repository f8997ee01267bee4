/**
 * dynalite's input type check (`validations/index.js` `checkTypes`), compiled once per operation.
 *
 * Why: dynalite re-reads each type description with a regular expression and builds the
 * AttributeValue description object anew for every attribute value of every request, which made
 * its type check the largest allocator on the engine's main thread (about a fifth of the bytes a
 * PutItem allocated there). This walks the same descriptions, parsed once, over inputs that are
 * already well-formed, and gives the same result dynalite's check gives them: the known fields in
 * the description's order, nulls dropped, Long/Integer/Short numbers floored.
 *
 * Anything else (a value of the wrong JSON type, a string where dynalite converts a Boolean, a
 * `__proto__` key, an unknown type) is `UNUSUAL`: the caller then runs dynalite's own check on the
 * untouched input, so every SerializationException keeps dynalite's exact message.
 */

/** The answer for an input dynalite's own check must see. */
export const UNUSUAL: unique symbol = Symbol('unusual input');

type Spec = string | { readonly type?: string; readonly children?: unknown };
export type TypeTable = Readonly<Record<string, Spec>>;
type Result = Record<string, unknown>;

type Node =
  | { readonly kind: 'boolean' | 'string' | 'blob' | 'double' | 'floored' | 'unknown' }
  | { readonly kind: 'list' | 'map'; readonly child: Node }
  | { readonly kind: 'struct'; fields: Fields };
type Fields = ReadonlyArray<readonly [string, Node]>;

/** dynalite's AttrStruct<...> children: the members of an AttributeValue (index.js `checkType`). */
export const ATTRIBUTE_VALUE: TypeTable = {
  S: 'String',
  B: 'Blob',
  N: 'String',
  BOOL: 'Boolean',
  NULL: 'Boolean',
  BS: { type: 'List', children: 'Blob' },
  NS: { type: 'List', children: 'String' },
  SS: { type: 'List', children: 'String' },
  L: { type: 'List', children: 'AttrStruct<ValueStruct>' },
  M: { type: 'Map<AttributeValue>', children: 'AttrStruct<ValueStruct>' },
};

const compiledTables = new WeakMap<object, Fields>();
/** One node for every AttributeValue; its fields refer back to it (L and M nest values). */
let attributeValue: { readonly kind: 'struct'; fields: Fields } | undefined;

function fieldsOf(table: TypeTable): Fields {
  let fields = compiledTables.get(table);
  if (!fields) {
    fields = Object.keys(table).map((name) => [name, compile(table[name] as Spec)] as const);
    compiledTables.set(table, fields);
  }
  return fields;
}

function compile(spec: Spec): Node {
  const children: unknown = typeof spec === 'string' ? undefined : spec.children;
  const childSpec: Spec | undefined =
    typeof children === 'string' ? { type: children } : (children as Spec | undefined);
  const full = typeof spec === 'string' ? spec : (spec.type ?? '');
  const generic = /(.+?)<(.+)>$/.exec(full);
  const type = generic ? (generic[1] as string) : full;
  if (type === 'AttrStruct' && (generic?.[2] === 'ValueStruct' || generic?.[2] === 'FieldStruct')) {
    if (!attributeValue) {
      attributeValue = { kind: 'struct', fields: [] };
      attributeValue.fields = fieldsOf(ATTRIBUTE_VALUE);
    }
    return attributeValue;
  }
  switch (type) {
    case 'Boolean':
      return { kind: 'boolean' };
    case 'String':
      return { kind: 'string' };
    case 'Blob':
      return { kind: 'blob' };
    case 'Double':
      return { kind: 'double' };
    case 'Short':
    case 'Integer':
    case 'Long':
      return { kind: 'floored' };
    case 'List':
    case 'ParameterizedList':
      return childSpec === undefined ? { kind: 'unknown' } : { kind: 'list', child: compile(childSpec) };
    case 'Map':
    case 'ParameterizedMap':
      return childSpec === undefined ? { kind: 'unknown' } : { kind: 'map', child: compile(childSpec) };
    case 'ValueStruct':
    case 'FieldStruct':
      return typeof children === 'object' && children !== null
        ? { kind: 'struct', fields: fieldsOf(children as TypeTable) }
        : { kind: 'unknown' };
    default:
      return { kind: 'unknown' };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `checkTypes(data, table)` for a well-formed input; `UNUSUAL` for anything else. Never mutates. */
export function checkInputTypes(data: Result, table: TypeTable): Result | typeof UNUSUAL {
  return checkStruct(data, fieldsOf(table));
}

function checkStruct(value: Result, fields: Fields): Result | typeof UNUSUAL {
  const result: Result = {};
  for (const [name, node] of fields) {
    const field = value[name];
    if (field === undefined || field === null) continue;
    const checked = check(field, node);
    if (checked === UNUSUAL) return UNUSUAL;
    if (checked !== null && checked !== undefined) result[name] = checked;
  }
  return result;
}

function check(value: unknown, node: Node): unknown {
  if (value === null || value === undefined) return null;
  switch (node.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : UNUSUAL;
    case 'string':
      return typeof value === 'string' ? value : UNUSUAL;
    case 'blob':
      return typeof value === 'string' &&
        value.length % 4 === 0 &&
        Buffer.from(value, 'base64').toString('base64') === value
        ? value
        : UNUSUAL;
    case 'double':
      return typeof value === 'number' ? value : UNUSUAL;
    case 'floored':
      return typeof value === 'number' ? Math.floor(value) : UNUSUAL;
    case 'list': {
      if (!Array.isArray(value)) return UNUSUAL;
      const list: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = check(value[i], node.child);
        if (item === UNUSUAL) return UNUSUAL;
        list[i] = item;
      }
      return list;
    }
    case 'map': {
      if (!isRecord(value)) return UNUSUAL;
      const map: Result = {};
      for (const key of Object.keys(value)) {
        // dynalite assigns into `{}`, where this key would set the prototype: leave it to dynalite.
        if (key === '__proto__') return UNUSUAL;
        const item = check(value[key], node.child);
        if (item === UNUSUAL) return UNUSUAL;
        map[key] = item;
      }
      return map;
    }
    case 'struct':
      return isRecord(value) ? checkStruct(value, node.fields) : UNUSUAL;
    default:
      return UNUSUAL;
  }
}
