import { actorMethods } from './actor.js';
import { feedMethods } from './feed.js';
import type { XrpcMethod } from './method.js';
import { notificationMethods } from './notification.js';
import { repoMethods } from './repo.js';
import { serverMethods } from './server.js';

/** Every XRPC method the emulator serves, by NSID. */
export const xrpcMethods: readonly XrpcMethod[] = [...serverMethods, ...repoMethods, ...notificationMethods, ...feedMethods, ...actorMethods];

export type { XrpcMethod } from './method.js';
