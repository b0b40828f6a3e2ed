import { randomUUID } from 'node:crypto';
import { isObject } from './block-kit/checks.js';
import { validateView } from './block-kit/view.js';
import type { EmulatorCore } from './core.js';
import type { DeliveryOutcome } from './delivery/transport.js';
import { AppResponseError, SlackDriverError } from './driver-errors.js';
import { type Choice, type LocatedElement, describeElements, findElements, initialValueObject, isEmptyValue, valueObject } from './element-values.js';
import { botMessage, imChannel, messageContent, storeBotMessage } from './messages.js';
import { type ActionSource, blockActionsPayload, messageActionPayload, slashCommandPayload, viewClosedPayload, viewSubmissionPayload } from './payloads.js';
import { jsonText, type ChannelRecord, type JsonObject, type SlackMessage, type SlackUser, type SlackView } from './types.js';
import { makeView } from './views.js';
import { SlackApiError } from './web-api/errors.js';

/**
 * Where an element is: a message (channel + ts), an open modal or home tab (viewId), the user's
 * home tab, or a message only the user sees (its ts).
 */
export type ElementTarget = { channel: string; ts: string } | { viewId: string } | { home: true } | { ephemeralTs: string };

export interface PostMessageResult {
  channel: string;
  ts: string;
  message: SlackMessage;
  /** null when the app does not subscribe to this kind of message event. */
  delivery: DeliveryOutcome | null;
  mentionDelivery: DeliveryOutcome | null;
}

export interface InteractionResult {
  payload: JsonObject;
  triggerId: string;
  responseUrl?: string;
  delivery: DeliveryOutcome;
  /** The body of the app's acknowledgement (null when empty). */
  response: unknown;
}

export interface SelectResult {
  payload: JsonObject | null;
  /** null when only the view state changed (input blocks without dispatch_action send nothing). */
  delivery: DeliveryOutcome | null;
  response: unknown;
}

export type ResponseAction = 'close' | 'errors' | 'update' | 'push' | 'clear';

export interface ViewSubmissionResult {
  payload: JsonObject;
  delivery: DeliveryOutcome;
  response: unknown;
  responseAction: ResponseAction;
  /** The per-block errors the app answered with (response_action: errors). */
  errors?: Record<string, string>;
  /** The user's modal stack afterwards, root first. */
  openViews: SlackView[];
}

export interface SlashCommandResult extends InteractionResult {
  responseUrl: string;
}

/** Input values for a view: keyed by action_id, block_id, or "block_id/action_id". */
export type ViewValues = Record<string, Choice>;

const MENTION = /<([@#!][^>|]+)(?:\|([^>]*))?>/g;

/** Slack clients send a rich_text block alongside the text of every message people type. */
function richTextBlocks(text: string, blockId: string): JsonObject[] {
  const elements: JsonObject[] = [];
  let last = 0;
  for (const match of text.matchAll(MENTION)) {
    if (match.index > last) elements.push({ type: 'text', text: text.slice(last, match.index) });
    const ref = match[1] ?? '';
    if (ref.startsWith('@')) elements.push({ type: 'user', user_id: ref.slice(1) });
    else if (ref.startsWith('#')) elements.push({ type: 'channel', channel_id: ref.slice(1) });
    else if (ref.startsWith('!subteam^')) elements.push({ type: 'usergroup', usergroup_id: ref.slice('!subteam^'.length) });
    else elements.push({ type: 'broadcast', range: ref.slice(1) });
    last = match.index + match[0].length;
  }
  if (last < text.length) elements.push({ type: 'text', text: text.slice(last) });
  return [{ type: 'rich_text', block_id: blockId, elements: [{ type: 'rich_text_section', elements }] }];
}

/**
 * Acts as a person in the workspace: each action changes the workspace like the Slack client would
 * and delivers to the app what Slack would deliver, then returns what the person would get back.
 */
export class SlackDriver {
  constructor(
    private readonly core: EmulatorCore,
    private readonly signingSecret?: string,
  ) {}

  /** A driver whose deliveries are signed with another secret (the app must reject them). */
  withSigningSecret(secret: string): SlackDriver {
    return new SlackDriver(this.core, secret);
  }

  async postMessage(args: { user: string; channel: string; text: string; threadTs?: string }): Promise<PostMessageResult> {
    const person = this.person(args.user);
    const channel = this.conversation(person, args.channel);
    let parentTs: string | undefined;
    if (args.threadTs !== undefined) {
      const anchor = this.core.state.findMessage(channel.id, args.threadTs);
      if (!anchor) throw new SlackDriverError(`no message ${args.threadTs} in ${channel.id} to reply to`);
      parentTs = anchor.thread_ts ?? anchor.ts;
    }
    const ts = this.core.clock.next();
    const message: SlackMessage = {
      user: person.id,
      type: 'message',
      ts,
      client_msg_id: randomUUID(),
      text: args.text,
      team: this.core.state.team.id,
      blocks: richTextBlocks(args.text, Buffer.from(ts).toString('base64url').slice(-5)),
      ...(parentTs !== undefined ? { thread_ts: parentTs } : {}),
    };
    this.core.state.addMessage(channel.id, message);
    const deliveries = await this.core.events.messagePosted(channel, structuredClone(message), this.deliverOptions());
    return {
      channel: channel.id,
      ts,
      message: this.core.state.message(channel.id, ts) as SlackMessage,
      delivery: deliveries.message,
      mentionDelivery: deliveries.mention,
    };
  }

  /** The person opens the app's Home (or Messages) tab: `app_home_opened`. */
  async openAppHome(user: string, tab: 'home' | 'messages' = 'home'): Promise<{ channel: string; delivery: DeliveryOutcome | null }> {
    const person = this.person(user);
    const { channel } = imChannel(this.core, person.id);
    const view = this.core.state.homeView(person.id);
    const delivery = await this.core.events.event(
      'app_home_opened',
      {
        type: 'app_home_opened',
        user: person.id,
        channel: channel.id,
        tab,
        event_ts: this.core.clock.next(),
        ...(view && tab === 'home' ? { view: view as unknown as JsonObject } : {}),
      },
      this.deliverOptions(),
    );
    return { channel: channel.id, delivery };
  }

  /** Clicks a button found in the stored blocks of a message or view. */
  async clickButton(args: { user: string; actionId: string; blockId?: string; value?: string } & ElementTarget): Promise<InteractionResult> {
    const person = this.person(args.user);
    const source = this.source(person, args);
    const located = this.locate(source, args, (el) => el.type === 'button');
    const { element } = located;
    const action: JsonObject = {
      action_id: jsonText(element.action_id),
      block_id: located.blockId,
      text: structuredClone(element.text ?? null),
      ...(element.value !== undefined ? { value: element.value } : {}),
      ...(element.style !== undefined ? { style: element.style } : {}),
      ...(element.url !== undefined ? { url: element.url } : {}),
      type: 'button',
    };
    return this.sendBlockAction(person, source, action);
  }

  /**
   * Chooses in a select menu, overflow, radio/checkbox group or date picker. On an input block
   * without dispatch_action only the view state changes (Slack sends nothing until submission).
   */
  async selectOption(args: { user: string; actionId: string; blockId?: string; value: Choice } & ElementTarget): Promise<SelectResult> {
    const person = this.person(args.user);
    const source = this.source(person, args);
    const match = { actionId: args.actionId, ...(args.blockId !== undefined ? { blockId: args.blockId } : {}) };
    const located = this.locate(source, match, (el) => el.type !== 'button');
    const value = valueObject(this.core.state, located.element, args.value);
    if (source.kind === 'view') {
      const view = source.view;
      view.state.values[located.blockId] = { ...(view.state.values[located.blockId] ?? {}), [jsonText(located.element.action_id)]: value };
      if (located.block.type === 'input' && located.block.dispatch_action !== true) return { payload: null, delivery: null, response: null };
    }
    const { type, ...chosen } = value;
    const action: JsonObject = {
      type: jsonText(type),
      action_id: jsonText(located.element.action_id),
      block_id: located.blockId,
      ...chosen,
      ...(located.element.placeholder !== undefined ? { placeholder: structuredClone(located.element.placeholder) } : {}),
    };
    const result = await this.sendBlockAction(person, source, action);
    return { payload: result.payload, delivery: result.delivery, response: result.response };
  }

  /** Submits the modal on top of the user's stack with values for its input blocks. */
  async submitView(args: { user: string; viewId?: string; values?: ViewValues }): Promise<ViewSubmissionResult> {
    const person = this.person(args.user);
    const stack = this.core.state.modalStack(person.id);
    const view = this.topModal(person, stack, args.viewId);
    view.state = { values: this.submittedValues(view, args.values ?? {}) };
    const triggerId = this.core.triggers.issue(person.id);
    const payload = viewSubmissionPayload(this.core, person, view, triggerId);
    const delivery = await this.deliverInteraction(payload, 'view_submission');
    const response = delivery.body;
    const result = (action: ResponseAction, errors?: Record<string, string>): ViewSubmissionResult => ({
      payload,
      delivery,
      response,
      responseAction: action,
      ...(errors ? { errors } : {}),
      openViews: this.core.state.openViews(person.id),
    });
    if (response === null || response === '') {
      stack.pop();
      return result('close');
    }
    if (!isObject(response))
      throw new SlackDriverError(`the app answered view_submission with ${JSON.stringify(response)}; Slack expects JSON or an empty body`);
    switch (response.response_action) {
      case 'errors': {
        const errors = response.errors;
        if (!isObject(errors)) throw new SlackDriverError('response_action "errors" needs an "errors" object');
        const inputIds = view.blocks.filter((b) => b.type === 'input').map((b) => jsonText(b.block_id));
        const unknown = Object.keys(errors).filter((id) => !inputIds.includes(id));
        if (unknown.length > 0)
          throw new SlackDriverError(`response_action "errors" names blocks that are not input blocks of the view: ${unknown.join(', ')}`);
        return result('errors', Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)])));
      }
      case 'update':
        stack[stack.length - 1] = makeView(this.core, this.checkedView(response.view), {
          id: view.id,
          rootViewId: view.root_view_id,
          previousViewId: view.previous_view_id,
          previousState: view.state,
        });
        return result('update');
      case 'push':
        if (stack.length >= 3) throw new SlackDriverError('response_action "push" over three modals deep (Slack: push_limit_reached)');
        stack.push(makeView(this.core, this.checkedView(response.view), { rootViewId: view.root_view_id, previousViewId: view.id }));
        return result('push');
      case 'clear':
        stack.splice(0);
        return result('clear');
      default:
        if (response.response_action !== undefined) throw new SlackDriverError(`unknown response_action ${JSON.stringify(response.response_action)}`);
        stack.pop();
        return result('close');
    }
  }

  /** Closes the modal on top (or the whole stack when clear_on_close); view_closed if notify_on_close. */
  async closeView(args: { user: string; viewId?: string }): Promise<{ delivery: DeliveryOutcome | null; openViews: SlackView[] }> {
    const person = this.person(args.user);
    const stack = this.core.state.modalStack(person.id);
    const view = this.topModal(person, stack, args.viewId);
    const cleared = view.clear_on_close;
    if (cleared) stack.splice(0);
    else stack.pop();
    const delivery = view.notify_on_close ? await this.deliverInteraction(viewClosedPayload(this.core, person, view, cleared), 'view_closed') : null;
    return { delivery, openViews: this.core.state.openViews(person.id) };
  }

  /** Runs a message shortcut (callback_id from the app's manifest) on a stored message. */
  async messageShortcut(args: { user: string; channel: string; ts: string; callbackId: string }): Promise<InteractionResult> {
    const person = this.person(args.user);
    const channel = this.conversation(person, args.channel);
    const message = this.core.state.findMessage(channel.id, args.ts);
    if (!message) throw new SlackDriverError(`no message ${args.ts} in ${channel.id}`);
    const triggerId = this.core.triggers.issue(person.id);
    const responseUrl = this.core.responseUrls.issue(this.core, 'actions', {
      channelId: channel.id,
      userId: person.id,
      messageTs: message.ts,
      ...(message.thread_ts !== undefined ? { threadTs: message.thread_ts } : {}),
    });
    const payload = messageActionPayload(this.core, person, channel, message, { callbackId: args.callbackId, triggerId, responseUrl });
    const delivery = await this.deliverInteraction(payload, 'message_action');
    return { payload, triggerId, responseUrl, delivery, response: delivery.body };
  }

  /** Types a slash command; an immediate answer with text/blocks shows up like Slack shows it. */
  async slashCommand(args: { user: string; channel: string; command: string; text?: string }): Promise<SlashCommandResult> {
    if (!/^\/[a-z0-9_-]+$/i.test(args.command)) throw new SlackDriverError(`"${args.command}" is not a slash command`);
    const person = this.person(args.user);
    const channel = this.conversation(person, args.channel);
    const triggerId = this.core.triggers.issue(person.id);
    const responseUrl = this.core.responseUrls.issue(this.core, 'commands', { channelId: channel.id, userId: person.id });
    const payload = slashCommandPayload(this.core, person, channel, { command: args.command, text: args.text ?? '', triggerId, responseUrl });
    const delivery = await this.core.events.interaction('slash_commands', payload, this.deliverOptions());
    if (!delivery.acked) throw new AppResponseError(`the app did not acknowledge ${args.command} (${this.explain(delivery)})`, delivery);
    const response = delivery.body;
    if (isObject(response) && (response.text !== undefined || response.blocks !== undefined)) this.showCommandAnswer(person, channel, response);
    else if (typeof response === 'string' && response !== '') this.showCommandAnswer(person, channel, { text: response });
    return { payload, triggerId, responseUrl, delivery, response };
  }

  private showCommandAnswer(person: SlackUser, channel: ChannelRecord, response: Record<string, unknown>): void {
    let content;
    try {
      content = messageContent(this.core, { text: response.text, blocks: response.blocks, attachments: response.attachments });
    } catch (error) {
      if (error instanceof SlackApiError)
        throw new SlackDriverError(`the app answered the command with an invalid message: ${error.error} ${JSON.stringify(error.extra)}`);
      throw error;
    }
    if (response.response_type === 'in_channel') {
      storeBotMessage(this.core, channel, botMessage(this.core, content));
      return;
    }
    this.core.state.addEphemeral({
      channel: channel.id,
      user: person.id,
      ts: this.core.clock.next(),
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      source: 'command_ack',
    });
  }

  private deliverOptions(): { signingSecret?: string } {
    return this.signingSecret === undefined ? {} : { signingSecret: this.signingSecret };
  }

  private explain(delivery: DeliveryOutcome): string {
    const last = delivery.attempts.at(-1);
    return last?.status !== undefined ? `HTTP ${last.status}` : (last?.error ?? 'no answer');
  }

  private async deliverInteraction(payload: JsonObject, label: string): Promise<DeliveryOutcome> {
    const delivery = await this.core.events.interaction('interactive', payload, this.deliverOptions());
    if (!delivery.acked) throw new AppResponseError(`the app did not acknowledge ${label} (${this.explain(delivery)})`, delivery);
    return delivery;
  }

  private async sendBlockAction(person: SlackUser, source: ActionSource, action: JsonObject): Promise<InteractionResult> {
    const triggerId = this.core.triggers.issue(person.id);
    const payload = blockActionsPayload(this.core, person, source, action, triggerId);
    const delivery = await this.deliverInteraction(payload, 'block_actions');
    return {
      payload,
      triggerId,
      ...(source.kind !== 'view' ? { responseUrl: source.responseUrl } : {}),
      delivery,
      response: delivery.body,
    };
  }

  private person(user: string): SlackUser {
    const found = this.core.state.findUser(user);
    if (!found || found.is_bot) throw new SlackDriverError(`no person "${user}" in the workspace`);
    return found;
  }

  /** A channel the person is in; the bot user id stands for the person's DM with the app. */
  private conversation(person: SlackUser, channel: string): ChannelRecord {
    const found = channel === this.core.app.botUserId ? imChannel(this.core, person.id).channel : this.core.state.findChannel(channel);
    if (!found) throw new SlackDriverError(`no channel "${channel}"`);
    if (!found.members.has(person.id)) throw new SlackDriverError(`${person.name} is not a member of ${found.name || found.id}`);
    return found;
  }

  private source(person: SlackUser, target: ElementTarget): ActionSource {
    if ('home' in target) {
      const view = this.core.state.findView(this.core.state.homeView(person.id)?.id ?? '')?.view;
      if (!view) throw new SlackDriverError(`${person.name} has no App Home view (views.publish was not called)`);
      return { kind: 'view', view };
    }
    if ('ephemeralTs' in target) {
      const ephemeral = this.core.state.findEphemeral(person.id, target.ephemeralTs);
      if (!ephemeral) throw new SlackDriverError(`${person.name} has no message ${target.ephemeralTs} that only they see`);
      const channel = this.conversation(person, ephemeral.channel);
      const responseUrl = this.core.responseUrls.issue(this.core, 'actions', {
        channelId: channel.id,
        userId: person.id,
        ephemeralTs: ephemeral.ts,
        ...(ephemeral.thread_ts !== undefined ? { threadTs: ephemeral.thread_ts } : {}),
      });
      return { kind: 'ephemeral', channel, ephemeral, responseUrl };
    }
    if ('viewId' in target) {
      const found = this.core.state.findView(target.viewId);
      if (!found || found.userId !== person.id) throw new SlackDriverError(`${person.name} has no open view ${target.viewId}`);
      if (found.view.type === 'modal' && this.core.state.modalStack(person.id).at(-1)?.id !== target.viewId) {
        throw new SlackDriverError(`view ${target.viewId} is not the modal on top of ${person.name}'s stack`);
      }
      return { kind: 'view', view: found.view };
    }
    const channel = this.conversation(person, target.channel);
    const message = this.core.state.findMessage(channel.id, target.ts);
    if (!message) throw new SlackDriverError(`no message ${target.ts} in ${channel.id}`);
    const responseUrl = this.core.responseUrls.issue(this.core, 'actions', {
      channelId: channel.id,
      userId: person.id,
      messageTs: message.ts,
      ...(message.thread_ts !== undefined ? { threadTs: message.thread_ts } : {}),
    });
    return { kind: 'message', channel, message, responseUrl };
  }

  private locate(
    source: ActionSource,
    match: { actionId: string; blockId?: string; value?: string },
    accept: (element: JsonObject) => boolean,
  ): LocatedElement {
    const blocks = source.kind === 'view' ? source.view.blocks : ((source.kind === 'message' ? source.message : source.ephemeral).blocks ?? []);
    const found = findElements(blocks, match).filter((located) => accept(located.element));
    const where = source.kind === 'view' ? `view ${source.view.id}` : `message ${(source.kind === 'message' ? source.message : source.ephemeral).ts}`;
    if (found.length === 0) {
      throw new SlackDriverError(
        `no matching element with action_id "${match.actionId}"${match.blockId ? ` in block "${match.blockId}"` : ''} in ${where}; it has: ${describeElements(blocks)}`,
      );
    }
    if (found.length > 1) throw new SlackDriverError(`action_id "${match.actionId}" is in several blocks of ${where}; pass blockId`);
    return found[0] as LocatedElement;
  }

  private topModal(person: SlackUser, stack: SlackView[], viewId: string | undefined): SlackView {
    const top = stack.at(-1);
    if (!top) throw new SlackDriverError(`${person.name} has no modal open`);
    if (viewId !== undefined && top.id !== viewId)
      throw new SlackDriverError(`view ${viewId} is not the modal on top of ${person.name}'s stack (top: ${top.id})`);
    return top;
  }

  private checkedView(view: unknown): Record<string, unknown> {
    const problems = validateView(view, ['modal']);
    if (problems.length > 0) throw new SlackDriverError(`the app answered with an invalid view: ${problems.join('; ')}`);
    return view as Record<string, unknown>;
  }

  /** state.values for a submission: given values, else what the person entered before, else initial values. */
  private submittedValues(view: SlackView, values: ViewValues): SlackView['state']['values'] {
    const used = new Set<string>();
    const state: SlackView['state']['values'] = {};
    for (const block of view.blocks) {
      if (block.type !== 'input' || !isObject(block.element)) continue;
      const element = block.element;
      const blockId = jsonText(block.block_id);
      const actionId = jsonText(element.action_id);
      const key = [`${blockId}/${actionId}`, actionId, blockId].find((k) => k in values);
      let value: JsonObject;
      if (key !== undefined) {
        used.add(key);
        value = valueObject(this.core.state, element, values[key] as Choice);
      } else {
        value = view.state.values[blockId]?.[actionId] ?? initialValueObject(element);
      }
      const label = isObject(block.label) ? jsonText(block.label.text) : blockId;
      if (block.optional !== true && isEmptyValue(value))
        throw new SlackDriverError(`Slack would not submit: required input "${label}" (${blockId}/${actionId}) is empty`);
      if (typeof value.value === 'string') {
        const { min_length: min, max_length: max } = element;
        if (typeof min === 'number' && value.value.length < min)
          throw new SlackDriverError(`Slack would not submit: "${label}" needs at least ${min} characters`);
        if (typeof max === 'number' && value.value.length > max)
          throw new SlackDriverError(`Slack would not submit: "${label}" allows at most ${max} characters`);
      }
      state[blockId] = { [actionId]: value };
    }
    const unused = Object.keys(values).filter((k) => !used.has(k));
    if (unused.length > 0) throw new SlackDriverError(`no input block for ${unused.join(', ')} in view ${view.id}`);
    return state;
  }
}
