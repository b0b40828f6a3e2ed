import { MEDIA_FIELDS, PLACE_FIELDS, POLL_FIELDS, TWEET_EXPANSIONS, TWEET_FIELDS, USER_EXPANSIONS, USER_FIELDS } from '../fields.js';
import { idParam, listParam } from '../validation.js';

/** The field/expansion parameters every tweet-returning endpoint takes (TweetFieldsParameter etc.). */
export const tweetViewParams = {
  'tweet.fields': listParam('tweet.fields', TWEET_FIELDS).optional(),
  expansions: listParam('expansions', TWEET_EXPANSIONS).optional(),
  'user.fields': listParam('user.fields', USER_FIELDS).optional(),
  'media.fields': listParam('media.fields', MEDIA_FIELDS).optional(),
  'poll.fields': listParam('poll.fields', POLL_FIELDS).optional(),
  'place.fields': listParam('place.fields', PLACE_FIELDS).optional(),
};

export const userViewParams = {
  'user.fields': listParam('user.fields', USER_FIELDS).optional(),
  expansions: listParam('expansions', USER_EXPANSIONS).optional(),
  'tweet.fields': listParam('tweet.fields', TWEET_FIELDS).optional(),
};

export const idPath = { id: idParam('id') };
