import { dmsRoutes } from './dms.js';
import { likesRoutes } from './likes.js';
import type { ApiRoute } from './route.js';
import { tweetsRoutes } from './tweets.js';
import { usersRoutes } from './users.js';

/** Every X API v2 route the emulator serves. */
export const apiRoutes: readonly ApiRoute[] = [...usersRoutes, ...tweetsRoutes, ...likesRoutes, ...dmsRoutes];

export type { ApiRoute, Policy } from './route.js';
