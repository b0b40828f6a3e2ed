/** Said instead of a private conversation's text to someone outside its channel (mrkdwn). */
export function hiddenPreviewNotice(channelId: string): string {
  return `_🔒 Private conversation — preview hidden. Join <#${channelId}> to see it._`;
}
