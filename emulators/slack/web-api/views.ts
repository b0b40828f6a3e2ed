import { type ViewType, validateView } from '../block-kit/view.js';
import type { EmulatorCore } from '../core.js';
import type { JsonObject, SlackView } from '../types.js';
import { makeView } from '../views.js';
import { SlackApiError, invalidArguments } from './errors.js';
import type { Params } from './params.js';
import type { MethodTable } from './router.js';

/** Modals stack at most three deep. */
const MAX_STACK = 3;

function viewArgument(params: Params, allowed: readonly ViewType[]): Record<string, unknown> {
  const view = params.jsonObject('view', 'invalid_arguments');
  if (view === undefined) throw invalidArguments(['missing required field: view']);
  const problems = validateView(view, allowed);
  if (problems.length > 0) throw invalidArguments(problems);
  return view;
}

function useTrigger(core: EmulatorCore, triggerId: string): string {
  const check = core.triggers.consume(triggerId);
  if (!check.ok) throw new SlackApiError(check.error);
  return check.userId;
}

function uniqueExternalId(core: EmulatorCore, view: Record<string, unknown>, exceptViewId?: string): void {
  if (typeof view.external_id !== 'string' || view.external_id === '') return;
  const existing = core.state.findViewByExternalId(view.external_id);
  if (existing && existing.view.id !== exceptViewId) throw new SlackApiError('duplicate_external_id');
}

function answer(view: SlackView): JsonObject {
  return { ok: true, view: structuredClone(view) as unknown as JsonObject };
}

export const viewsMethods: MethodTable = {
  'views.open': {
    token: 'bot',
    required: { trigger_id: 'invalid_arguments', view: 'invalid_arguments' },
    run: ({ core, params }) => {
      const input = viewArgument(params, ['modal']);
      const userId = useTrigger(core, params.requireString('trigger_id'));
      uniqueExternalId(core, input);
      const view = makeView(core, input, {});
      const stack = core.state.modalStack(userId);
      stack.splice(0, stack.length, view);
      return answer(view);
    },
  },

  'views.push': {
    token: 'bot',
    required: { trigger_id: 'invalid_arguments', view: 'invalid_arguments' },
    run: ({ core, params }) => {
      const input = viewArgument(params, ['modal']);
      const userId = useTrigger(core, params.requireString('trigger_id'));
      const stack = core.state.modalStack(userId);
      const top = stack.at(-1);
      if (!top) throw new SlackApiError('not_found');
      if (stack.length >= MAX_STACK) throw new SlackApiError('push_limit_reached');
      uniqueExternalId(core, input);
      const view = makeView(core, input, { rootViewId: top.root_view_id, previousViewId: top.id });
      stack.push(view);
      return answer(view);
    },
  },

  'views.update': {
    token: 'bot',
    run: ({ core, params }) => {
      const viewId = params.string('view_id');
      const externalId = params.string('external_id');
      if (viewId === undefined && externalId === undefined) throw invalidArguments(['must provide either view_id or external_id']);
      const found = viewId !== undefined ? core.state.findView(viewId) : core.state.findViewByExternalId(externalId ?? '');
      if (!found) throw new SlackApiError('not_found');
      const current = found.view;
      const hash = params.string('hash');
      if (hash !== undefined && hash !== current.hash) throw new SlackApiError('hash_conflict');
      const input = viewArgument(params, [current.type]);
      uniqueExternalId(core, input, current.id);
      const view = makeView(core, input, {
        id: current.id,
        rootViewId: current.root_view_id,
        previousViewId: current.previous_view_id,
        previousState: current.state,
      });
      core.state.replaceView(view);
      return answer(view);
    },
  },

  'views.publish': {
    token: 'bot',
    required: { user_id: 'invalid_arguments', view: 'invalid_arguments' },
    run: ({ core, params }) => {
      const user = core.state.users.get(params.requireString('user_id'));
      if (!user) throw new SlackApiError('user_not_found');
      const input = viewArgument(params, ['home']);
      const current = core.state.homeView(user.id);
      const hash = params.string('hash');
      if (hash !== undefined && current !== undefined && hash !== current.hash) throw new SlackApiError('hash_conflict');
      uniqueExternalId(core, input, current?.id);
      const view = makeView(core, input, { ...(current ? { id: current.id, previousState: current.state } : {}) });
      core.state.setHomeView(user.id, view);
      return answer(view);
    },
  },
};
