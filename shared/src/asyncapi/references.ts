import type { ContentMode } from './content-modes';
import type { EventForm } from './event-forms';
import { messageId } from './messages';

/** What the channels and operations are built from: the event forms, and the ids of the messages that are no event. */
export interface DocumentInputs {
  forms: readonly EventForm[];
  deadLetterMessages: readonly string[];
  eventsAnswers: readonly string[];
  daprEventsAnswers: readonly string[];
}

export const channel = (id: string) => ({ $ref: `#/channels/${id}` });
/** A channel's messages: each id pointing at its component message. */
export const channelMessages = (ids: readonly string[]) => Object.fromEntries(ids.map((id) => [id, { $ref: `#/components/messages/${id}` }]));
/** An operation's messages: references into its own channel's messages, as AsyncAPI 3 asks. */
export const inChannel = (id: string, messages: readonly string[]) => messages.map((message) => ({ $ref: `#/channels/${id}/messages/${message}` }));
export const idsOf = (forms: readonly EventForm[], modes: readonly ContentMode[]) => forms.flatMap((form) => modes.map((mode) => messageId(form, mode)));
/** The forms only a producer outside this system writes: commands as they come in. */
export const incomingForms = (forms: readonly EventForm[]) => forms.filter((form) => form.read && !form.written);
