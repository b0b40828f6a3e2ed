import { parseFields } from '../fields.js';
import { unknownPath } from '../graph-errors.js';
import { NODE_TYPES, type GraphNode } from '../node-types.js';
import { renderConnection, renderNode } from '../render.js';
import { textParam, textParams, type ApiContext, type ApiResult } from './context.js';

/** `GET /{id}?fields=…`: the node with the requested fields, or its default fields. */
export function readNode(target: GraphNode, ctx: ApiContext): ApiResult {
  const fields = parseFields(textParam(ctx.params, 'fields') ?? '');
  return { status: 200, body: renderNode(target, fields.length > 0 ? fields : undefined, ctx) };
}

/** `GET /{id}/{edge}?fields=…&limit=…&after=…`: one page of the edge. */
export function readEdge(target: GraphNode, edge: string, ctx: ApiContext): ApiResult {
  if (!NODE_TYPES[target.kind].edges?.[edge]) throw unknownPath(`/${edge}`);
  const fields = parseFields(textParam(ctx.params, 'fields') ?? '');
  const { access_token: _token, fields: _fields, ...options } = textParams(ctx.params);
  return { status: 200, body: renderConnection(target, edge, options, fields.length > 0 ? fields : undefined, ctx) };
}
