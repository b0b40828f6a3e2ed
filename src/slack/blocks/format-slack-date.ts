/** Slack shows the date in each reader's own time zone; the fallback is for clients that can't. */
export function formatSlackDate(date: Date, format = '{date_short_pretty} {time}'): string {
  const epochSeconds = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${epochSeconds}^${format}|${fallback}>`;
}
