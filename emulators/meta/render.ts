import { printFields, type FieldRequest } from './fields.js';
import { nonexistingField } from './graph-errors.js';
import { NODE_TYPES, type FieldValue, type GraphNode, type NodeContext, type NodeType } from './node-types.js';
import { paginate, parseLimit } from './paging.js';

export interface RenderContext extends NodeContext {
  /** `https://host:port/v21.0`: where paging links point. */
  baseUrl: string;
  /** Parameters every paging link repeats, as Graph's do (the access token among them). */
  linkParams: Record<string, string>;
}

export type JsonObject = { [key: string]: unknown };

const typeOf = (graphNode: GraphNode): NodeType<unknown> => NODE_TYPES[graphNode.kind] as NodeType<unknown>;

/** A scalar as is, a node as an object, a list of nodes as `{ data: [...] }`. */
function renderValue(value: NonNullable<FieldValue>, children: FieldRequest[] | undefined, ctx: RenderContext): unknown {
  if (Array.isArray(value)) return { data: value.map((item) => renderNode(item, children, ctx, true)) };
  return typeof value === 'object' ? renderNode(value, children, ctx, true) : value;
}

export const nodeId = (graphNode: GraphNode, ctx: NodeContext): string => typeOf(graphNode).fields.id(graphNode.value, ctx, {});

const asRequests = (names: readonly string[]): FieldRequest[] => names.map((name) => ({ name, modifiers: {} }));

/**
 * A node with the requested fields (its default fields when none are named), `id` always last
 * unless asked for; edges named as fields (`comments.limit(5){message}`) render as connections,
 * and are left out when empty, as Graph leaves them out.
 */
export function renderNode(graphNode: GraphNode, fields: FieldRequest[] | undefined, ctx: RenderContext, embedded = false): JsonObject {
  const type = typeOf(graphNode);
  const requested = fields ?? asRequests(embedded ? (type.embeddedFields ?? type.defaultFields) : type.defaultFields);
  const out: JsonObject = {};
  for (const field of requested) {
    if (type.edges?.[field.name]) {
      const connection = renderConnection(graphNode, field.name, field.modifiers, field.children, ctx);
      if ((connection.data as unknown[]).length > 0 || connection.summary !== undefined) out[field.name] = connection;
      continue;
    }
    const resolve = type.fields[field.name];
    if (!resolve) throw nonexistingField(field.name, type.graphName);
    const value = resolve(graphNode.value, ctx, field.modifiers);
    if (value === undefined) continue;
    out[field.name] = renderValue(value, field.children, ctx);
  }
  if (!('id' in out)) out.id = type.fields.id(graphNode.value, ctx, {});
  return out;
}

function link(ctx: RenderContext, path: string, params: Record<string, string>): string {
  return `${ctx.baseUrl}${path}?${new URLSearchParams({ ...ctx.linkParams, ...params }).toString()}`;
}

/**
 * One page of an edge: `{ data, paging: { cursors, previous?, next? }, summary? }`. `options` are
 * the edge's parameters, from the query string (`/{id}/comments?filter=stream`) or from modifiers
 * (`comments.filter(stream)`).
 */
export function renderConnection(
  parent: GraphNode,
  edgeName: string,
  options: Record<string, string>,
  children: FieldRequest[] | undefined,
  ctx: RenderContext,
): JsonObject {
  const type = typeOf(parent);
  const edge = type.edges?.[edgeName];
  if (!edge) throw nonexistingField(edgeName, type.graphName);
  const limit = parseLimit(options.limit);
  const { items, order } = edge.list(parent.value, ctx, options);
  const page = paginate(items, order, {
    limit,
    ...(options.after !== undefined ? { after: options.after } : {}),
    ...(options.before !== undefined ? { before: options.before } : {}),
  });
  const out: JsonObject = { data: page.items.map((item) => renderNode(item.node, children, ctx)) };
  if (page.cursors) {
    const kept: Record<string, string> = { limit: String(limit) };
    for (const name of edge.options) {
      const value = options[name];
      if (value !== undefined) kept[name] = value;
    }
    if (children) kept.fields = printFields(children);
    const path = `/${nodeId(parent, ctx)}/${edgeName}`;
    out.paging = {
      cursors: page.cursors,
      ...(page.hasPrevious ? { previous: link(ctx, path, { ...kept, before: page.cursors.before }) } : {}),
      ...(page.hasNext ? { next: link(ctx, path, { ...kept, after: page.cursors.after }) } : {}),
    };
  }
  const wantsSummary = options.summary === 'true' || options.summary === '1';
  if (wantsSummary && edge.summary) out.summary = edge.summary(parent.value, ctx, options, items.length);
  return out;
}
