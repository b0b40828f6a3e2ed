import type { SurgeSettings } from '../config/load-config.js';
import type { Logger } from '../log/create-logger.js';
import { checkSurges, type SurgeCheckDependencies } from './check-surges.js';

/**
 * The surge check to run after each poll of mentions, or undefined when SURGE_CHANNEL is unset
 * (surge alerts off). A failed check is logged and does not fail the poll: the next poll checks again.
 */
export function surgeCheckAfterPoll(
  deps: Omit<SurgeCheckDependencies, 'settings'> & { settings: SurgeSettings; logger: Logger },
): (() => Promise<void>) | undefined {
  const { channelId } = deps.settings;
  if (!channelId) return undefined;
  deps.logger.info({ channel: channelId, windowMinutes: deps.settings.windowMinutes, keywords: deps.settings.keywords.length }, 'surge alerts on');
  return () =>
    checkSurges({ ...deps, settings: { ...deps.settings, channelId } }).catch((error: unknown) =>
      deps.logger.error({ err: error }, 'surge check failed; the next poll checks again'),
    );
}
