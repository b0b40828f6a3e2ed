import { appsMethods, authMethods } from './auth.js';
import { chatMethods } from './chat.js';
import { conversationsMethods } from './conversations.js';
import { filesMethods } from './files.js';
import { reactionsMethods } from './reactions.js';
import type { MethodTable } from './router.js';
import { usersMethods } from './users.js';
import { viewsMethods } from './views.js';

/** Every Web API method the emulator implements. */
export const webApiMethods: MethodTable = {
  ...authMethods,
  ...appsMethods,
  ...chatMethods,
  ...viewsMethods,
  ...conversationsMethods,
  ...usersMethods,
  ...reactionsMethods,
  ...filesMethods,
};
