import { networkOf } from '../channels/networks.js';
import type { Platform } from '../generated/prisma/enums.js';

/** The adapter a conversation's network is reached through; a network without one configured is an error to fix. */
export function channelOf<Channel>(channels: ReadonlyMap<Platform, Channel>, platform: Platform): Channel {
  const channel = channels.get(platform);
  if (!channel) throw new Error(`Earshot is not connected to ${networkOf(platform).name}: its credentials are not configured`);
  return channel;
}
