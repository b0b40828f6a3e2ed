import type { Platform } from '../generated/prisma/enums.js';
import type { Network } from './network.js';
import { blueskyNetwork } from './bluesky/bluesky-network.js';
import { facebookNetwork } from './meta/facebook-network.js';
import { instagramNetwork } from './meta/instagram-network.js';
import { xNetwork } from './x/x-network.js';

/** The networks Earshot has an adapter for. A `Platform` missing here has none yet. */
const supported: { readonly [Id in Platform]?: Network } = { x: xNetwork, bluesky: blueskyNetwork, facebook: facebookNetwork, instagram: instagramNetwork };

/** The network of a stored account, author, conversation or message. */
export function networkOf(id: Platform): Network {
  const network = supported[id];
  if (!network) throw new Error(`Earshot has no adapter for the network "${id}" yet`);
  return network;
}

/** The network with this id, when the text is one Earshot supports (audit surfaces, command words). */
export function findNetwork(id: string): Network | undefined {
  return Object.values(supported).find((network) => network.id === id);
}

export function supportedNetworks(): Network[] {
  return Object.values(supported);
}

/** The supported networks' names for a sentence: "X", "X or Bluesky", "X, Bluesky or Facebook". */
export function supportedNetworkNames(conjunction: 'or' | 'and'): string {
  return listNetworkNames(supportedNetworks(), conjunction);
}

/** Names for a sentence: "X", "X or Bluesky", "X, Bluesky and Facebook". */
export function listNetworkNames(networks: readonly Network[], conjunction: 'or' | 'and'): string {
  const names = networks.map((network) => network.name);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}
