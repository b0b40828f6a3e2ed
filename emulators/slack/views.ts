import { normalizeBlocks } from './block-kit/normalize.js';
import type { EmulatorCore } from './core.js';
import { randomSecret } from './ids.js';
import type { JsonObject, SlackView } from './types.js';

/** Slack's view hash: "<unix seconds>.<random>", new on every change. */
export function newViewHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomSecret(4)}`;
}

/** Keeps the state of inputs that are still in the view (same block_id and action_id). */
function carriedState(previous: SlackView['state'] | undefined, blocks: JsonObject[]): SlackView['state'] {
  const values: SlackView['state']['values'] = {};
  for (const block of blocks) {
    const kept = typeof block.block_id === 'string' ? previous?.values[block.block_id] : undefined;
    if (kept) values[block.block_id as string] = kept;
  }
  return { values };
}

/** Builds the stored view object (as views.* return it) from a validated view payload. */
export function makeView(
  core: EmulatorCore,
  input: Record<string, unknown>,
  place: { id?: string; rootViewId?: string | null; previousViewId?: string | null; previousState?: SlackView['state'] },
): SlackView {
  const id = place.id ?? core.ids.next('V');
  const type = input.type === 'home' ? 'home' : 'modal';
  const blocks = normalizeBlocks((input.blocks ?? []) as JsonObject[], () => core.ids.sequence());
  return {
    id,
    team_id: core.state.team.id,
    type,
    // Home tabs have no title of their own; Slack reports this placeholder.
    title: type === 'home' ? { type: 'plain_text', text: 'View Title', emoji: true } : (input.title as JsonObject),
    close: type === 'modal' ? ((input.close as JsonObject | undefined) ?? null) : null,
    submit: type === 'modal' ? ((input.submit as JsonObject | undefined) ?? null) : null,
    blocks,
    private_metadata: typeof input.private_metadata === 'string' ? input.private_metadata : '',
    callback_id: typeof input.callback_id === 'string' ? input.callback_id : '',
    external_id: typeof input.external_id === 'string' ? input.external_id : '',
    state: carriedState(place.previousState, blocks),
    hash: newViewHash(),
    clear_on_close: input.clear_on_close === true,
    notify_on_close: input.notify_on_close === true,
    submit_disabled: input.submit_disabled === true,
    root_view_id: type === 'home' ? null : (place.rootViewId ?? id),
    previous_view_id: place.previousViewId ?? null,
    app_id: core.app.appId,
    app_installed_team_id: core.state.team.id,
    bot_id: core.app.botId,
  };
}
