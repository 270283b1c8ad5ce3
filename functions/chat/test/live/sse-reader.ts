/** A test helper: reads server-sent events from a fetch response into a list, until closed. */
export function readEvents(response: Response) {
  const events: { event: string; data: string; id?: string }[] = [];
  const comments: string[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done: finished } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (finished) return;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields: Record<string, string> = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) comments.push(line.slice(1).trim());
          else {
            const colon = line.indexOf(':');
            fields[line.slice(0, colon)] = (fields[line.slice(0, colon)] ? `${fields[line.slice(0, colon)]}\n` : '') + line.slice(colon + 1).replace(/^ /, '');
          }
        }
        if (fields.data !== undefined) events.push({ event: fields.event ?? 'message', data: fields.data, ...(fields.id ? { id: fields.id } : {}) });
      }
    }
  })();
  return {
    events,
    comments,
    done,
    /** Waits until an event matches, or fails after `timeoutMs`. */
    async waitFor(match: (event: { event: string; data: string; id?: string }) => boolean, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = events.find(match);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
    },
    cancel: () => reader.cancel().catch(() => undefined),
  };
}
