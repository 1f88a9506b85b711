/**
 * Validators for LINE's own OpenAPI schemas (messaging-api.yml, webhook.yml in
 * <shared>/line-openapi), so tests check payloads against LINE's definitions rather than ours.
 * Where the folder is absent every loader returns null and callers skip with LINE_OPENAPI_SKIP.
 *
 * The specs model polymorphism the OpenAPI way — a parent with a `discriminator` mapping and
 * children that are `allOf: [parent, …]` — which JSON Schema (and Ajv's own `discriminator`,
 * which needs `oneOf`) cannot follow. So each parent P is rewritten into:
 *   P__base  — P's own properties, used by the children's `allOf`;
 *   P        — P__base plus "the tag is one of the mapping's keys" plus, per key, if/then to the
 *              child, so a `Message` really is checked as the `TextMessage` its `type` names.
 * Each child also pins its tag to its own key, for the places that reference it directly.
 *
 * `closed` (the default) adds `unevaluatedProperties: false` to every standalone object schema,
 * so a misspelt or invented property fails instead of passing silently: the spec itself allows
 * unknown properties, but a fixture or payload of ours has no reason to contain one.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { sharedDir } from '../../src/project-root.js';

/** The two LINE specs. */
export type LineSpec = 'messaging-api' | 'webhook';

/** Outcome of one validation; `errors` are readable lines (path, message, parameters). */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/** Validates one value against one component schema. */
export type SchemaValidator = (value: unknown) => ValidationResult;

/** The folder holding LINE's specs: <repo>/../shared/line-openapi, or $SHARED_DIR/line-openapi. */
export function lineOpenApiDir(): string {
  return path.join(sharedDir(), 'line-openapi');
}

/** Why LINE-schema tests did not run, for `it.skipIf` titles and logs. */
export const LINE_OPENAPI_SKIP = `LINE OpenAPI specs not found at ${lineOpenApiDir()} (set SHARED_DIR to the folder holding line-openapi/): schema checks skipped`;

/** Whether both specs are present. */
export function lineOpenApiAvailable(): boolean {
  return (['messaging-api', 'webhook'] as const).every((spec) => existsSync(specPath(spec)));
}

/**
 * A validator for `#/components/schemas/<schemaName>` of one spec, or null where the specs are
 * absent. Throws if the spec is there but names no such schema (a typo in the test, not a skip).
 */
export function lineSchemaValidator(spec: LineSpec, schemaName: string, options: { closed?: boolean } = {}): SchemaValidator | null {
  const ajv = ajvFor(spec, options.closed ?? true);
  if (!ajv) return null;
  const validate: ValidateFunction | undefined = ajv.getSchema(`${specId(spec)}#/components/schemas/${schemaName}`);
  if (!validate) throw new Error(`${spec}.yml has no component schema ${schemaName}`);
  return (value) => {
    const valid = validate(value) as boolean;
    return { valid, errors: valid ? [] : formatErrors(validate.errors ?? []) };
  };
}

type Schema = Record<string, unknown>;

const REF_PREFIX = '#/components/schemas/';
const BASE_SUFFIX = '__base';

const ajvCache = new Map<string, Ajv2019>();

function specPath(spec: LineSpec): string {
  return path.join(lineOpenApiDir(), `${spec}.yml`);
}

function specId(spec: LineSpec): string {
  return `https://line-openapi.test/${spec}.json`;
}

function ajvFor(spec: LineSpec, closed: boolean): Ajv2019 | null {
  const key = `${spec}:${closed}`;
  const cached = ajvCache.get(key);
  if (cached) return cached;
  if (!existsSync(specPath(spec))) return null;

  const document = parse(readFileSync(specPath(spec), 'utf8')) as { components?: { schemas?: Record<string, Schema> } };
  const schemas = document.components?.schemas;
  if (!schemas) throw new Error(`${specPath(spec)} has no components.schemas`);
  // strict: false because OpenAPI adds keywords JSON Schema lacks (example, externalDocs, …).
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: specId(spec), components: { schemas: rewriteComponents(schemas, closed) } });
  ajvCache.set(key, ajv);
  return ajv;
}

interface Discriminator {
  propertyName: string;
  /** tag value → child schema name */
  mapping: Map<string, string>;
}

function discriminatorOf(schema: Schema): Discriminator | null {
  const raw = schema.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (!raw?.propertyName || !raw.mapping) return null;
  const mapping = new Map(Object.entries(raw.mapping).map(([tag, ref]) => [tag, ref.slice(REF_PREFIX.length)] as const));
  return { propertyName: raw.propertyName, mapping };
}

/** Rewrites every component schema as described at the top of this file. */
function rewriteComponents(schemas: Record<string, Schema>, closed: boolean): Record<string, Schema> {
  const parents = new Map<string, Discriminator>();
  const childTags = new Map<string, { parent: string; propertyName: string; tag: string }>();
  for (const [name, schema] of Object.entries(schemas)) {
    const discriminator = discriminatorOf(schema);
    if (!discriminator) continue;
    parents.set(name, discriminator);
    for (const [tag, child] of discriminator.mapping) childTags.set(child, { parent: name, propertyName: discriminator.propertyName, tag });
  }

  const out: Record<string, Schema> = {};
  for (const [name, original] of Object.entries(schemas)) {
    let schema: Schema = { ...original };
    delete schema.discriminator;

    const childOf = childTags.get(name);
    if (childOf) {
      // The child's allOf names its parent: point it at the parent's properties, not the dispatcher.
      const allOf = ((schema.allOf as Schema[] | undefined) ?? []).map((member) =>
        member.$ref === `${REF_PREFIX}${childOf.parent}` ? { $ref: `${REF_PREFIX}${childOf.parent}${BASE_SUFFIX}` } : member,
      );
      allOf.push({ properties: { [childOf.propertyName]: { const: childOf.tag } } });
      schema = { ...schema, allOf };
    }

    const discriminator = parents.get(name);
    if (discriminator) {
      out[`${name}${BASE_SUFFIX}`] = rewrite(schema, false, closed);
      out[name] = dispatcher(name, discriminator, closed);
    } else {
      out[name] = rewrite(schema, true, closed);
    }
  }
  return out;
}

function dispatcher(name: string, { propertyName, mapping }: Discriminator, closed: boolean): Schema {
  const branches = [...mapping].map(([tag, child]) => ({
    if: { properties: { [propertyName]: { const: tag } }, required: [propertyName] },
    then: { $ref: `${REF_PREFIX}${child}` },
  }));
  return {
    type: 'object',
    required: [propertyName],
    properties: { [propertyName]: { type: 'string', enum: [...mapping.keys()] } },
    allOf: [{ $ref: `${REF_PREFIX}${name}${BASE_SUFFIX}` }, ...branches],
    ...(closed ? { unevaluatedProperties: false } : {}),
  };
}

/**
 * Copies a schema, recursing into subschemas. `standalone` is false for members of allOf/anyOf/
 * oneOf: closing those would reject the properties their siblings add.
 */
function rewrite(schema: Schema, standalone: boolean, closed: boolean): Schema {
  const copy: Schema = { ...schema };
  if (isSchema(copy.properties)) {
    copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([key, value]) => [key, isSchema(value) ? rewrite(value, true, closed) : value]));
  }
  if (isSchema(copy.items)) copy.items = rewrite(copy.items, true, closed);
  if (isSchema(copy.additionalProperties)) copy.additionalProperties = rewrite(copy.additionalProperties, true, closed);
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    const members = copy[keyword];
    if (Array.isArray(members)) copy[keyword] = members.map((member: unknown) => (isSchema(member) ? rewrite(member, false, closed) : member));
  }
  const objectLike = copy.type === 'object' || 'properties' in copy || 'allOf' in copy;
  if (closed && standalone && objectLike && !('additionalProperties' in copy) && !('$ref' in copy)) copy.unevaluatedProperties = false;
  return copy;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatErrors(errors: readonly ErrorObject[]): string[] {
  // A failing if/then drops the annotations of its branch, so every ancestor then also reports its
  // properties as "unevaluated": echoes of a deeper error, left out so the real one stands out.
  const deeper = (at: string) => errors.some((other) => other.instancePath.startsWith(`${at}/`));
  const lines = errors
    .filter((error) => error.keyword !== 'if' && !(error.keyword === 'unevaluatedProperties' && deeper(error.instancePath)))
    .map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`);
  return [...new Set(lines)].slice(0, 20);
}
