import { Ajv } from 'ajv';
import { loadApiSpec } from '../../support/api-specs.js';

/** The slice of an OpenAPI 3.0 document these checks read. */
export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> };
}
export interface Operation {
  parameters?: (Parameter | Ref)[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
export interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Ref {
  $ref: string;
}
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: string[];
  discriminator?: { propertyName: string; mapping?: Record<string, string> };
}

/** X API v2 2.159 (tweet names, what twitter-api-v2 speaks) and 2.167 (newest; post names). */
export const X_SPEC_WIRE = 'x-api-v2-openapi-2.159.json';
export const X_SPEC_NEWEST = 'x-api-v2-openapi.json';

export const loadXSpec = (fileName: string): OpenApiDoc => loadApiSpec(fileName) as OpenApiDoc;

export function deref<T>(doc: OpenApiDoc, node: T | Ref): T {
  let current: unknown = node;
  while (current && typeof current === 'object' && '$ref' in current && typeof current.$ref === 'string') {
    const pointer = current.$ref
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = pointer.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc);
  }
  return current as T;
}

export function operation(doc: OpenApiDoc, method: string, path: string): Operation | undefined {
  return doc.paths[path]?.[method.toLowerCase()];
}

export function queryParameterNames(doc: OpenApiDoc, op: Operation): string[] {
  return (op.parameters ?? [])
    .map((p) => deref<Parameter>(doc, p))
    .filter((p) => p.in === 'query')
    .map((p) => p.name);
}

/** Required and declared properties of an object schema, through `$ref` and `allOf`. */
export function objectShape(doc: OpenApiDoc, node: Schema): { required: Set<string>; properties: Set<string> } {
  const schema = deref<Schema>(doc, node);
  const required = new Set(schema.required ?? []);
  const properties = new Set(Object.keys(schema.properties ?? {}));
  for (const part of schema.allOf ?? []) {
    const inner = objectShape(doc, part);
    inner.required.forEach((r) => required.add(r));
    inner.properties.forEach((p) => properties.add(p));
  }
  return { required, properties };
}

/** JSON pointer to where a response schema sits inside the document. */
export function responseSchemaPointer(op: Operation, path: string, method: string, status: number, contentType: string): string | undefined {
  const key = op.responses[String(status)] ? String(status) : 'default';
  const media = contentType.split(';')[0]?.trim() ?? '';
  if (!op.responses[key]?.content?.[media]) return undefined;
  const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
  return `#/paths/${escape(path)}/${method.toLowerCase()}/responses/${key}/content/${escape(media)}/schema`;
}

/**
 * Validates values against schemas inside one spec with ajv. OpenAPI 3.0 extras (`discriminator`,
 * `example`, formats like int32) are ignored; `nullable` would need translating, but 2.159 has none
 * (asserted by the conformance test).
 */
export function specValidator(doc: OpenApiDoc, id: string) {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
  ajv.addSchema(doc, id);
  return (pointer: string, value: unknown): unknown[] => {
    const validate = ajv.getSchema(`${id}${pointer}`);
    if (!validate) throw new Error(`no schema at ${pointer} in ${id}`);
    return validate(value) ? [] : (validate.errors ?? []);
  };
}

/**
 * Keys present in a value that its schema does not declare. ajv alone lets them through (X's
 * schemas allow additional properties), yet a misspelt field name is exactly what must be caught.
 */
export function undeclaredKeys(doc: OpenApiDoc, node: Schema, value: unknown, at = '$'): string[] {
  const schema = deref<Schema>(doc, node);
  const subtype = discriminated(schema, value);
  if (subtype) return undeclaredKeys(doc, { $ref: subtype }, value, at);
  if (Array.isArray(value)) return schema.items ? value.flatMap((v, i) => undeclaredKeys(doc, schema.items as Schema, v, `${at}[${i}]`)) : [];
  if (!value || typeof value !== 'object' || schema.anyOf || schema.oneOf) return [];
  const parts = [schema, ...(schema.allOf ?? []).map((p) => deref<Schema>(doc, p))];
  const properties: Record<string, Schema> = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
  const open = parts.some((p) => typeof p.additionalProperties === 'object' || p.additionalProperties === true);
  if (Object.keys(properties).length === 0) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const declared = properties[key];
    if (!declared) return open ? [] : [`${at}.${key}`];
    return undeclaredKeys(doc, declared, child, `${at}.${key}`);
  });
}

/** The `$ref` a discriminator picks for this value (e.g. a Problem's `type`), if any. */
export function discriminated(schema: Schema, value: unknown): string | undefined {
  if (!schema.discriminator || !value || typeof value !== 'object') return undefined;
  const tag = (value as Record<string, unknown>)[schema.discriminator.propertyName];
  return typeof tag === 'string' ? schema.discriminator.mapping?.[tag] : undefined;
}
