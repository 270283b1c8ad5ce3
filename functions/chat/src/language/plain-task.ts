import { addIntent } from './add-intent';
import type { Intent, ParseContext } from './intent';
import { hasOtherScript, isOtherLanguage } from './other-language';
import { QUESTION } from './question';


/** A command the parser knows, given without what it needs ("delete", "rename 2", "move it"): its own answer says what is missing. */
const INCOMPLETE_COMMAND = /^(?:(?:add|create|new)(?:\s+(?:a|an|new))?(?:\s+(?:task|todo|to-do|item|reminder))?|delete|remove|complete|rename|move|reschedule|postpone|tag|untag|remind|make|change|update|set|mark|reopen|clear|show|list|find|search|cancel|undo|edit)(?:\s+(?:it|that|this|me|all|everything|tasks?|#?\d{1,3}|(?:my|the)\s+(?:list|tasks)))?$/i;
/** Requests to the assistant itself, not things to do. */
/** Chit-chat that is no task: "lol", "ur so slow", "you're great". */
const CHITCHAT = /^(?:lol|lmao|rofl|haha+|hehe+|k|kk|ok+|okay|cool|nice|wow|omg|ugh|meh|hm{2,}|yay|yes|yep|yeah|no|nope|sure|whatever|(?:ur|you'?re|you\s+are|u\s+r)\s+(?:so\s+|very\s+|really\s+)?\p{L}+)[!.?]*$/iu;
const TO_THE_ASSISTANT = /^(?:tell|show|give|teach|explain|sing|talk|say)\s+(?:me|us)\b|^(?:who|what)\s+are\s+you\b|^(?:write|compose|draw|generate)\s+(?:me|us)\s+(?:a|an|some)\b|^(?:order|book|call|get|fetch|bring|find)\s+(?:me|us)\s+(?:a|an|some)\s+(?:taxi|cab|uber|pizza|coffee|ride|drink|car)\b/i;
/** Markup, or a run along one keyboard row ("asdfghjkl"): nothing a person would keep as a task. */
const NOT_WORDS = /<\/?[a-z][^<>]*>|qwert|werty|ertyu|asdfg|sdfgh|dfghj|fghjk|ghjkl|zxcvb|xcvbn|cvbnm/i;
/** A word: letters (with ' or -) of two or more. */
const WORD = /\p{L}[\p{L}'-]*\p{L}/u;

export const CAN_DO = 'I can add tasks ("buy milk tomorrow 5pm"), list them ("what\'s due this week?"), change, complete or delete them, and remind you';
export const OTHER_LANGUAGE: Intent = { kind: 'unknown', reason: `I only understand English so far. ${CAN_DO}` };

/**
 * A message nothing else understood: a note with no command and no question is a task to add
 * ("buy eggs and bread"); a question that is not about tasks, or another language, gets an answer that
 * says what the chat can do, and never becomes a task.
 */
export function plainTask(text: string, context: ParseContext): Intent | undefined {
  if (hasOtherScript(text) || isOtherLanguage(text)) return OTHER_LANGUAGE;
  if (QUESTION.test(text) || TO_THE_ASSISTANT.test(text) || CHITCHAT.test(text)) return { kind: 'unknown', reason: `I can only answer questions about your tasks. ${CAN_DO}` };
  if (INCOMPLETE_COMMAND.test(text) || NOT_WORDS.test(text) || !WORD.test(text)) return undefined;
  const intent = addIntent(`add ${text}`, context);
  return intent?.kind === 'add' ? intent : undefined;
}
